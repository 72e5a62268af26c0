/**
 * The differential corpus: perf samples of every message type a release defines, with the
 * values that steer Cilium's printers (reasons, observation points, flags, versions the release
 * still accepts from older datapaths) and real packets of every protocol the dissector knows,
 * whole, truncated and malformed. Built by our encoder from a fixed seed, so the same release
 * always gets the same corpus; scripts/oracle.mjs feeds it to Cilium's Go code for goldens.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { encodeEvent } from '../../src/index.js';
import type { EncodableEvent, Release } from '../../src/decode/types.js';
import { getTables } from '../../src/tables.js';
import { bytes as concat } from '../format/packets.js';
import { DROP_VERSIONS, TRACE_VERSIONS } from '../helpers/event-arbitraries.js';
import { oddAgentGobs } from './explore-corpus.js';

export interface CorpusSample {
  cpu: number;
  bytes: Uint8Array;
}

// ---- packets --------------------------------------------------------------------------------

const be16 = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];
const be32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];

const byte = fc.integer({ min: 0, max: 255 });
const port = fc.oneof(
  fc.constantFrom(22, 53, 80, 443, 4240, 6081, 8080, 8472, 2379, 9090, 10250, 123, 67, 68, 5353),
  fc.integer({ min: 0, max: 0xffff }),
);
const mac = fc.oneof(
  fc.constantFrom([0x0a, 0x58, 0x0a, 0xf4, 0x01, 0x05], [0x02, 0x42, 0xac, 0x11, 0x00, 0x02], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
  fc.array(byte, { minLength: 6, maxLength: 6 }),
);
const ip4 = fc.oneof(
  fc.constantFrom([10, 0, 1, 23], [10, 0, 2, 7], [93, 184, 216, 34], [192, 168, 1, 1], [224, 0, 0, 18], [127, 0, 0, 1], [0, 0, 0, 0]),
  fc.array(byte, { minLength: 4, maxLength: 4 }),
);
const ip6 = fc.oneof(
  fc.constantFrom(
    [0xf0, 0x0d, 0, 0, 0, 0, 0, 0, 0x0a, 0x0f, 0, 0, 0, 0, 0, 1],
    [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2],
    [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1],
  ),
  fc.array(byte, { minLength: 16, maxLength: 16 }),
);
const payload = fc.uint8Array({ maxLength: 24 });

const tcp = fc
  .record({ sport: port, dport: port, seq: fc.nat(), flags: fc.oneof(fc.constantFrom(0x02, 0x12, 0x10, 0x11, 0x04, 0x18, 0x14), fc.integer({ min: 0, max: 0x1ff })), options: fc.oneof(fc.constant([] as number[]), fc.constantFrom([2, 4, 5, 0xb4, 1, 1, 4, 2], [1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0], [30, 4, 0, 0]), fc.array(byte, { maxLength: 12 })), data: payload })
  .map((t) => {
    const opts: number[] = [...t.options, ...new Array<number>((4 - (t.options.length % 4)) % 4).fill(0)];
    const off = 5 + opts.length / 4;
    return concat(be16(t.sport), be16(t.dport), be32(t.seq), be32(0), [(off << 4) | ((t.flags >> 8) & 1), t.flags & 0xff], be16(8192), [0, 0, 0, 0], opts, t.data);
  });
const udpOf = (inner: fc.Arbitrary<Uint8Array>, dports = port): fc.Arbitrary<Uint8Array> =>
  fc.record({ sport: port, dport: dports, data: inner }).map((u) => concat(be16(u.sport), be16(u.dport), be16(8 + u.data.length), [0, 0], u.data));
const icmp4 = fc
  .record({ type: fc.oneof(fc.constantFrom(0, 3, 5, 8, 11, 12, 13), byte), code: fc.oneof(fc.constantFrom(0, 1, 3, 4), byte), rest: fc.uint8Array({ minLength: 4, maxLength: 32 }) })
  .map((i) => concat([i.type, i.code, 0, 0], i.rest));
const icmp6 = fc
  .record({ type: fc.oneof(fc.constantFrom(1, 2, 3, 4, 128, 129, 133, 134, 135, 136, 137, 143), byte), code: fc.oneof(fc.constant(0), byte), rest: fc.uint8Array({ minLength: 4, maxLength: 40 }) })
  .map((i) => concat([i.type, i.code, 0, 0], i.rest));
const sctp = fc
  .record({ sport: port, dport: port, chunks: fc.uint8Array({ maxLength: 20 }) })
  .map((s) => concat(be16(s.sport), be16(s.dport), be32(0x1234), be32(0), [1, 0, 0, 20], s.chunks));
const igmp = fc
  .record({ type: fc.constantFrom(0x11, 0x12, 0x16, 0x17, 0x22), group: ip4, rest: fc.uint8Array({ maxLength: 16 }) })
  .map((g) => concat([g.type, 100, 0, 0], g.group, g.rest));
const vrrp = fc
  .record({ vrid: byte, count: fc.integer({ min: 0, max: 3 }), addrs: fc.array(ip4, { maxLength: 3 }), version: fc.constantFrom(2, 3, 2, 1) })
  .map((v) => concat([(v.version << 4) | 1, v.vrid, 100, v.count, 1, 1, 0, 0], ...v.addrs, [0, 0, 0, 0, 0, 0, 0, 0]));

/** Layer 4 by IP protocol number; the tunnel protocols carry a whole inner frame. */
function l4(depth: number): fc.Arbitrary<[number, Uint8Array]> {
  const options: fc.Arbitrary<[number, Uint8Array]>[] = [
    tcp.map((b) => [6, b]),
    tcp.map((b) => [6, b]),
    udpOf(payload).map((b) => [17, b]),
    sctp.map((b) => [132, b]),
    igmp.map((b) => [2, b]),
    vrrp.map((b) => [112, b]),
    fc.tuple(byte, payload),
  ];
  if (depth === 0) {
    const vxlan = fc.tuple(fc.integer({ min: 0, max: 0xffffff }), frame(1)).map(([vni, f]) => concat([0x08, 0, 0, 0], be32(vni << 8), f));
    const genOpts = fc.oneof(fc.constant(new Uint8Array(0)), fc.constantFrom(new Uint8Array([0x01, 0x02, 0x80, 0x01, 0xde, 0xad, 0xbe, 0xef])));
    const geneve = fc
      .tuple(fc.integer({ min: 0, max: 0xffffff }), genOpts, frame(1))
      .map(([vni, o, f]) => concat([o.length / 4, 0, 0x65, 0x58], be32(vni << 8), o, f));
    options.push(udpOf(vxlan, fc.constant(8472)).map((b) => [17, b]));
    options.push(udpOf(geneve, fc.constant(6081)).map((b) => [17, b]));
  }
  return fc.oneof(...options);
}

