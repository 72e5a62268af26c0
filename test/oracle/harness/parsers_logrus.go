//go:build oracle_logrus

package main

import (
	"io"

	"github.com/cilium/cilium/pkg/hubble/parser/threefour"
	"github.com/cilium/cilium/pkg/hubble/testutils"
	"github.com/sirupsen/logrus"
)

func quietLogger() logrus.FieldLogger {
	l := logrus.New()
	l.SetOutput(io.Discard)
	return l
}

func newThreeFourParser() *threefour.Parser {
	p, err := threefour.New(quietLogger(), &testutils.NoopEndpointGetter, &testutils.NoopIdentityGetter,
		&testutils.NoopDNSGetter, &testutils.NoopIPGetter, &testutils.NoopServiceGetter, numericLinks{})
	if err != nil {
		panic(err)
	}
	return p
}
