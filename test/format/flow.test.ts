/**
 * `toFlow` against Hubble's threefour parser (pkg/hubble/parser/threefour/parser.go) and its
 * tests (TestDecodeTraceReason, TestTraceNotifyOriginalIP, TestDebugCapture, TestDecodeIsReply,
 * TestDecodeTrafficDirection), with the JSON shape `hubble observe -o json` prints: proto field
 * names, enum names, zero values left out, uint64 as strings.
 */
import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../../src/index.js';
import { FormatError, toFlow } from '../../src/format/index.js';
import { debugCapture, drop, dropRecord, policy, policyFlags, trace, traceRecord, traceSock } from './records.js';
import { MAC_A, MAC_B, V6_A, V6_B, bytes, eth, icmp4, ipv4, ipv6, synFrame, tcp, TCP_ACK, TCP_PSH, TCP_SYN, CILIUM_VXLAN_SYN } from './packets.js';

const tcpFrame = (src: number[], dst: number[], flags = TCP_SYN) => eth(MAC_A, MAC_B, 0x0800, ipv4(src, dst, 6, tcp(1000, 80, flags)));

describe('drop flows', () => {
  it('the whole flow of a policy drop, in hubble key order', () => {
    const ev = drop('1.19', { reason: 133, source: 0, srcLabel: 12345, dstLabel: 2, line: 1452, file: 2, ifindex: 17, packet: synFrame() });
    const flow = toFlow(ev);
    expect(JSON.stringify(flow)).toBe(
      JSON.stringify({
        verdict: 'DROPPED',
        drop_reason: 133,
        ethernet: { source: '02:42:ac:11:00:02', destination: '0a:58:0a:f4:01:05' },
        IP: { source: '10.0.1.23', destination: '93.184.216.34', ipVersion: 'IPv4' },
        l4: { TCP: { source_port: 45678, destination_port: 443, flags: { SYN: true } } },
        source: { identity: 12345 },
        destination: { identity: 2 },
        Type: 'L3_L4',
        event_type: { type: 1, sub_type: 133 },
        file: { name: 'bpf_lxc.c', line: 1452 },
        drop_reason_desc: 'POLICY_DENIED',
        Summary: 'TCP Flags: SYN',
      }),
    );
  });

  it('traffic direction: EGRESS when the drop source is the source endpoint, INGRESS otherwise', () => {
    const ev = drop('1.18', { reason: 133, source: 4070, srcLabel: 60176, dstLabel: 2, packet: tcpFrame([10, 0, 0, 5], [10, 0, 0, 9]) });
    const endpoints = [{ id: 4070, ips: ['10.0.0.5'], podName: 'agent-probe', namespace: 'default', labels: ['k8s:app=probe'] }];
    const flow = toFlow(ev, { endpoints });
    expect(flow.traffic_direction).toBe('EGRESS');
    expect(flow.source).toEqual({ ID: 4070, identity: 60176, namespace: 'default', labels: ['k8s:app=probe'], pod_name: 'agent-probe' });
    expect(toFlow(ev).traffic_direction).toBe('INGRESS');
    expect(toFlow(drop('1.18', { reason: 133, packet: synFrame() })).traffic_direction).toBeUndefined();
  });

  it('file info from 1.17.0, DROP_PUNT_PROXY named from 1.18', () => {
    expect(toFlow(drop('1.16', { reason: 133, file: 2, line: 3 })).file).toBeUndefined();
    expect(toFlow(drop('1.17.0', { reason: 133, file: 2, line: 3 })).file).toEqual({ name: 'bpf_lxc.c', line: 3 });
    expect(toFlow(drop('1.17', { reason: 205 })).drop_reason_desc).toBe(205);
    expect(toFlow(drop('1.18', { reason: 205 })).drop_reason_desc).toBe('DROP_PUNT_PROXY');
  });

  it('ip_trace_id (1.19) as a uint64 string', () => {
    const flow = toFlow(drop('1.19', { reason: 133, ipTraceId: 2n ** 40n }), { ipTracingOptionType: 136 });
    expect(flow.ip_trace_id).toEqual({ trace_id: '1099511627776', ip_option_type: 136 });
  });
});

