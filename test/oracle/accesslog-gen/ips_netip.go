//go:build !accesslog_net_ip

package main

import "net/netip"

// dnsIPs are the DNS answer addresses of the i-th DNS response (netip.Addr, 1.17 on).
func dnsIPs(i int) []netip.Addr {
	switch i {
	case 1:
		return []netip.Addr{netip.MustParseAddr("93.184.216.34")}
	case 2:
		return []netip.Addr{netip.MustParseAddr("2001:db8::1"), netip.MustParseAddr("::ffff:10.0.0.1"), netip.MustParseAddr("::"), netip.MustParseAddr("0.0.0.0")}
	case 3:
		return []netip.Addr{{}, netip.MustParseAddr("fe80::1%eth0"), netip.MustParseAddr("1:2:3:4:5:6:7:8"), netip.MustParseAddr("1:0:0:2:0:0:0:3")}
	}
	return nil
}