function ipv4Packet(depth: number, icmp: boolean): fc.Arbitrary<Uint8Array> {
  const body = icmp ? icmp4.map((b) => [1, b] as [number, Uint8Array]) : l4(depth);
  return fc
    .record({ src: ip4, dst: ip4, body, ttl: byte, frag: fc.oneof(fc.constant(0x4000), fc.constant(0), fc.constantFrom(0x2000, 0x00b9, 0x20b9)), options: fc.oneof(fc.constant([] as number[]), fc.constantFrom([0x94, 4, 0, 0], [0x01, 0x01, 0x01, 0x00], [0x88, 4, 0x12, 0x34])), badLength: fc.oneof(fc.constant(-1), fc.constant(-1), fc.constant(-1), fc.integer({ min: 0, max: 80 })) })
    .map((p) => {
      const ihl = 5 + p.options.length / 4;
      const total = p.badLength >= 0 ? p.badLength : ihl * 4 + p.body[1].length;
      return concat([0x40 | ihl, 0], be16(total), be16(1), be16(p.frag), [p.ttl, p.body[0], 0, 0], p.src, p.dst, p.options, p.body[1]);
    });
}

function ipv6Packet(depth: number, icmp: boolean): fc.Arbitrary<Uint8Array> {
  const body = icmp ? icmp6.map((b) => [58, b] as [number, Uint8Array]) : l4(depth);
  const ext = fc.constantFrom<number[]>([], [], [0], [43], [44], [60], [0, 60], [44, 43]);
  return fc.record({ src: ip6, dst: ip6, body, ext, hop: byte }).map((p) => {
    const headers: number[][] = [];
    for (let i = 0; i < p.ext.length; i++) {
      const next = i + 1 < p.ext.length ? p.ext[i + 1]! : p.body[0];
      headers.push(p.ext[i] === 44 ? [next, 0, 0, 1, 0, 0, 0, 7] : [next, 0, 1, 4, 0, 0, 0, 0]);
    }
    const first = p.ext.length > 0 ? p.ext[0]! : p.body[0];
    const rest = concat(...headers, p.body[1]);
    return concat([0x60, 0, 0, 0], be16(rest.length), [first, p.hop], p.src, p.dst, rest);
  });
}

