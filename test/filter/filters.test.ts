import { describe, expect, it } from 'vitest';
import {
  allOf,
  anyOf,
  byDropReason,
  byIdentity,
  byIfindex,
  byIp,
  byMessageType,
  byObservationPoint,
  byPort,
  bySubtype,
  byProtocol,
  byTcpFlags,
  byVerdict,
  eventTuple,
  fromEndpoint,
  hubbleVerdict,
  isFilterError,
  not,
  relatedToEndpoint,
  toEndpoint,
} from '../../src/filter/index.js';
import { decode, encodeDebug, encodeDrop, encodePolicy, encodeSock, encodeTrace, ipv4Packet, ipv6Packet, tunnelPacket } from './events.js';

// trace_point values (bpf/lib/trace.h): TO_LXC 0, TO_PROXY 1, TO_HOST 2, TO_STACK 3, ..., FROM_NETWORK 10.
const TRACE_TO_LXC = 0;
const TRACE_TO_STACK = 3;
const TRACE_FROM_NETWORK = 10;
const DROP_POLICY = 133;

const tcpSyn = ipv4Packet({ src: [10, 0, 0, 1], dst: [192, 168, 1, 9], proto: 6, sport: 40000, dport: 443, tcpFlags: 0x02 });
const tcpSynAck = ipv4Packet({ src: [192, 168, 1, 9], dst: [10, 0, 0, 1], proto: 6, sport: 443, dport: 40000, tcpFlags: 0x12 });
const udpDns = ipv4Packet({ src: [10, 0, 0, 7], dst: [10, 96, 0, 10], proto: 17, sport: 5353, dport: 53 });
const v6 = ipv6Packet([0xf0, 0x0d, ...new Array<number>(13).fill(0), 1], [0xf0, 0x0d, ...new Array<number>(13).fill(0), 2], 1000, 53);

const drop = decode(encodeDrop({ reason: DROP_POLICY, source: 12, dstId: 0x10034, srcLabel: 2, dstLabel: 4321, ifindex: 7, packet: tcpSyn }));
const trace = decode(encodeTrace({ point: TRACE_TO_LXC, source: 1, dstId: 34, srcLabel: 4321, dstLabel: 1, packet: tcpSynAck }));
const traceNet = decode(encodeTrace({ point: TRACE_FROM_NETWORK, source: 0, ifindex: 2, packet: udpDns }));
const traceV6 = decode(encodeTrace({ point: TRACE_TO_STACK, source: 5, packet: v6 }));
const denied = decode(encodePolicy({ verdict: -DROP_POLICY, remoteLabel: 0x20009, ingress: true, source: 77, packet: udpDns }));
const allowed = decode(encodePolicy({ verdict: 0, remoteLabel: 2, ingress: false, source: 77 }));
const audited = decode(encodePolicy({ verdict: 0, remoteLabel: 2, ingress: false, audited: true }));
const redirected = decode(encodePolicy({ verdict: 15001, remoteLabel: 2, ingress: false }));
const debug = decode(encodeDebug(12));
const sockPre = decode(encodeSock(1));
const sockPost = decode(encodeSock(2));

function throwsCode(f: () => unknown, code: string): void {
  try {
    f();
  } catch (e) {
    expect(isFilterError(e) && e.code).toBe(code);
    return;
  }
  throw new Error('expected a FilterError');
}

describe('cilium monitor --type/--from/--to/--related-to', () => {
  it('selects message types by monitor name; trace-sock always passes', () => {
    const f = byMessageType(['drop', 'policy-verdict']);
    expect([drop, trace, denied, debug, sockPre].map(f)).toEqual([true, false, true, false, true]);
    throwsCode(() => byMessageType(['drops']), 'unknown-name');
  });

  it('matches --from on the source endpoint', () => {
    const f = fromEndpoint([12]);
    expect([drop, trace, debug, denied].map(f)).toEqual([true, false, true, false]);
  });

  it('matches --to on dst_id low 16 bits (drop), dst_id (trace), remote identity low 16 bits (policy)', () => {
    expect(toEndpoint([0x34])(drop)).toBe(true);
    expect(toEndpoint([34])(trace)).toBe(true);
    expect(toEndpoint([9])(denied)).toBe(true);
    expect(toEndpoint([12])(debug)).toBe(false); // debug has no destination
    expect(toEndpoint([0])(debug)).toBe(true);
  });

  it('--related-to matches either side', () => {
    const f = relatedToEndpoint([34]);
    expect([trace, drop, debug, sockPost].map(f)).toEqual([true, false, false, true]);
    throwsCode(() => relatedToEndpoint([70000]), 'invalid-number');
  });
});

