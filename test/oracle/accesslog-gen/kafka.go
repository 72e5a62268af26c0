//go:build !accesslog_nokafka

package main

import "github.com/cilium/cilium/pkg/proxy/accesslog"

// kafkaRecords are Kafka requests and responses (the record has a Kafka part up to 1.19).
func kafkaRecords(base func(accesslog.FlowType, accesslog.ObservationPoint, accesslog.FlowVerdict) accesslog.LogRecord) []accesslog.LogRecord {
	var out []accesslog.LogRecord
	for i, k := range []accesslog.LogRecordKafka{
		{ErrorCode: 0, APIVersion: 3, APIKey: "produce", CorrelationID: 12345, Topic: accesslog.KafkaTopic{Topic: "orders"}},
		{ErrorCode: 29, APIVersion: -1, APIKey: "fetch", CorrelationID: -2147483648, Topic: accesslog.KafkaTopic{}},
		{ErrorCode: -9223372036854775808, APIVersion: 32767, APIKey: "", CorrelationID: 2147483647, Topic: accesslog.KafkaTopic{Topic: "t<&>\u00e9"}},
		{},
	} {
		r := base([]accesslog.FlowType{accesslog.TypeRequest, accesslog.TypeResponse, accesslog.TypeSample, accesslog.TypeRequest}[i], accesslog.Egress, accesslog.VerdictForwarded)
		r.Kafka = &k
		out = append(out, r)
	}
	return out
}