describe('trace flows', () => {
  it('TO_LXC is reported as TO_ENDPOINT; reply traces set is_reply and the deprecated reply', () => {
    const ev = trace('1.19', { obsPoint: 0, source: 7, reason: 2, ifindex: 98, packet: tcpFrame([10, 0, 0, 1], [10, 0, 0, 2], TCP_ACK | TCP_PSH) });
    const flow = toFlow(ev, { interfaceName: (i) => (i === 98 ? 'lxc8308dc5301b3' : undefined) });
    expect(flow.verdict).toBe('FORWARDED');
    expect(flow.trace_observation_point).toBe('TO_ENDPOINT');
    expect(flow.trace_reason).toBe('REPLY');
    expect(flow.reply).toBe(true);
    expect(flow.is_reply).toBe(true);
    expect(flow.event_type).toEqual({ type: 4 });
    expect(flow.interface).toEqual({ index: 98, name: 'lxc8308dc5301b3' });
    expect(flow.Summary).toBe('TCP Flags: ACK, PSH');
    // Source 7 is not the (unknown) source endpoint, and it is a reply: egress.
    expect(flow.traffic_direction).toBe('EGRESS');
  });

  it('TestDecodeTraceReason: datapath reasons shift by one below "unknown"; encryption bit', () => {
    const reason = (r: number) => toFlow(trace('1.19', { obsPoint: 3, reason: r, packet: tcpFrame([1, 2, 3, 4], [5, 6, 7, 8]) }));
    const cases: [number, string | undefined][] = [
      [5, undefined],
      [0, 'NEW'],
      [1, 'ESTABLISHED'],
      [2, 'REPLY'],
      [3, 'RELATED'],
      [6, 'SRV6_ENCAP'],
      [7, 'SRV6_DECAP'],
    ];
    for (const [r, want] of cases) {
      expect(reason(r).trace_reason).toBe(want);
      expect(reason(r).IP?.encrypted).toBeUndefined();
      expect(reason(r | 0x80).trace_reason).toBe(want);
      expect(reason(r | 0x80).IP?.encrypted).toBe(true);
    }
  });

  it('TestDecodeIsReply: unknown and SRv6 reasons leave is_reply unset', () => {
    const isReply = (r: number) => toFlow(trace('1.19', { obsPoint: 3, reason: r })).is_reply;
    expect([isReply(0), isReply(2), isReply(5), isReply(6), isReply(7)]).toEqual([false, true, undefined, undefined, undefined]);
  });

  it('encrypt-overlay (8) counts as encapsulation up to 1.18: no is_reply, EGRESS', () => {
    const ev = (r: '1.18' | '1.19') => trace(r, { obsPoint: 4, source: 5, reason: 8, packet: tcpFrame([10, 0, 0, 1], [10, 0, 0, 2]) });
    expect(toFlow(ev('1.18')).is_reply).toBeUndefined();
    expect(toFlow(ev('1.18')).traffic_direction).toBe('EGRESS');
    expect(toFlow(ev('1.19')).is_reply).toBe(false);
    // 1.19: source 5 is not the (unknown) source endpoint and not a reply, no SNAT: ingress.
    expect(toFlow(ev('1.19')).traffic_direction).toBe('INGRESS');
    expect(toFlow(ev('1.19')).trace_reason).toBe('ENCRYPT_OVERLAY');
  });

  it('TestTraceNotifyOriginalIP: orig-ip replaces the source, the packet source moves to source_xlated', () => {
    const pkt = tcpFrame([10, 0, 0, 2], [10, 0, 0, 3]);
    expect(toFlow(trace('1.19', { obsPoint: 3, v0: true, packet: pkt })).IP).toEqual({ source: '10.0.0.2', destination: '10.0.0.3', ipVersion: 'IPv4' });
    expect(toFlow(trace('1.19', { obsPoint: 3, origIp: [1, 1, 1, 1], packet: pkt })).IP).toEqual({
      source: '1.1.1.1',
      source_xlated: '10.0.0.2',
      destination: '10.0.0.3',
      ipVersion: 'IPv4',
    });
    expect(toFlow(trace('1.19', { obsPoint: 3, origIp: [10, 0, 0, 2], packet: pkt })).IP?.source_xlated).toBeUndefined();
  });

  it('to-proxy reports the proxy port; crypto points are numbers before 1.17', () => {
    expect(toFlow(trace('1.19', { obsPoint: 1, dstId: 15001 })).proxy_port).toBe(15001);
    expect(toFlow(trace('1.19', { obsPoint: 13 })).trace_observation_point).toBe('TO_CRYPTO');
    expect(toFlow(trace('1.16', { obsPoint: 13 })).trace_observation_point).toBe(13);
  });

  it('VXLAN traces describe the inner packet and the tunnel (1.18+)', () => {
    const flow = toFlow(trace('1.19', { obsPoint: 9, flags: 0x04, packet: CILIUM_VXLAN_SYN }));
    expect(flow.IP).toEqual({ source: '1.2.3.4', destination: '5.6.7.8', ipVersion: 'IPv4' });
    expect(flow.tunnel).toEqual({
      protocol: 'VXLAN',
      IP: { source: '1.1.1.1', destination: '2.2.2.2', ipVersion: 'IPv4' },
      l4: { UDP: { source_port: 8472, destination_port: 9999 } },
      vni: 2,
    });
    expect(flow.ethernet).toEqual({ source: '01:23:45:67:89:ab', destination: '02:33:45:67:89:ab' });
  });
});