const arp = fc
  .record({ op: fc.constantFrom(1, 2), sha: mac, spa: ip4, tpa: ip4 })
  .map((a) => concat([0, 1, 8, 0, 6, 4], be16(a.op), a.sha, a.spa, [0, 0, 0, 0, 0, 0], a.tpa));

function l3(depth: number): fc.Arbitrary<[number, Uint8Array]> {
  return fc.oneof(
    { weight: 4, arbitrary: ipv4Packet(depth, false).map((b) => [0x0800, b] as [number, Uint8Array]) },
    { weight: 1, arbitrary: ipv4Packet(depth, true).map((b) => [0x0800, b] as [number, Uint8Array]) },
    { weight: 3, arbitrary: ipv6Packet(depth, false).map((b) => [0x86dd, b] as [number, Uint8Array]) },
    { weight: 1, arbitrary: ipv6Packet(depth, true).map((b) => [0x86dd, b] as [number, Uint8Array]) },
    { weight: 1, arbitrary: arp.map((b) => [0x0806, b] as [number, Uint8Array]) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(0x88cc, 0x8100, 0x0842, 0x1234, 0x05dc), payload) },
  );
}

/** An Ethernet frame, with no, one or two (QinQ) VLAN tags. */
function frame(depth: number): fc.Arbitrary<Uint8Array> {
  return fc.record({ dst: mac, src: mac, tags: fc.constantFrom(0, 0, 0, 0, 1, 2), vid: fc.integer({ min: 0, max: 4095 }), l3: l3(depth) }).map((f) => {
    const tags: number[] = [];
    if (f.tags === 2) tags.push(...be16(0x88a8), ...be16(f.vid), ...be16(0x8100), ...be16(f.vid + 1));
    else if (f.tags === 1) tags.push(...be16(0x8100), ...be16(f.vid));
    return concat(f.dst, f.src, tags, be16(f.l3[0]), f.l3[1]);
  });
}

/** What follows a capture header: a frame or an IP packet, often whole, sometimes cut or noise. */
const packetArb: fc.Arbitrary<Uint8Array> = fc
  .record({
    start: fc.oneof({ weight: 4, arbitrary: frame(0) }, { weight: 1, arbitrary: l3(0).map(([, b]) => b) }),
    cut: fc.oneof({ weight: 5, arbitrary: fc.constant(-1) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 128 }) }),
    noise: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 80 }) }),
  })
  .map((p) => p.noise ?? (p.cut >= 0 ? p.start.subarray(0, p.cut) : p.start));

// ---- events ---------------------------------------------------------------------------------

const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const u64 = fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }));
/** Identities: reserved ones (named by the printers), cluster-local and world ranges, any. */
const identity = fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constantFrom(16777217, 256, 12345, 50000, 65535), u32);

function known(keys: readonly string[], max: number): fc.Arbitrary<number> {
  const values = keys.map(Number);
  return values.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.integer({ min: 0, max }) }) : fc.integer({ min: 0, max });
}

