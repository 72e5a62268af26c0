//go:build !oracle_logrus

package main

import (
	"io"
	"log/slog"

	"github.com/cilium/cilium/pkg/hubble/parser/options"
	"github.com/cilium/cilium/pkg/hubble/parser/sock"
	"github.com/cilium/cilium/pkg/hubble/parser/threefour"
	"github.com/cilium/cilium/pkg/hubble/testutils"
)

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newThreeFourParser() *threefour.Parser {
	p, err := threefour.New(quietLogger(), &testutils.NoopEndpointGetter, &testutils.NoopIdentityGetter,
		&testutils.NoopDNSGetter, &testutils.NoopIPGetter, &testutils.NoopServiceGetter, numericLinks{})
	if err != nil {
		panic(err)
	}
	return p
}

// Unknown cgroup ids are kept (WithSkipUnknownCGroupIDs(false)): the flows are what is compared.
func newSockParser() *sock.Parser {
	p, err := sock.New(quietLogger(), &testutils.NoopEndpointGetter, &testutils.NoopIdentityGetter,
		&testutils.NoopDNSGetter, &testutils.NoopIPGetter, &testutils.NoopServiceGetter, &testutils.NoopPodMetadataGetter,
		options.WithSkipUnknownCGroupIDs(false))
	if err != nil {
		panic(err)
	}
	return p
}