describe('policy verdict flows', () => {
  it('ingress deny: remote identity is the source, drop reason from the verdict, no is_reply', () => {
    const ev = policy('1.19', { remoteLabel: 2, verdict: -133, proto: 6, flags: policyFlags({ dir: 1, match: 2 }), packet: synFrame() });
    const flow = toFlow(ev);
    expect(flow.verdict).toBe('DROPPED');
    expect(flow.drop_reason).toBe(133);
    expect(flow.drop_reason_desc).toBe('POLICY_DENIED');
    expect(flow.source).toEqual({ identity: 2 });
    expect(flow.destination).toEqual({});
    expect(flow.traffic_direction).toBe('INGRESS');
    expect(flow.policy_match_type).toBe(2);
    expect(flow.is_reply).toBeUndefined();
    expect(flow.event_type).toEqual({ type: 5 });
  });

  it('egress allow/redirect/audit, auth type names', () => {
    const f = (s: Parameters<typeof policy>[1]) => toFlow(policy('1.18', { remoteLabel: 8, packet: synFrame(), ...s }), { reservedIdentityLabels: true });
    const allow = f({ flags: policyFlags({ dir: 2 }) });
    expect([allow.verdict, allow.traffic_direction, allow.is_reply, allow.reply]).toEqual(['FORWARDED', 'EGRESS', false, undefined]);
    expect(allow.destination).toEqual({ identity: 8, labels: ['reserved:ingress'] });
    expect(f({ verdict: 15001, flags: policyFlags({ dir: 2 }) }).verdict).toBe('REDIRECTED');
    expect(f({ flags: policyFlags({ dir: 2, audited: true }) }).verdict).toBe('AUDIT');
    expect(f({ flags: policyFlags({ dir: 2 }), authType: 1 }).auth_type).toBe('SPIRE');
    // The kube-apiserver identity is also a remote node (pkg/identity reservedIdentityLabels).
    expect(f({ remoteLabel: 7, flags: policyFlags({ dir: 2 }) }).destination).toEqual({
      identity: 7,
      labels: ['reserved:kube-apiserver', 'reserved:remote-node'],
    });
    expect(f({ remoteLabel: 16777217, flags: policyFlags({ dir: 2 }) }).destination).toEqual({ identity: 16777217 });
    const labelled = toFlow(policy('1.18', { remoteLabel: 1234, flags: policyFlags({ dir: 2 }), packet: synFrame() }), {
      identityLabels: { 1234: ['k8s:app=web', 'k8s:io.kubernetes.pod.namespace=default'] },
    });
    expect(labelled.destination).toEqual({ identity: 1234, labels: ['k8s:app=web', 'k8s:io.kubernetes.pod.namespace=default'] });
  });
});