function eventArbs(release: Release): fc.Arbitrary<EncodableEvent>[] {
  const t = getTables(release);
  const texts = t.texts as Record<string, Record<string, string> | undefined>;
  const keys = (g: string): string[] => Object.keys(texts[g] ?? {});
  const common = { source: fc.oneof(u16, fc.constant(0)), hash: u32, origLen: fc.oneof(fc.constant(-1), u32), packet: packetArb };
  const withLen = <T extends { origLen: number; packet: Uint8Array }>(r: T): number => (r.origLen < 0 ? r.packet.length : r.origLen);
  const drop = fc
    .record({ ...common, version: fc.constantFrom(...DROP_VERSIONS[release]), subtype: known(keys('dropReasons'), 255), srcLabel: identity, dstLabel: identity, dstId: fc.oneof(fc.constant(0), u16, u32), line: u16, file: known(keys('fileNames'), 255), extError: fc.integer({ min: -128, max: 127 }), ifindex: fc.oneof(fc.integer({ min: 0, max: 40 }), u32), flags: fc.integer({ min: 0, max: 255 }), ipTraceId: u64 })
    .map((r): EncodableEvent => ({ type: 1, release, subtype: r.subtype, source: r.source, hash: r.hash, origLen: withLen(r), capLen: r.packet.length, version: r.version, extVersion: 0, srcLabel: r.srcLabel, dstLabel: r.dstLabel, dstId: r.dstId, line: r.line, file: r.file, extError: r.extError, ifindex: r.ifindex, flags: r.version >= 2 ? r.flags : 0, ipTraceId: r.version >= 3 ? r.ipTraceId : 0n, extension: new Uint8Array(0), packet: r.packet }));
  const trace = fc
    .record({ ...common, version: fc.constantFrom(...TRACE_VERSIONS[release]), subtype: known(keys('traceObservationPoints'), 255), srcLabel: identity, dstLabel: identity, dstId: fc.oneof(fc.constant(0), u16), reason: fc.oneof(known(keys('traceReasons'), 255), known(keys('traceReasons'), 15).map((r) => r | 0x80)), flags: fc.integer({ min: 0, max: 255 }), ifindex: fc.oneof(fc.integer({ min: 0, max: 40 }), u32), origIp: fc.oneof(fc.constant(new Uint8Array(16)), fc.uint8Array({ minLength: 16, maxLength: 16 })), ipTraceId: u64 })
    .map((r): EncodableEvent => ({ type: 4, release, subtype: r.subtype, source: r.source, hash: r.hash, origLen: withLen(r), capLen: r.packet.length, version: r.version, extVersion: 0, srcLabel: r.srcLabel, dstLabel: r.dstLabel, dstId: r.dstId, reason: r.reason, flags: r.flags, ifindex: r.ifindex, origIpBytes: r.version >= 1 ? r.origIp : undefined, ipTraceId: r.version >= 2 ? r.ipTraceId : 0n, extension: new Uint8Array(0), packet: r.packet }));
  const policy = fc
    .record({ ...common, version: fc.constantFrom(1, 1, 1, 0, 2), subtype: fc.constantFrom(0, 1, 2), remoteLabel: identity, verdict: fc.oneof(fc.constantFrom(0, 1, -133, -181, -155), fc.integer({ min: -0x80000000, max: 0x7fffffff })), dstPort: port, proto: fc.constantFrom(6, 17, 1, 58, 132, 0, 255), flags: fc.integer({ min: 0, max: 255 }), authType: fc.oneof(fc.constantFrom(0, 1, 2), fc.integer({ min: 0, max: 255 })), cookie: u32 })
    .map((r): EncodableEvent => ({ type: 5, release, subtype: r.subtype, source: r.source, hash: r.hash, origLen: withLen(r), capLen: r.packet.length, version: r.version, extVersion: 0, remoteLabel: r.remoteLabel, verdict: r.verdict, dstPort: r.dstPort, proto: r.proto, flags: r.flags, authType: r.authType, cookie: release === '1.19' ? r.cookie : 0, extension: new Uint8Array(0), packet: r.packet }));
  const debug = fc
    .record({ subtype: known(keys('debugMessages'), 255), source: u16, hash: u32, arg1: fc.oneof(fc.integer({ min: 0, max: 300 }), u32), arg2: fc.oneof(fc.integer({ min: 0, max: 300 }), u32), arg3: fc.oneof(fc.integer({ min: 0, max: 300 }), u32) })
    .map((r): EncodableEvent => ({ type: 2, release, ...r }));
  const capture = fc
    .record({ ...common, version: fc.constantFrom(0, 1), subtype: known(keys('debugCaptures'), 255), arg1: fc.oneof(fc.integer({ min: 0, max: 300 }), u32), arg2: fc.oneof(fc.integer({ min: 0, max: 300 }), u32) })
    .map((r): EncodableEvent => ({ type: 3, release, subtype: r.subtype, source: r.source, hash: r.hash, origLen: withLen(r), capLen: r.packet.length, version: r.version, extVersion: 0, arg1: r.arg1, arg2: r.arg2, extension: new Uint8Array(0), packet: r.packet }));
  const sock = fc
    .record({ xlatePoint: known(keys('xlatePoints'), 255), dstIpBytes: fc.oneof(ip4.map((a) => concat(a, new Array(12).fill(0))), ip6.map((a) => Uint8Array.from(a))), dstPort: port, sockCookie: u64, cgroupId: u64, l4Proto: fc.oneof(fc.constantFrom(0, 1, 2), fc.integer({ min: 0, max: 255 })), flags: fc.integer({ min: 0, max: 3 }) })
    .map((r): EncodableEvent => ({ type: 7, release, ...r }));
  const agentText = fc.record({ type: fc.integer({ min: 0, max: 12 }), text: fc.constantFrom('', 'Policy updated', '{"labels":["k8s:app=x"]}', 'unicode ✓ "quoted"\n') });
  const agent = agentText.map((a): EncodableEvent => ({ type: 130, release, payload: gobAgentNotify(a.type, a.text) }));
  const arbs = [drop, drop, trace, trace, policy, debug, capture, sock, agent];
  if (t.structs['capture_msg'] !== undefined) {
    arbs.push(fc.record({ subtype: fc.integer({ min: 0, max: 255 }), source: u16, hash: u32, tvBoot: u64, packet: packetArb }).map((r): EncodableEvent => ({ type: 6, release, subtype: r.subtype, source: r.source, hash: r.hash, tvBoot: r.tvBoot, capLen: r.packet.length, origLen: r.packet.length, packet: r.packet })));
  }
  return arbs;
}

