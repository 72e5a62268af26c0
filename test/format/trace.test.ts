/**
 * Trace notifications, from `TraceNotify.DumpInfo`/`DumpVerbose`/`getJSON` (pkg/monitor/
 * datapath_trace.go): `%s flow %#x ` + `, identity %s->%s` + [` [ ip-trace-id = %d ]`] +
 * ` state %s ifindex %s orig-ip %s: %s\n`; encrypted traces print `%s %s flow` with "encrypted ".
 */
import { describe, expect, it } from 'vitest';
import type { Release } from '../../src/decode/types.js';
import { formatEvent, SEPARATOR } from '../../src/format/index.js';
import { trace } from './records.js';
import { MAC_A, MAC_B, eth, ipv4, tcp, udp, TCP_ACK, TCP_SYN } from './packets.js';

const ALL: readonly Release[] = ['1.16', '1.17.0', '1.17', '1.18', '1.19'];
const synIn = () => eth(MAC_A, MAC_B, 0x0800, ipv4([172, 26, 50, 201], [10, 0, 1, 184], 6, tcp(56134, 8080, TCP_SYN)));
const synAckOut = () => eth(MAC_B, MAC_A, 0x0800, ipv4([10, 0, 1, 184], [172, 26, 50, 201], 6, tcp(8080, 56134, TCP_SYN | TCP_ACK)));

describe('trace summary line', () => {
  it.each(ALL)('to-endpoint with orig-ip, "flow 0x… , identity" spacing (%s)', (r) => {
    const ev = trace(r, {
      obsPoint: 0,
      hash: 0x76403eb7,
      srcLabel: 2,
      dstLabel: 11803,
      dstId: 1562,
      origIp: [172, 26, 50, 201],
      packet: synIn(),
    });
    expect(formatEvent(ev)).toBe(
      '-> endpoint 1562 flow 0x76403eb7 , identity world->11803 state new ifindex 0 orig-ip 172.26.50.201: 172.26.50.201:56134 -> 10.0.1.184:8080 tcp SYN\n',
    );
  });

  it('to-stack reply with no orig-ip prints 0.0.0.0', () => {
    const ev = trace('1.17', { obsPoint: 3, hash: 0xe8858480, srcLabel: 11803, dstLabel: 1, reason: 2, packet: synAckOut() });
    expect(formatEvent(ev)).toBe(
      '-> stack flow 0xe8858480 , identity 11803->host state reply ifindex 0 orig-ip 0.0.0.0: 10.0.1.184:8080 -> 172.26.50.201:56134 tcp SYN, ACK\n',
    );
  });

  it('encrypted: "encrypted  flow" (two spaces); interface names from the link cache', () => {
    const pkt = eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 1, 185], [1, 1, 1, 1], 17, udp(43164, 53)));
    const ev = trace('1.19', { obsPoint: 5, source: 1562, hash: 0x9f00a1, srcLabel: 15435, dstLabel: 2, reason: 0x80, ifindex: 23, packet: pkt });
    const interfaceName = (i: number) => (i === 23 ? 'lxc4d2e' : undefined);
    expect(formatEvent(ev, { interfaceName })).toBe(
      '<- endpoint 1562 encrypted  flow 0x9f00a1 , identity 15435->world state new ifindex lxc4d2e orig-ip 0.0.0.0: 10.0.1.185:43164 -> 1.1.1.1:53 udp\n',
    );
  });

  it('every observation point wording', () => {
    const text = (obsPoint: number, r: Release = '1.19') =>
      formatEvent(trace(r, { obsPoint, dstId: 9, source: 4 }), { numeric: true }).split(' flow ')[0];
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((p) => text(p))).toEqual([
      '-> endpoint 9',
      '-> proxy port 9',
      '-> host from',
      '-> stack',
      '-> overlay',
      '<- endpoint 4',
      '<- proxy',
      '<- host',
      '<- stack',
      '<- overlay',
      '<- network',
      '-> network',
      '<- crypto',
      '-> crypto',
      'unknown trace',
    ]);
    expect(formatEvent(trace('1.19', { obsPoint: 1 }))).toMatch(/^-> proxy flow /);
    // 1.16 and 1.17.0 have no crypto observation points.
    expect(text(12, '1.16')).toBe('unknown trace');
    expect(text(13, '1.17.0')).toBe('unknown trace');
  });

  it('unknown trace reasons print the raw byte, encrypt bit included', () => {
    expect(formatEvent(trace('1.19', { obsPoint: 3, reason: 0x89 }))).toContain(' encrypted  flow 0x0 , identity unknown->unknown state 137 ifindex');
    expect(formatEvent(trace('1.19', { obsPoint: 3, reason: 5 }))).toContain(' state unknown ifindex');
    expect(formatEvent(trace('1.19', { obsPoint: 3, reason: 8 }))).toContain(' state encrypt-overlay ifindex');
  });

  it('IPv6 orig-ip when the IPv6 flag is set; v0 traces print the zero address', () => {
    const v6 = [0xf0, 0x0d, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    expect(formatEvent(trace('1.18', { obsPoint: 0, flags: 1, origIp: v6 }))).toContain(' orig-ip f00d::1: ');
    expect(formatEvent(trace('1.18', { obsPoint: 0, v0: true }))).toContain(' orig-ip 0.0.0.0: [unknown]');
  });

  it('ip-trace-id follows the identity in 1.19', () => {
    const ev = trace('1.19', { obsPoint: 3, srcLabel: 1, dstLabel: 2, ipTraceId: 77n });
    expect(formatEvent(ev)).toBe('-> stack flow 0x0 , identity host->world [ ip-trace-id = 77 ] state new ifindex 0 orig-ip 0.0.0.0: [unknown]\n');
  });
});