describe('debug capture flows (TestDebugCapture)', () => {
  it('delivery: capture point, interface, no verdict', () => {
    const ev = debugCapture('1.19', { subtype: 4, arg1: 1, packet: tcpFrame([10, 0, 0, 2], [10, 0, 0, 3]) });
    const flow = toFlow(ev, { interfaceName: () => 'lo' });
    expect(flow.verdict).toBeUndefined();
    expect(flow.debug_capture_point).toBe('DBG_CAPTURE_DELIVERY');
    expect(flow.event_type).toEqual({ type: 3, sub_type: 4 });
    expect(flow.interface).toEqual({ index: 1, name: 'lo' });
    expect(flow.IP?.source).toBe('10.0.0.2');
  });

  it('proxy post: the port is arg1 in network order', () => {
    const port1234 = ((1234 & 0xff) << 24) | ((1234 >> 8) << 16);
    const flow = toFlow(debugCapture('1.19', { subtype: 9, arg1: port1234 >>> 0 }));
    expect(flow.debug_capture_point).toBe('DBG_CAPTURE_PROXY_POST');
    expect(flow.proxy_port).toBe(1234);
  });
});

describe('flow errors and packet details', () => {
  it('a packet gopacket rejects yields no flow', () => {
    const ev = drop('1.19', { reason: 133, packet: synFrame().subarray(0, 40) });
    expect(() => toFlow(ev)).toThrow(FormatError);
    expect(() => toFlow(ev)).toThrow(expect.objectContaining({ code: 'packet-decode-failed' }));
  });

  it('other message types are not L3/L4 flows', () => {
    expect(() => toFlow(decodeEvent(bytes([42]), { release: '1.19' }))).toThrow(expect.objectContaining({ code: 'unsupported-message' }));
  });

  it('ICMP echo reply: zero type/code are left out; Summary names the type', () => {
    const flow = toFlow(trace('1.19', { obsPoint: 3, packet: eth(MAC_A, MAC_B, 0x0800, ipv4([1, 1, 1, 1], [2, 2, 2, 2], 1, icmp4(0, 0))) }));
    expect(flow.l4).toEqual({ ICMPv4: {} });
    expect(flow.Summary).toBe('ICMPv4 EchoReply');
  });
});

describe('enum values without a name in the release flow.proto (protojson prints numbers)', () => {
  it('auth type, trace reason, debug capture point, drop reason, observation point', () => {
    const pv = (authType: number) => toFlow(policy('1.19', { remoteLabel: 2, authType, flags: policyFlags({ dir: 2 }), packet: synFrame() })).auth_type;
    expect([pv(0), pv(1), pv(2), pv(3), pv(221)]).toEqual([undefined, 'SPIRE', 'TEST_ALWAYS_FAIL', 3, 221]);
    // Datapath reasons above "unknown" (5) map 1:1; TraceReason names stop at ENCRYPT_OVERLAY (8).
    expect(toFlow(trace('1.19', { obsPoint: 3, reason: 9 })).trace_reason).toBe(9);
    expect(toFlow(trace('1.19', { obsPoint: 3, reason: 0x80 | 112 })).trace_reason).toBe(112);
    expect(toFlow(debugCapture('1.19', { subtype: 2 })).debug_capture_point).toBe(2);
    expect(toFlow(debugCapture('1.19', { subtype: 235 })).debug_capture_point).toBe(235);
    expect(toFlow(drop('1.19', { reason: 250 })).drop_reason_desc).toBe(250);
    expect(toFlow(trace('1.19', { obsPoint: 42 })).trace_observation_point).toBe(42);
  });

  it('drop_reason_desc is the uint32 drop reason as the int32 DropReason enum', () => {
    const flow = toFlow(policy('1.19', { remoteLabel: 2, verdict: -0x80000000, flags: policyFlags({ dir: 2 }), packet: synFrame() }));
    expect(flow.drop_reason).toBe(2147483648);
    expect(flow.drop_reason_desc).toBe(-2147483648);
  });
});