/**
 * A type-130 record as the agent encodes it: the gob type definition of
 * `AgentNotify{Type uint32, Text string}` (type id 66) and one value (texts under 128 bytes).
 */
function gobAgentNotify(type: number, text: string): Uint8Array {
  const ascii = (x: string): number[] => Array.from(new TextEncoder().encode(x));
  const def = [0xff, 0x83, 0x03, 0x01, 0x01, 0x0b, ...ascii('AgentNotify'), 0x01, 0xff, 0x84, 0x00, 0x01, 0x02,
    0x01, 0x04, ...ascii('Type'), 0x01, 0x06, 0x00, 0x01, 0x04, ...ascii('Text'), 0x01, 0x0c, 0x00, 0x00, 0x00];
  const body = ascii(text);
  const fields: number[] = [];
  let last = -1;
  if (type !== 0) {
    fields.push(1, type);
    last = 0;
  }
  if (body.length > 0) fields.push(1 - last, body.length, ...body);
  const value = [0xff, 0x84, ...fields, 0x00];
  return Uint8Array.from([def.length, ...def, value.length, ...value]);
}

/** Records Go must handle although they are not valid events: short, cut and unknown ones. */
function malformed(valid: readonly Uint8Array[], seed: number): Uint8Array[] {
  const out: Uint8Array[] = [new Uint8Array([1]), new Uint8Array([4, 0, 0]), new Uint8Array([2]), new Uint8Array([3, 0]), new Uint8Array([5, 0, 0, 0]), new Uint8Array([7, 0]), new Uint8Array([8, 1, 2, 3]), new Uint8Array([0]), new Uint8Array([200, 9, 9])];
  let s = seed >>> 0;
  const rnd = (n: number): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  for (let i = 0; i < 24 && valid.length > 0; i++) {
    const v = valid[rnd(valid.length)]!;
    out.push(v.subarray(0, rnd(Math.min(v.length, 72))));
  }
  return out;
}

