// Command accesslog-gen writes L7 access-log records (monitor message type 129) as the agent
// sends them to `cilium monitor`: the type byte, then one gob-encoded accesslog.LogRecord
// value (the agent encodes the record itself, which the monitor decodes into LogRecordNotify).
//
// This program is ours, not Cilium's. Like the oracle harness it is copied into a pinned Cilium
// tree and built there against the vendored modules (docs/go-differential.md), so the
// gob type definitions are exactly those of that release's LogRecord. Build tags pick the
// struct generation: accesslog_net_ip (1.16: DNS IPs are net.IP), accesslog_nokafka (1.20:
// no Kafka record).
//
// Output (stdout): one record per line, as hex. With -dns-types: the DNS type mnemonics the
// monitor prints (github.com/cilium/dns TypeToString) as JSON.
package main

import (
	"bytes"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"

	"github.com/cilium/dns"

	"github.com/cilium/cilium/pkg/labels"
	"github.com/cilium/cilium/pkg/proxy/accesslog"
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func ep(id uint64, identity uint64, v4, v6 string, port uint16, ls ...string) accesslog.EndpointInfo {
	var arr labels.LabelArray
	for i := 0; i+2 < len(ls); i += 3 {
		arr = append(arr, labels.Label{Source: ls[i], Key: ls[i+1], Value: ls[i+2]})
	}
	return accesslog.EndpointInfo{ID: id, IPv4: v4, IPv6: v6, Port: port, Identity: identity, Labels: arr}
}

// urls the proxy may report (each travels as the URL's MarshalBinary, its String()).
var urls = []string{
	"http://example.com/path?q=1#frag",
	"https://user:pa%20ss@[fe80::1%25eth0]:8443/a%20b/c?x=%41&y#f%20g",
	"/relative/only",
	"http://host/caf%C3%A9/%C3%BC?k=v+w",
	"mailto:someone@example.com",
	"http://h/p?",
	"//host/path",
	"http://h/a%2Fb/c",
	"http://h/#",
	"http://user@h:80",
	"HTTP://Example.COM:8080/Up/../x?a=<b>&c=\"d\"",
	"http://h/p#frag/with?q",
	"http://h/%7Etilde/!$&'()*+,;=:@",
	"http://[::1]:9090/metrics",
	"http://10.0.0.1/\u00e9t\u00e9?\u00fc=1#\u00e4",
	"http://h/a b",
	"http://h/a;b,c",
	"http://h/?q=a%26b#x%23y",
	"http://:8080/",
	"https://h/f#a!(*)'",
}

func main() {
	dnsTypes := flag.Bool("dns-types", false, "print the DNS type mnemonics as JSON")
	flag.Parse()
	if *dnsTypes {
		out := map[string]string{}
		for t, s := range dns.TypeToString {
			out[fmt.Sprint(t)] = s
		}
		must(0, json.NewEncoder(os.Stdout).Encode(out))
		return
	}

	src := ep(1234, 56789, "10.0.1.23", "f00d::a0f:0:0:1", 45678, "k8s", "app", "frontend", "k8s", "io.kubernetes.pod.namespace", "default")
	dst := ep(2345, 16777217, "10.0.2.5", "", 80, "k8s", "app", "backend", "reserved", "world", "")
	odd := ep(18446744073709551615, 4294967295, "", "::ffff:10.0.0.1", 65535, "k8s", "k\"ey<>&", "v\u00e9\u4e2d\U0001F600 \t\n\u2028", "", "", "", "unspec", "k", "")
	var records []accesslog.LogRecord
	add := func(r accesslog.LogRecord) { records = append(records, r) }
	base := func(t accesslog.FlowType, op accesslog.ObservationPoint, v accesslog.FlowVerdict) accesslog.LogRecord {
		return accesslog.LogRecord{
			Type: t, Timestamp: "2026-12-03T10:11:12.123456789Z", ObservationPoint: op,
			NodeAddressInfo: accesslog.NodeAddressInfo{IPv4: "192.168.1.1", IPv6: "fd00::1"},
			SourceEndpoint:  src, DestinationEndpoint: dst, IPVersion: accesslog.VersionIPv4, Verdict: v,
			Info: "matched rule", TransportProtocol: 6,
		}
	}

	// HTTP: every type × observation point × verdict, then URL and header shapes.
	types := []accesslog.FlowType{accesslog.TypeRequest, accesslog.TypeResponse, accesslog.TypeSample, "", "Other"}
	points := []accesslog.ObservationPoint{accesslog.Ingress, accesslog.Egress, "", "Sideways"}
	verdicts := []accesslog.FlowVerdict{accesslog.VerdictForwarded, accesslog.VerdictDenied, accesslog.VerdictError, accesslog.VerdictRedirected, ""}
	for _, t := range types {
		for _, op := range points {
			for _, v := range verdicts {
				r := base(t, op, v)
				r.HTTP = &accesslog.LogRecordHTTP{Code: 200, Method: "GET", URL: must(url.Parse("http://backend.default.svc:80/api/v1/items?id=7")), Protocol: "HTTP/1.1",
					Headers: http.Header{"Accept": {"*/*"}, "X-Request-Id": {"1f2e3d"}}}
				if v == accesslog.VerdictDenied {
					r.HTTP.Code = 403
					dr := accesslog.DropReason(133)
					r.DropReason = &dr
				}
				add(r)
			}
		}
	}
	for i, u := range urls {
		r := base(types[i%2], points[i%2], accesslog.VerdictForwarded)
		r.HTTP = &accesslog.LogRecordHTTP{Code: i * 37, Method: []string{"POST", "", "DELETE", "M\u00e9thode <x>"}[i%4], URL: must(url.Parse(u)), Protocol: "HTTP/2"}
		add(r)
	}
	{
		r := base(accesslog.TypeRequest, accesslog.Ingress, accesslog.VerdictDenied)
		r.HTTP = &accesslog.LogRecordHTTP{Code: -1, Method: "PUT", Protocol: "HTTP/1.0",
			Headers:         http.Header{"B": {"2", "3"}, "A": {"1"}, "1": {""}, "Z<&>": {"v\"\\"}, "Empty": {}, "\u00e9": {"\u00e9"}},
			MissingHeaders:  http.Header{"X-Needed": {"yes"}},
			RejectedHeaders: http.Header{"X-Bad": {"evil", "worse"}}}
		add(r)
		r = base(accesslog.TypeResponse, accesslog.Egress, accesslog.VerdictForwarded)
		r.HTTP = &accesslog.LogRecordHTTP{URL: &url.URL{}}
		add(r)
		r = base(accesslog.TypeResponse, accesslog.Egress, accesslog.VerdictForwarded)
		r.HTTP = &accesslog.LogRecordHTTP{Code: 9223372036854775807}
		r.ServiceInfo = &accesslog.ServiceInfo{Name: "backend", IPPort: accesslog.IPPort{IP: "10.96.0.10", Port: 80}}
		r.Metadata = []string{"a", "", "b"}
		r.SourceEndpoint = odd
		add(r)
		r = base(accesslog.TypeRequest, accesslog.Egress, accesslog.VerdictForwarded)
		r.HTTP = &accesslog.LogRecordHTTP{}
		r.SourceEndpoint = accesslog.EndpointInfo{}
		r.DestinationEndpoint = odd
		r.IPVersion = accesslog.VersionIPV6
		add(r)
	}

	// DNS: requests and responses with IPs, CNAMEs, qtypes (known, unknown), sources, rcodes.
	qtypes := [][]uint16{nil, {1}, {28}, {1, 28, 5, 16, 33, 65, 255, 0, 9999, 65535}, {}}
	for i, qt := range qtypes {
		for _, t := range types[:4] {
			r := base(t, points[i%3], verdicts[i%5])
			r.TransportProtocol = 17
			r.DNS = &accesslog.LogRecordDNS{Query: []string{"example.com.", "", "a.b.c.svc.cluster.local.", "x<y>&\"z\".", "\u00fcnicode.example."}[i],
				QTypes: qt, ObservationSource: []accesslog.DNSDataSource{accesslog.DNSSourceProxy, "", "standalone-proxy", "other", accesslog.DNSSourceProxy}[i]}
			if t == accesslog.TypeResponse {
				r.DNS.IPs = dnsIPs(i)
				r.DNS.TTL = []uint32{0, 30, 4294967295, 300, 1}[i]
				r.DNS.CNAMEs = [][]string{nil, {"alias.example.com."}, {"a.", "b.", "c."}, {""}, {}}[i]
				r.DNS.RCode = []int{0, 3, 2, -1, 5}[i]
				r.DNS.AnswerTypes = [][]uint16{nil, {1}, {5, 28}, {65535}, {}}[i]
			}
			add(r)
		}
	}

	// Generic L7: protocol names, field maps with and without status (at most one other key:
	// the text form ranges over the map, so with more Go prints them in a random order).
	fields := []map[string]string{nil, {}, {"status": "ok"}, {"method": "get"}, {"status": "", "cmd": "x"}, {"status": "503", "path": "/a b\t<c>"}, {"\u00e9": "\u4e2d"}}
	for i, f := range fields {
		for _, t := range types[:3] {
			r := base(t, points[i%2], verdicts[i%4])
			r.L7 = &accesslog.LogRecordL7{Proto: []string{"r2d2", "", "cassandra", "memcache", "x<y>", "\u00fcber", "kafka"}[i], Fields: f}
			add(r)
		}
	}
	// Kafka (up to 1.19).
	records = append(records, kafkaRecords(base)...)

	// Several protocol parts at once, and none.
	{
		r := base(accesslog.TypeRequest, accesslog.Ingress, accesslog.VerdictForwarded)
		r.HTTP = &accesslog.LogRecordHTTP{Code: 200, Method: "GET", URL: must(url.Parse("http://h/"))}
		r.DNS = &accesslog.LogRecordDNS{Query: "both.example.", QTypes: []uint16{1}}
		r.L7 = &accesslog.LogRecordL7{Proto: "third", Fields: map[string]string{"status": "s"}}
		add(r)
		add(base(accesslog.TypeRequest, accesslog.Ingress, accesslog.VerdictForwarded))
		add(base(accesslog.TypeResponse, accesslog.Egress, accesslog.VerdictDenied))
		add(accesslog.LogRecord{})
		add(accesslog.LogRecord{Type: accesslog.TypeRequest})
	}

	w := os.Stdout
	for _, r := range records {
		var buf bytes.Buffer
		buf.WriteByte(129)
		must(0, gob.NewEncoder(&buf).Encode(r))
		fmt.Fprintln(w, hex.EncodeToString(buf.Bytes()))
	}
}
