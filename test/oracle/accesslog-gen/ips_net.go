//go:build accesslog_net_ip

package main

import "net"

// dnsIPs are the DNS answer addresses of the i-th DNS response (net.IP, 1.16).
func dnsIPs(i int) []net.IP {
	switch i {
	case 1:
		return []net.IP{net.ParseIP("93.184.216.34").To4()}
	case 2:
		return []net.IP{net.ParseIP("2001:db8::1"), net.ParseIP("10.0.0.1"), net.ParseIP("::"), net.IPv4zero.To4()}
	case 3:
		return []net.IP{nil, {1, 2, 3}, net.ParseIP("1:2:3:4:5:6:7:8"), net.ParseIP("1:0:0:2:0:0:0:3")}
	}
	return nil
}
