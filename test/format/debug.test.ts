/**
 * Debug messages and debug captures, from `DebugMsg.Message`/`Dump` and `DebugCapture.DumpInfo`/
 * `DumpVerbose`/`getJSON` (pkg/monitor/datapath_debug.go). Arguments are host-order u32s; the
 * Go helpers swap 16-bit ports (`NetworkToHost16`) and print u32 addresses in memory order.
 */
import { describe, expect, it } from 'vitest';
import type { Release } from '../../src/decode/types.js';
import { formatEvent, SEPARATOR } from '../../src/format/index.js';
import { debugCapture, debugMsg } from './records.js';
import { MAC_A, MAC_B, eth, ipv4, tcp, TCP_ACK, TCP_SYN } from './packets.js';

const msg = (subtype: number, a: { arg1?: number; arg2?: number; arg3?: number } = {}, release: Release = '1.19') =>
  formatEvent(debugMsg(release, { subtype, source: 1562, hash: 0x1f2e3d4c, ...a }), { mode: 'verbose', cpu: 1 });

/** An IPv4 address as the u32 the datapath stores (network order bytes, read little-endian). */
const ip = (a: number, b: number, c: number, d: number) => (a | (b << 8) | (c << 16) | (d << 24)) >>> 0;
/** A port as a __be16 read little-endian. */
const port = (p: number) => ((p & 0xff) << 8) | (p >> 8);

describe('debug messages', () => {
  it('print nothing by default, one CPU/MARK line with -v and -vv', () => {
    const ev = debugMsg('1.19', { subtype: 15, source: 1562, hash: 0x1f2e3d4c, arg1: 1 });
    expect(formatEvent(ev)).toBe('');
    const line = 'CPU 01: MARK 0x1f2e3d4c FROM 1562 DEBUG: CT verdict: Established, revnat=0\n';
    expect(formatEvent(ev, { mode: 'verbose', cpu: 1 })).toBe(line);
    expect(formatEvent(ev, { mode: 'dissect', cpu: 1 })).toBe(line);
  });

  it('JSON is built with %q', () => {
    const ev = debugMsg('1.18', { subtype: 20, arg1: 1 });
    expect(formatEvent(ev, { mode: 'json', cpu: 4 })).toBe(
      '{"cpu":"CPU 04:","type":"debug","message":"Going to the stack, policy-skip=1"}\n',
    );
  });

  it('argument renderings: hex, byte-swapped ports, addresses, CT tuples', () => {
    const text = (subtype: number, a: { arg1?: number; arg2?: number; arg3?: number } = {}) => msg(subtype, a).split('DEBUG: ')[1]?.replace(/\n$/, '');
    expect(text(1, { arg1: 26, arg2: 0 })).toBe('No message, arg1=26 (0x1a) arg2=0 (0x0)');
    expect(text(2, { arg1: 5, arg2: 7 })).toBe('Attempting local delivery for container id 5 from seclabel 7');
    expect(text(4, { arg1: 12, arg2: port(2) })).toBe('Local container found ifindex 12 seclabel 2');
    expect(text(6, { arg1: (40000 << 16) | 80, arg2: (6 << 8) | 1 })).toBe('CT lookup: sport=40000 dport=80 nexthdr=6 flags=OUT');
    expect(text(7, { arg1: 0, arg2: (17 << 8) | 2 })).toBe('CT reverse lookup: sport=0 dport=0 nexthdr=17 flags=RELATED');
    expect(text(8, { arg1: 21600, arg2: port(3) })).toBe('CT entry found lifetime=21600, revnat=3');
    expect(text(9, { arg1: 0, arg2: 0, arg3: port(4) })).toBe('CT created 1/2: sport=0 dport=0 nexthdr=0 flags= revnat=4');
    expect(text(10, { arg1: ip(10, 0, 0, 1), arg2: port(5) })).toBe('CT created 2/2: 10.0.0.1 revnat=5');
    expect(text(13, { arg1: 0xfe80, arg2: 0x1 })).toBe('ICMPv6 neighbour soliciation for address fe80:1');
    expect(text(14)).toBe('Sending ICMPv6 time exceeded');
    expect(text(15, { arg1: 2 })).toBe('CT verdict: Reply, revnat=0');
    expect(text(15, { arg1: 133 })).toBe('CT verdict: Policy denied, revnat=0');
    expect(text(16, { arg1: 3, arg2: 0xabc })).toBe('Tunnel decap: id=3 flowlabel=abc');
    expect(text(21, { arg1: 255, arg2: 2 })).toBe('Packet hash=255 (0xff), selected_service=2');
    expect(text(30, { arg1: ip(10, 96, 0, 10), arg2: port(53) })).toBe('Frontend service lookup, addr=10.96.0.10 key.dport=53');
    expect(text(31)).toBe('Frontend service lookup failed');
    expect(text(42, { arg1: (port(80) << 16) | port(8080), arg2: ip(1, 2, 3, 4), arg3: 6 })).toBe(
      'Reverse proxy lookup sport=80 dport=8080 saddr=1.2.3.4 nexthdr=6',
    );
    expect(text(45, { arg1: port(443), arg2: 1 })).toBe('Resolved L4 policy to: 443 / ingress');
    expect(text(45, { arg1: port(443), arg2: 7 })).toBe('Resolved L4 policy to: 443 / ');
    expect(text(48, { arg1: ip(10, 0, 0, 1), arg2: ip(10, 0, 0, 2), arg3: (80 << 16) | 5000 })).toBe(
      'Conntrack lookup 1/2: src=10.0.0.1:5000 dst=10.0.0.2:80',
    );
    expect(text(49, { arg1: (6 << 8) | 3, arg2: 1, arg3: 2 })).toBe('Conntrack lookup 2/2: nexthdr=6 flags=3 dir=1 scope=2');
    expect(text(50, { arg1: (15001 << 16) | port(7), arg2: 1000, arg3: ip(10, 0, 0, 3) })).toBe(
      'Conntrack create: proxy-port=15001 revnat=7 src-identity=1000 lb=10.0.0.3',
    );
    expect(text(51, { arg1: 0x01000000, arg2: 0x02000000, arg3: (80 << 16) | 5000 })).toBe(
      'Conntrack lookup 1/2: src=[::0:1]:5000 dst=[::0:2]:80',
    );
    expect(text(55, { arg1: 1, arg2: 2, arg3: (port(8080) << 16) | 6 })).toBe(
      'Matched L4 policy; creating conntrack src=1 dst=2 dport=8080 proto=6',
    );
    expect(text(60, { arg1: 1, arg2: 2 })).toBe('Stale CT entry found stale_ct.rev_nat_id=2, svc.rev_nat_id=1');
    expect(text(64, { arg1: 0 })).toBe('Socket assign: Success');
    expect(text(64, { arg1: 2 })).toBe('Socket assign: no such file or directory');
    expect(text(64, { arg1: 200 })).toBe('Socket assign: errno 200');
    expect(text(65, { arg1: ip(10, 0, 0, 1), arg2: ip(10, 0, 0, 2), arg3: 10000 })).toBe('L7 LB from 10.0.0.1 to 10.0.0.2: proxy port 10000');
  });

  it('IPv6 loopback SNAT kinds exist only in 1.19; unknown kinds print their numbers', () => {
    expect(msg(66, { arg1: 0xa, arg2: 0xb })).toContain('DEBUG: Loopback SNAT from.p4=a to.p4=b\n');
    expect(msg(66, { arg1: 0xa, arg2: 0xb }, '1.18')).toContain('DEBUG: Unknown message type=66 arg1=10 arg2=11\n');
    expect(msg(200, { arg1: 1, arg2: 2, arg3: 3 })).toContain('DEBUG: Unknown message type=200 arg1=1 arg2=2\n');
  });
});