describe('trace -vv', () => {
  it('header with interface, doubled comma before identity, orig-ip and endpoint', () => {
    const ev = trace('1.18', {
      obsPoint: 0,
      source: 1562,
      hash: 0x76403eb7,
      origLen: 74,
      srcLabel: 2,
      dstLabel: 11803,
      dstId: 1562,
      ifindex: 12,
      origIp: [172, 26, 50, 201],
    });
    expect(formatEvent(ev, { mode: 'dissect', cpu: 1, interfaceName: () => 'lxc12ab' })).toBe(
      SEPARATOR +
        'CPU 01: MARK 0x76403eb7 FROM 1562 to-endpoint: 74 bytes (0 captured), state new, interface lxc12ab, , identity world->11803, orig-ip 172.26.50.201, to endpoint 1562\n',
    );
  });

  it('to-proxy names the destination proxy-port; 1.19 puts IP-TRACE-ID after MARK', () => {
    const ev = trace('1.19', { obsPoint: 1, dstId: 15001, ipTraceId: 5n, packet: new Uint8Array([1, 2]) });
    expect(formatEvent(ev, { mode: 'hex' })).toBe(
      SEPARATOR +
        'CPU 00: MARK 0x0 [ IP-TRACE-ID = 5 ] FROM 0 to-proxy: 2 bytes (2 captured), state new, orig-ip 0.0.0.0, to proxy-port 15001\n' +
        '00000000  01 02                                             |..|\n',
    );
  });

  it('dissect mode prints one gopacket layer per line (1.17: before the buffered header line)', () => {
    const ev = trace('1.17', { obsPoint: 3, packet: synIn() });
    const lines = formatEvent(ev, { mode: 'dissect' }).split('\n').slice(1);
    expect(lines[3]).toBe('CPU 00: MARK 0x0 FROM 0 to-stack: 54 bytes (54 captured), state new, orig-ip 0.0.0.0');
    expect(lines[0]).toBe(
      'Ethernet\t{Contents=[..14..] Payload=[..40..] SrcMAC=02:42:ac:11:00:02 DstMAC=0a:58:0a:f4:01:05 EthernetType=IPv4 Length=0}',
    );
    expect(lines[1]).toBe(
      'IPv4\t{Contents=[..20..] Payload=[..20..] Version=4 IHL=5 TOS=0 Length=40 Id=4660 Flags= FragOffset=0 TTL=64 Protocol=TCP Checksum=0 SrcIP=172.26.50.201 DstIP=10.0.1.184 Options=[] Padding=[]}',
    );
    // gopacket v1.3.1 (1.17) names TCP 8080 `http-alt`; 56134 has no name.
    expect(lines[2]?.startsWith('TCP\t{Contents=[..20..] Payload=[] SrcPort=56134 DstPort=8080(http-alt) Seq=1 Ack=0 DataOffset=5 FIN=false SYN=true ')).toBe(true);
  });
});

describe('trace --json', () => {
  it('interface name as "ifindex", HTML-escaped arrows, IpTraceID always in 1.19', () => {
    const ev = trace('1.19', { obsPoint: 0, source: 3, hash: 1, dstId: 1562, srcLabel: 2, dstLabel: 11803 });
    expect(formatEvent(ev, { mode: 'json', cpu: 3 })).toBe(
      '{"cpu":"CPU 03:","type":"trace","mark":"0x1","ifindex":"0","state":"new","observationPoint":"to-endpoint","traceSummary":"-\\u003e endpoint 1562","source":3,"bytes":0,"srcLabel":2,"dstLabel":11803,"dstID":1562,"IpTraceID":0}\n',
    );
  });

  it('no IpTraceID before 1.19', () => {
    const ev = trace('1.18', { obsPoint: 10 });
    expect(formatEvent(ev, { mode: 'json' })).toBe(
      '{"cpu":"CPU 00:","type":"trace","mark":"0x0","ifindex":"0","state":"new","observationPoint":"from-network","traceSummary":"\\u003c- network","source":0,"bytes":0,"srcLabel":0,"dstLabel":0,"dstID":0}\n',
    );
  });
});
