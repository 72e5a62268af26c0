//go:build accesslog_nokafka

package main

import "github.com/cilium/cilium/pkg/proxy/accesslog"

// kafkaRecords: 1.20's record has no Kafka part.
func kafkaRecords(func(accesslog.FlowType, accesslog.ObservationPoint, accesslog.FlowVerdict) accesslog.LogRecord) []accesslog.LogRecord {
	return nil
}