/**
 * Records the exploration corpus (explore-corpus.ts) found printed differently from Go, kept
 * here so the goldens hold them: a drop whose len_cap is 0 with a packet behind it (1.16 counts
 * the version bytes into its capture length), agent notifications and access logs Go's gob
 * decoder rejects at the message level (empty, cut, a value of a non-struct type, a bad length),
 * agent notifications and access logs of other gob shapes (field order, ids, field types, values
 * out of range),
 * and IPv4-mapped addresses in a trace's orig-ip and a socket trace's destination.
 */
function explorationFinds(release: Release): Uint8Array[] {
  const packet = Uint8Array.from([0x0a, 0x58, 0x0a, 0xf4, 0x01, 0x05, 0x02, 0x42, 0xac, 0x11, 0x00, 0x02, 0x08, 0x06, 0, 1, 8, 0, 6, 4, 0, 1]);
  const drop = encodeEvent({ type: 1, release, subtype: 133, source: 321, hash: 1, origLen: packet.length, capLen: packet.length, version: DROP_VERSIONS[release].at(-1)!, extVersion: 0, srcLabel: 2, dstLabel: 12345, dstId: 0, line: 7, file: 1, extError: 0, ifindex: 3, flags: 0, ipTraceId: 0n, extension: new Uint8Array(0), packet });
  drop[12] = 0;
  const agent = gobAgentNotify(5, '{"rule_count":1}');
  const gobs = [new Uint8Array(0), agent.subarray(0, 2), agent.subarray(0, 44), Uint8Array.of(1, 2, 3), new Uint8Array(9).fill(0x82), Uint8Array.of(0)];
  // IPv4-mapped addresses in record fields (1.20 prints them as netip does, ::ffff:a.b.c.d).
  const mapped = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1]);
  const trace = encodeEvent({ type: 4, release, subtype: 4, source: 1, hash: 2, origLen: packet.length, capLen: packet.length, version: 1, extVersion: 0, srcLabel: 2, dstLabel: 3, dstId: 0, reason: 3, flags: 1, ifindex: 7, origIpBytes: mapped, ipTraceId: 0n, extension: new Uint8Array(0), packet });
  const sock = encodeEvent({ type: 7, release, xlatePoint: 2, dstIpBytes: mapped, dstPort: 53, sockCookie: 5n, cgroupId: 6n, l4Proto: 17, flags: 1 });
  return [drop, trace, sock, ...gobs.flatMap((g) => [concat([130], g), concat([129], g)]), ...oddAgentGobs().flatMap((g) => [concat([130], g), concat([129], g)])];
}

/**
 * L7 access logs (type 129) as the agent sends them: gob `accesslog.LogRecord` values written by
 * test/oracle/accesslog-gen (built in a pinned tree: docs/go-differential.md), one file per
 * generation of the struct — 1.16's DNS IPs are `net.IP`, 1.17–1.19 `netip.Addr`, 1.20 drops Kafka.
 */
function accessLogs(release: Release): Uint8Array[] {
  const file = release === '1.16' ? 'net-ip' : release === '1.20' ? 'no-kafka' : 'netip';
  const text = readFileSync(new URL(`../fixtures/access-log/${file}.hex`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => Uint8Array.from(Buffer.from(line, 'hex')));
}

/** The corpus of `release`: `perType` samples of each generator, then malformed records and exploration finds. */
export function buildCorpus(release: Release, perType = 60, seed = 20261203): CorpusSample[] {
  const samples: CorpusSample[] = [];
  eventArbs(release).forEach((arb, i) => {
    for (const ev of fc.sample(arb, { seed: seed + i, numRuns: perType })) {
      samples.push({ cpu: samples.length % 4, bytes: encodeEvent(ev) });
    }
  });
  for (const bytes of malformed(samples.map((x) => x.bytes), seed)) samples.push({ cpu: 1, bytes });
  for (const bytes of explorationFinds(release)) samples.push({ cpu: 2, bytes });
  for (const bytes of accessLogs(release)) samples.push({ cpu: 3, bytes });
  return samples;
}