describe('identity labels (identity getter)', () => {
  it('none without an identity cache, as Hubble with a no-op identity getter', () => {
    const ev = drop('1.19', { reason: 133, srcLabel: 1, dstLabel: 7, packet: synFrame() });
    expect(toFlow(ev).source).toEqual({ identity: 1 });
    expect(toFlow(ev).destination).toEqual({ identity: 7 });
  });

  it('SortAndFilterLabels: local-scope (CIDR) identities keep only the longest valid cidr: prefix', () => {
    const labels = ['reserved:world', 'cidr:10.0.0.0/8', 'cidr:10.0.0.0/24', 'cidr:10.0.0.0/16', 'cidr:bad/30', 'cidr:10.0.0.1/33'];
    const ev = (dstLabel: number) => drop('1.19', { reason: 133, dstLabel, packet: synFrame() });
    expect(toFlow(ev(0x01000003), { identityLabels: { [0x01000003]: labels } }).destination).toEqual({
      identity: 0x01000003,
      labels: ['cidr:10.0.0.0/24', 'reserved:world'],
    });
    // IPv6 cidr labels spell ':' as '-'; a lone /0 is dropped (Go keeps a prefix only above 0).
    expect(toFlow(ev(0x01000004), { identityLabels: { [0x01000004]: ['cidr:f00d--/16', 'cidr:f00d--1/128', 'cidr:0.0.0.0/0'] } }).destination.labels).toEqual(['cidr:f00d--1/128']);
    expect(toFlow(ev(0x01000005), { identityLabels: { [0x01000005]: ['cidr:0.0.0.0/0'] } }).destination.labels).toBeUndefined();
    // Other identities keep every label, sorted.
    expect(toFlow(ev(70000), { identityLabels: { 70000: labels } }).destination.labels).toEqual([...labels].sort());
  });

  it('reservedIdentityLabels: reserved identities labelled as the agent identity cache does', () => {
    const ev = drop('1.19', { reason: 133, srcLabel: 1, dstLabel: 7, packet: synFrame() });
    const flow = toFlow(ev, { reservedIdentityLabels: true, identityLabels: { 1: ['reserved:host', 'k8s:node=a'] } });
    expect(flow.source).toEqual({ identity: 1, labels: ['k8s:node=a', 'reserved:host'] });
    expect(flow.destination).toEqual({ identity: 7, labels: ['reserved:kube-apiserver', 'reserved:remote-node'] });
  });
});

/** A 40-byte trace_sock_notify (1.19 and later). */
function sock40(s: { xlate: number; proto: number; ipv6?: boolean; port: number; cookie?: bigint; cgroup?: bigint; ip: readonly number[] }): Uint8Array {
  const b = new Uint8Array(40);
  const dv = new DataView(b.buffer);
  b.set([7, s.xlate, s.proto, s.ipv6 ? 1 : 0]);
  dv.setUint16(4, s.port, true);
  dv.setBigUint64(8, s.cookie ?? 0n, true);
  dv.setBigUint64(16, s.cgroup ?? 0n, true);
  b.set(s.ip, 24);
  return b;
}