describe('debug captures', () => {
  const synAck = () => eth(MAC_B, MAC_A, 0x0800, ipv4([10, 0, 1, 184], [172, 26, 50, 201], 6, tcp(8080, 56134, TCP_SYN | TCP_ACK)));

  it('summary only for kinds with a prefix', () => {
    const delivery = debugCapture('1.19', { subtype: 4, arg1: 12, packet: synAck() });
    expect(formatEvent(delivery, { interfaceName: () => 'lxc12ab' })).toBe(
      '-> lxc12ab: 10.0.1.184:8080 -> 172.26.50.201:56134 tcp SYN, ACK\n',
    );
    expect(formatEvent(debugCapture('1.19', { subtype: 5, arg1: 3 }))).toBe('<- load-balancer 3: [unknown]\n');
    expect(formatEvent(debugCapture('1.19', { subtype: 6, arg1: 3 }))).toBe('== v4->v6 3: [unknown]\n');
    expect(formatEvent(debugCapture('1.19', { subtype: 7, arg1: 3 }))).toBe('== v6->v4 3: [unknown]\n');
    expect(formatEvent(debugCapture('1.19', { subtype: 9, arg1: port(15001) }))).toBe('-> proxy port 15001: [unknown]\n');
    expect(formatEvent(debugCapture('1.19', { subtype: 8, arg1: port(15001) }))).toBe('');
  });

  it('-vv: 1.19 leaves the header unterminated and counts len_cap; older releases end it and count len_orig', () => {
    const packet = new Uint8Array([0xde, 0xad]);
    const v19 = debugCapture('1.19', { subtype: 8, source: 9, hash: 2, origLen: 100, arg1: port(15001), packet });
    expect(formatEvent(v19, { mode: 'hex', cpu: 5 })).toBe(
      SEPARATOR + 'CPU 05: MARK 0x2 FROM 9 DEBUG: 2 bytes, Packet to proxy port 15001 (Pre)' + '00000000  de ad                                             |..|\n',
    );
    const v18 = debugCapture('1.18', { subtype: 10, source: 9, hash: 2, origLen: 100, arg1: 4, packet });
    expect(formatEvent(v18, { mode: 'hex', cpu: 5 })).toBe(
      SEPARATOR + 'CPU 05: MARK 0x2 FROM 9 DEBUG: 100 bytes, Packet going into snat engine on ifindex 4\n' + '00000000  de ad                                             |..|\n',
    );
    const unknown = debugCapture('1.16', { subtype: 2, arg1: 4 });
    expect(formatEvent(unknown, { mode: 'hex' })).toBe(SEPARATOR + 'CPU 00: MARK 0x0 FROM 0 DEBUG: 0 bytes, Unknown message type=2 arg1=4\n');
  });

  it('JSON: message, prefix when present, connection summary string', () => {
    const ev = debugCapture('1.19', { subtype: 11, source: 3, hash: 1, arg1: 4, packet: synAck() });
    expect(formatEvent(ev, { mode: 'json' })).toBe(
      '{"cpu":"CPU 00:","type":"capture","mark":"0x1","message":"Packet coming from snat engine on ifindex 4","source":3,"bytes":54,"summary":"10.0.1.184:8080 -\\u003e 172.26.50.201:56134 tcp SYN, ACK"}\n',
    );
    const withPrefix = debugCapture('1.17', { subtype: 6, arg1: 7 });
    expect(formatEvent(withPrefix, { mode: 'json' })).toBe(
      '{"cpu":"CPU 00:","type":"capture","mark":"0x0","message":"Packet after nat46 ifindex 7","prefix":"== v4-\\u003ev6 7","source":0,"bytes":0,"summary":"[unknown]"}\n',
    );
  });
});
