//go:build oracle_logrus && oracle_sock_noskip

package main

import (
	"github.com/cilium/cilium/pkg/hubble/parser/sock"
	"github.com/cilium/cilium/pkg/hubble/testutils"
)

func newSockParser() *sock.Parser {
	p, err := sock.New(quietLogger(), &testutils.NoopEndpointGetter, &testutils.NoopIdentityGetter,
		&testutils.NoopDNSGetter, &testutils.NoopIPGetter, &testutils.NoopServiceGetter, &testutils.NoopPodMetadataGetter)
	if err != nil {
		panic(err)
	}
	return p
}