describe('hubble observe --verdict/--ip/--port/--protocol/--tcp-flags', () => {
  it('derives verdicts as Hubble does', () => {
    expect([drop, trace, denied, allowed, audited, redirected, debug, sockPre, sockPost].map(hubbleVerdict)).toEqual([
      'DROPPED',
      'FORWARDED',
      'DROPPED',
      'FORWARDED',
      'AUDIT',
      'REDIRECTED',
      'VERDICT_UNKNOWN',
      'TRACED',
      'TRANSLATED',
    ]);
    expect([drop, trace, audited].map(byVerdict(['dropped', 'AUDIT']))).toEqual([true, false, true]);
    throwsCode(() => byVerdict(['DENIED']), 'unknown-name');
  });

  it('reads the 5-tuple from the captured packet', () => {
    const t = eventTuple(drop);
    expect([[...(t.src ?? [])], [...(t.dst ?? [])]]).toEqual([
      [10, 0, 0, 1],
      [192, 168, 1, 9],
    ]);
    expect([t.proto, t.srcPort, t.dstPort, t.tcpFlags]).toEqual([6, 40000, 443, 0x02]);
    const t6 = eventTuple(traceV6);
    expect([t6.src?.byteLength, t6.src?.[0], t6.src?.[15], t6.dst?.[15], t6.proto, t6.srcPort, t6.dstPort]).toEqual([16, 0xf0, 1, 2, 17, 1000, 53]);
    expect(eventTuple(debug).src).toBeUndefined();
  });

  it('matches addresses and CIDRs on either side, per family', () => {
    expect([drop, trace, traceNet, traceV6].map(byIp(['192.168.0.0/16']))).toEqual([true, true, false, false]);
    expect([drop, traceNet].map(byIp(['10.96.0.10']))).toEqual([false, true]);
    expect(byIp(['f00d::/16'])(traceV6)).toBe(true);
    expect(byIp(['::/0'])(drop)).toBe(false);
    expect(byIp(['0.0.0.0/0'])(traceV6)).toBe(false);
    expect([drop, trace].map(byIp(['10.0.0.0/31']))).toEqual([true, true]);
    expect(byIp(['10.0.0.2/31'])(drop)).toBe(false);
    expect(byIp(['192.168.1.8/29'])(drop)).toBe(true);
    expect(byIp(['192.168.1.0/29'])(drop)).toBe(false);
    expect(byIp(['10.0.0.1'], 'destination')(drop)).toBe(false);
    expect(byIp(['10.0.0.1'], 'destination')(trace)).toBe(true);
    expect(byIp(['10.0.0.1'])(sockPre)).toBe(false);
    expect(byIp(['10.96.0.1'])(sockPre)).toBe(true); // trace-sock: its destination field
    throwsCode(() => byIp(['10.0.0.300']), 'invalid-address');
  });

  it('looks inside VXLAN and Geneve captures, as Hubble reports the inner packet', () => {
    const inner = ipv4Packet({ src: [10, 0, 1, 5], dst: [10, 0, 2, 9], proto: 6, sport: 41000, dport: 80, tcpFlags: 0x02 });
    const vxlan = decode(encodeTrace({ point: 4, flags: 4, packet: tunnelPacket('vxlan', inner) }));
    const geneve = decode(encodeTrace({ point: 4, flags: 8, packet: tunnelPacket('geneve', inner) }));
    const unflagged = decode(encodeTrace({ point: 4, packet: tunnelPacket('vxlan', inner) }));
    for (const ev of [vxlan, geneve]) {
      expect([byIp(['10.0.2.9'])(ev), byPort([80])(ev), byProtocol(['tcp'])(ev), byTcpFlags(['SYN'])(ev), byIp(['192.168.1.10'])(ev)]).toEqual([true, true, true, true, false]);
    }
    expect([byIp(['192.168.1.10'])(unflagged), byProtocol(['udp'])(unflagged)]).toEqual([true, true]);
  });

  it('matches ports on either side; protocol names; ICMP matches both families', () => {
    expect([drop, trace, traceNet, debug].map(byPort([443]))).toEqual([true, true, false, false]);
    expect([drop, traceNet, traceV6].map(byPort(['53']))).toEqual([false, true, true]);
    expect(byPort([40000], 'source')(drop)).toBe(true);
    expect(byPort([40000], 'source')(trace)).toBe(false);
    throwsCode(() => byPort([65536]), 'invalid-number');
    expect([drop, traceNet, debug].map(byProtocol(['UDP']))).toEqual([false, true, false]);
    const icmp = decode(encodeTrace({ point: 0, packet: ipv4Packet({ src: [1, 1, 1, 1], dst: [2, 2, 2, 2], proto: 1, sport: 0x0800, dport: 0 }) }));
    expect([icmp, drop].map(byProtocol(['icmp']))).toEqual([true, false]);
    throwsCode(() => byProtocol(['http']), 'unknown-name');
  });

  it('TCP flags: every flag of one set must be present', () => {
    expect([drop, trace, traceNet].map(byTcpFlags(['SYN']))).toEqual([true, true, false]);
    expect([drop, trace].map(byTcpFlags(['syn,ack']))).toEqual([false, true]);
    expect([drop, trace].map(byTcpFlags(['FIN', 'ACK']))).toEqual([false, true]);
    throwsCode(() => byTcpFlags(['SYNACK']), 'unknown-name');
  });
});

