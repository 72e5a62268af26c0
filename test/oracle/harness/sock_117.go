//go:build oracle_logrus && !oracle_sock_noskip

package main

import (
	"github.com/cilium/cilium/pkg/hubble/parser/sock"
	"github.com/cilium/cilium/pkg/hubble/testutils"
)

// Unknown cgroup ids are kept (skipUnknownCGroupIDs false): the flows are what is compared.
func newSockParser() *sock.Parser {
	p, err := sock.New(quietLogger(), &testutils.NoopEndpointGetter, &testutils.NoopIdentityGetter,
		&testutils.NoopDNSGetter, &testutils.NoopIPGetter, &testutils.NoopServiceGetter, &testutils.NoopPodMetadataGetter, false)
	if err != nil {
		panic(err)
	}
	return p
}