describe('trace-sock flows (pkg/hubble/parser/sock)', () => {
  it('pre-translation, forward: TRACED, the destination from the record, no source address', () => {
    const ev = decodeEvent(sock40({ xlate: 1, proto: 1, port: 4240, cookie: 10922995048571194004n, cgroup: 9n, ip: [10, 0, 1, 23] }), { release: '1.19' });
    expect(toFlow(ev)).toEqual({
      verdict: 'TRACED',
      IP: { destination: '10.0.1.23', ipVersion: 'IPv4' },
      l4: { TCP: { destination_port: 4240 } },
      source: {},
      destination: {},
      Type: 'SOCK',
      event_type: { type: 7, sub_type: 1 },
      sock_xlate_point: 'SOCK_XLATE_POINT_PRE_DIRECTION_FWD',
      socket_cookie: '10922995048571194004',
      cgroup_id: '9',
      Summary: 'TCP',
    });
  });

  it('reverse points swap source and destination; post points are TRANSLATED', () => {
    const flow = toFlow(decodeEvent(sock40({ xlate: 4, proto: 2, port: 53, ip: [10, 0, 1, 23] }), { release: '1.19' }));
    expect(flow.verdict).toBe('TRANSLATED');
    expect(flow.IP).toEqual({ source: '10.0.1.23', ipVersion: 'IPv4' });
    expect(flow.l4).toEqual({ UDP: { source_port: 53 } });
    expect(flow.sock_xlate_point).toBe('SOCK_XLATE_POINT_POST_DIRECTION_REV');
    expect(flow.Summary).toBe('UDP');
  });

  it('unknown translation point and protocol: no verdict, the point as a number, no l4, Summary "Unknown"', () => {
    const flow = toFlow(decodeEvent(sock40({ xlate: 57, proto: 3, port: 5353, ipv6: true, ip: V6_A }), { release: '1.19' }));
    expect(flow.verdict).toBeUndefined();
    expect(flow.sock_xlate_point).toBe(57);
    expect(flow.event_type).toEqual({ type: 7, sub_type: 57 });
    expect(flow.IP).toEqual({ destination: 'f00d::a0f:0:0:1', ipVersion: 'IPv6' });
    expect(flow.l4).toBeUndefined();
    expect(flow.Summary).toBe('Unknown');
  });

  it('the packed 38-byte layout up to 1.18 gives the same flow', () => {
    const spec = { xlate: 2, dstIp: [10, 0, 2, 7], dstPort: 8080, cookie: 5n, cgroup: 0n, proto: 1 };
    const flow = toFlow(traceSock('1.18', spec));
    expect(flow).toEqual(toFlow(traceSock('1.19', spec)));
    expect(flow.IP).toEqual({ destination: '10.0.2.7', ipVersion: 'IPv4' });
    expect(flow.socket_cookie).toBe('5');
    expect(flow.cgroup_id).toBeUndefined();
  });

  it('an IPv4-mapped IPv6 destination is unmapped up to 1.19 (netipx.FromStdIP), kept by 1.20 (netip.AddrFrom16)', () => {
    const bytes40 = sock40({ xlate: 1, proto: 1, port: 80, ipv6: true, ip: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1] });
    expect(toFlow(decodeEvent(bytes40, { release: '1.19' })).IP).toEqual({ destination: '10.0.0.1', ipVersion: 'IPv6' });
    expect(toFlow(decodeEvent(bytes40, { release: '1.20' })).IP).toEqual({ destination: '::ffff:10.0.0.1', ipVersion: 'IPv6' });
  });

  it('a record shorter than the release struct is no flow (decode error)', () => {
    expect(() => decodeEvent(sock40({ xlate: 1, proto: 1, port: 80, ip: [1, 2, 3, 4] }).subarray(0, 38), { release: '1.19' })).toThrow();
  });
});