describe('datapath field filters', () => {
  it('drop reason by code or name, including denied policy verdicts by code', () => {
    expect([drop, trace, denied].map(byDropReason([133]))).toEqual([true, false, true]);
    expect([drop, denied].map(byDropReason(['policy']))).toEqual([true, false]);
    expect(byDropReason(['DROP_POLICY'])(drop)).toBe(true);
    expect(byDropReason(['DROP_INVALID'])(drop)).toBe(false);
  });

  it('subtype by number or by the C name of its meaning for the type', () => {
    // debug subtype 1 = DBG_GENERIC; trace-sock's subtype is its xlate point (1 = XLATE_PRE_DIRECTION_FWD).
    expect([drop, trace, debug, sockPre].map(bySubtype([0]))).toEqual([false, true, false, false]);
    expect([drop, trace, debug, sockPre].map(bySubtype(['dbg_generic', 'XLATE_PRE_DIRECTION_FWD', 'drop-policy']))).toEqual([true, false, true, true]);
    expect(bySubtype(['TRACE_TO_LXC'])(trace)).toBe(true);
  });

  it('observation point in C, Hubble or dashed spelling', () => {
    for (const name of ['TRACE_TO_LXC', 'to-endpoint', 'TO_ENDPOINT', 'to-lxc']) expect(byObservationPoint([name])(trace)).toBe(true);
    expect([trace, traceNet, drop].map(byObservationPoint(['from-network']))).toEqual([false, true, false]);
  });

  it('identity by number or reserved name, per side; policy verdicts use the remote identity', () => {
    expect([drop, trace, denied, allowed].map(byIdentity(['world']))).toEqual([true, false, false, true]);
    expect(byIdentity(['reserved:host'], 'destination')(trace)).toBe(true);
    expect(byIdentity([4321], 'source')(drop)).toBe(false);
    expect(byIdentity([0x20009], 'source')(denied)).toBe(true);
  });

  it('ifindex', () => {
    expect([drop, traceNet, trace].map(byIfindex([7, 2]))).toEqual([true, true, false]);
  });

  it('combinators', () => {
    const f = allOf(byMessageType(['trace']), anyOf(byPort([53]), not(byIp(['10.0.0.0/8']))));
    expect([trace, traceNet, traceV6, drop].map(f)).toEqual([false, true, true, false]);
  });
});