describe('per-release flow.proto fields', () => {
  it('1.18 tunnels have no vni (the field exists from 1.19)', () => {
    const ev = (r: '1.18' | '1.19') => toFlow(trace(r, { obsPoint: 9, flags: 0x04, packet: CILIUM_VXLAN_SYN }));
    expect(ev('1.19').tunnel?.vni).toBe(2);
    expect(ev('1.18').tunnel).toEqual({
      protocol: 'VXLAN',
      IP: { source: '1.1.1.1', destination: '2.2.2.2', ipVersion: 'IPv4' },
      l4: { UDP: { source_port: 8472, destination_port: 9999 } },
    });
  });

  it('L3-device packets decode from IPv4 from 1.17 on; 1.17.0 Hubble still starts at Ethernet', () => {
    const raw = ipv4([10, 0, 0, 1], [10, 0, 0, 2], 6, tcp(1000, 80, TCP_SYN));
    const flow = (release: '1.17.0' | '1.17') => toFlow(trace(release, { obsPoint: 3, flags: 0x02, packet: raw }));
    expect(flow('1.17').IP).toEqual({ source: '10.0.0.1', destination: '10.0.0.2', ipVersion: 'IPv4' });
    expect(flow('1.17').ethernet).toBeUndefined();
    expect(flow('1.17.0').IP).toBeUndefined();
    expect(flow('1.17.0').ethernet).toEqual({ source: '00:00:40:06:00:00', destination: '45:00:00:28:12:34' });
  });

  it('1.20 SCTP flows carry chunk_type from the first chunk (decodeSCTPChunkType)', () => {
    const sctp = (chunk: number[]) => eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 132, bytes([0x0b, 0x59, 0x0b, 0x59, 0, 0, 0, 1, 0, 0, 0, 0], chunk)));
    const l4 = (release: '1.19' | '1.20', chunk: number[]) => toFlow(decodeEvent(traceRecord('1.19', { obsPoint: 3, packet: sctp(chunk) }), { release })).l4;
    expect(l4('1.19', [1, 0, 0, 4])).toEqual({ SCTP: { source_port: 2905, destination_port: 2905 } });
    expect(l4('1.20', [1, 0, 0, 4])).toEqual({ SCTP: { source_port: 2905, destination_port: 2905, chunk_type: 'INIT' } });
    expect(l4('1.20', [14, 0, 0, 4])?.SCTP?.chunk_type).toBe('SHUTDOWN_COMPLETE');
    expect(l4('1.20', [7, 0, 0, 4])?.SCTP?.chunk_type).toBe('SHUTDOWN');
    // DATA, SACK, … are UNSUPPORTED (the zero value); no chunk at all too.
    expect(l4('1.20', [0, 0, 0, 4])).toEqual({ SCTP: { source_port: 2905, destination_port: 2905 } });
    expect(l4('1.20', [])).toEqual({ SCTP: { source_port: 2905, destination_port: 2905 } });
  });

  it('orig-IP: an IPv4-mapped address is unmapped up to 1.19, kept by 1.20; ::ffff:0.0.0.0 is unspecified only up to 1.19', () => {
    const pkt = eth(MAC_A, MAC_B, 0x86dd, ipv6(V6_A, V6_B, 6, tcp(1000, 80, TCP_SYN)));
    const mapped = (last: number[]) => [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...last];
    const ip = (release: '1.19' | '1.20', orig: number[]) =>
      toFlow(decodeEvent(traceRecord('1.19', { obsPoint: 3, flags: 0x01, origIp: orig, packet: pkt }), { release })).IP;
    expect(ip('1.19', mapped([10, 0, 0, 1]))).toEqual({ source: '10.0.0.1', source_xlated: 'f00d::a0f:0:0:1', destination: 'f00d::a0f:0:0:2', ipVersion: 'IPv6' });
    expect(ip('1.20', mapped([10, 0, 0, 1]))?.source).toBe('::ffff:10.0.0.1');
    expect(ip('1.19', mapped([0, 0, 0, 0]))).toEqual({ source: 'f00d::a0f:0:0:1', destination: 'f00d::a0f:0:0:2', ipVersion: 'IPv6' });
    expect(ip('1.20', mapped([0, 0, 0, 0]))?.source).toBe('::ffff:0.0.0.0');
  });
});

describe('the bytes Hubble decodes', () => {
  it('everything after the header (data[packetOffset:]), whatever cap_len says', () => {
    const full = toFlow(decodeEvent(dropRecord('1.19', { reason: 133, packet: synFrame() }), { release: '1.19' }));
    for (const capLen of [0, 20]) {
      const b = dropRecord('1.19', { reason: 133, packet: synFrame() });
      new DataView(b.buffer).setUint16(12, capLen, true);
      const ev = decodeEvent(b, { release: '1.19' });
      expect(ev.type === 1 && ev.packet.length).toBe(capLen);
      const flow = toFlow(ev);
      expect(flow.IP).toEqual({ source: '10.0.1.23', destination: '93.184.216.34', ipVersion: 'IPv4' });
      expect(flow).toEqual(full);
    }
  });
});
