/**
 * Trace notifications (type 4, `struct trace_notify`). The version byte picks the header
 * length (v0 without the original-IP union, v1 with it, v2 adding `ip_trace_id`).
 */
import type { ReleaseTables } from '../table-types.js';
import type { Release, TraceNotify, TraceNotifyJSON } from './types.js';
import type { CaptureHeaderLayout } from './capture-header.js';
import type { ExtensionTable } from './context-cache.js';
import { compileCaptureHeader, packetStart, readVersion, shortBuffer, unknownVersion } from './capture-header.js';
import type { ClsMasks } from './cls-flags.js';
import { compileClsMasks } from './cls-flags.js';
import { LayoutDefect, offsetOf, optionalOffsetOf } from './layout.js';
import type { ReleaseNames } from './names.js';
import type { Reader } from './read.js';
import { LE, readerFor } from './read.js';
import { ipv4ToString, ipv6ToString } from '../packet/address.js';
import type { Writable } from './internal.js';
import { BYTES, EMPTY_BYTES, LAYOUT, PACKET_START } from './internal.js';
import { jsonView, withDataView } from './plain.js';

/** Header length per trace version (Cilium's Go decoder): v0 32, v1 48 (v1.7+), v2 56 (v1.19). */
const TRACE_LENGTH_BY_VERSION = [32, 48, 56] as const;

/** `TRACE_REASON_ENCRYPTED`: or-ed onto the reason byte, not a reason of its own. */
const ENCRYPTED_BIT = 0x80;

export interface TraceLayout {
  names: ReleaseNames;
  rd: Reader;
  hdr: CaptureHeaderLayout;
  lengths: readonly number[];
  minLength: number;
  srcLabel: number;
  dstLabel: number;
  dstId: number;
  reason: number;
  ifindex: number;
  cls: ClsMasks;
  origIp: number;
  ipTraceId: number;
}

export function compileTrace(t: ReleaseTables, names: ReleaseNames, le: boolean): TraceLayout {
  const n = 'trace_notify';
  const s = t.structs[n];
  if (s === undefined) throw new LayoutDefect(`release ${t.release} has no ${n}`);
  const lengths = TRACE_LENGTH_BY_VERSION.filter((len) => len <= s.size);
  // The newest version must be the whole struct, or the version table and the headers disagree.
  if (lengths[lengths.length - 1] !== s.size) throw new LayoutDefect(`${n} of ${t.release} is ${s.size} bytes`);
  const origIp = offsetOf(s, 'orig_ip6', 16, n);
  if (offsetOf(s, 'orig_ip4', 4, n) !== origIp) throw new LayoutDefect(`${n}: orig_ip4 and orig_ip6 differ`);
  return {
    names,
    rd: readerFor(le),
    hdr: compileCaptureHeader(s, n),
    lengths,
    minLength: Math.min(...lengths),
    srcLabel: offsetOf(s, 'src_label', 4, n),
    dstLabel: offsetOf(s, 'dst_label', 4, n),
    dstId: offsetOf(s, 'dst_id', 2, n),
    reason: offsetOf(s, 'reason', 1, n),
    ifindex: offsetOf(s, 'ifindex', 4, n),
    cls: compileClsMasks(s, t.enums['CLS_FLAG'], le),
    origIp,
    ipTraceId: optionalOffsetOf(s, 'ip_trace_id', 8, n),
  };
}

/** The order of {@link TraceNotifyJSON} views. */
const TRACE_NOTIFY_KEYS = ['type', 'release', 'subtype', 'subtypeName', 'source', 'hash', 'origLen', 'capLen', 'version', 'extVersion', 'srcLabel', 'dstLabel', 'dstId', 'reason', 'traceReason', 'traceReasonName', 'encrypted', 'flags', 'isIPv6', 'isL3Device', 'isVXLAN', 'isGeneve', 'ifindex', 'origIpBytes', 'origIp', 'ipTraceId', 'extension', 'packet', 'truncated', 'unknownExtension'] as const;

export const TraceNotifyEvent = /*#__PURE__*/ withDataView(
  class TraceNotifyEvent implements TraceNotify {
    declare readonly type: 4;
    declare readonly subtype: number;
    declare readonly source: number;
    declare readonly hash: number;
    declare readonly origLen: number;
    declare readonly capLen: number;
    declare readonly version: number;
    declare readonly extVersion: number;
    declare readonly srcLabel: number;
    declare readonly dstLabel: number;
    declare readonly dstId: number;
    declare readonly reason: number;
    declare readonly flags: number;
    declare readonly ifindex: number;
    declare readonly [LAYOUT]: TraceLayout;
    declare readonly [BYTES]: Uint8Array;
    declare readonly [PACKET_START]: number;

    /**
     * All values at once: V8 folds these stores into the allocation of a fresh event. A reused
     * event (`createDecoder({ reuse: true })`) is written by `fillTrace` instead; the reuse
     * property test (test/decode/reuse.test.ts) keeps the two lists equal.
     */
    constructor(
      L: TraceLayout,
      b: Uint8Array,
      pktStart: number,
      subtype: number,
      source: number,
      hash: number,
      origLen: number,
      capLen: number,
      version: number,
      extVersion: number,
      srcLabel: number,
      dstLabel: number,
      dstId: number,
      reason: number,
      flags: number,
      ifindex: number,
    ) {
      this.type = 4;
      this.subtype = subtype;
      this.source = source;
      this.hash = hash;
      this.origLen = origLen;
      this.capLen = capLen;
      this.version = version;
      this.extVersion = extVersion;
      this.srcLabel = srcLabel;
      this.dstLabel = dstLabel;
      this.dstId = dstId;
      this.reason = reason;
      this.flags = flags;
      this.ifindex = ifindex;
      this[LAYOUT] = L;
      this[BYTES] = b;
      this[PACKET_START] = pktStart;
    }

    get packet(): Uint8Array {
      return this[BYTES].subarray(this[PACKET_START], this[PACKET_START] + this.capLen);
    }

    get extension(): Uint8Array {
      const start = headerLength(this);
      return this[PACKET_START] === start ? EMPTY_BYTES : this[BYTES].subarray(start, this[PACKET_START]);
    }

    get truncated(): boolean {
      return this[PACKET_START] + this.capLen > this[BYTES].length;
    }

    get unknownExtension(): boolean {
      return this.extVersion !== 0 && this[PACKET_START] === headerLength(this);
    }

    get origIpBytes(): Uint8Array | undefined {
      const at = origIpAt(this);
      return at < 0 ? undefined : this[BYTES].subarray(at, at + 16);
    }

    get origIp(): string | undefined {
      const at = origIpAt(this);
      if (at < 0) return undefined;
      return this.isIPv6 ? ipv6ToString(this[BYTES], at) : ipv4ToString(this[BYTES], at);
    }

    /** Read on access: building a bigint costs more than the rest of the header. */
    get ipTraceId(): bigint {
      const L = this[LAYOUT];
      return L.ipTraceId >= 0 && L.ipTraceId < headerLength(this) ? L.rd.u64(this[BYTES], L.ipTraceId) : 0n;
    }

    get isIPv6(): boolean {
      return (this.flags & this[LAYOUT].cls.ipv6) !== 0;
    }

    get isL3Device(): boolean {
      return (this.flags & this[LAYOUT].cls.l3Device) !== 0;
    }

    get isVXLAN(): boolean {
      return (this.flags & this[LAYOUT].cls.vxlan) !== 0;
    }

    get isGeneve(): boolean {
      return (this.flags & this[LAYOUT].cls.geneve) !== 0;
    }

    get subtypeName(): string | undefined {
      return this[LAYOUT].names.tracePoint[this.subtype];
    }

    get traceReason(): number {
      return this.reason & ~ENCRYPTED_BIT;
    }

    get traceReasonName(): string | undefined {
      return this[LAYOUT].names.traceReason[this.traceReason];
    }

    get encrypted(): boolean {
      return (this.reason & ENCRYPTED_BIT) !== 0;
    }

    get release(): Release {
      return this[LAYOUT].names.release;
    }
    toJSON(): TraceNotifyJSON {
      return jsonView<TraceNotify, typeof TRACE_NOTIFY_KEYS>(this, TRACE_NOTIFY_KEYS);
    }

  },
  'TraceNotify',
);
export type TraceNotifyEvent = InstanceType<typeof TraceNotifyEvent>;

/** The fixed header length of the event's version (the extension, if any, follows it). */
function headerLength(ev: TraceNotifyEvent): number {
  return ev[LAYOUT].lengths[ev.version] as number;
}

/** Offset of the original-IP union, or -1 for v0 events, which have none. */
function origIpAt(ev: TraceNotifyEvent): number {
  const at = ev[LAYOUT].origIp;
  return at + 16 <= headerLength(ev) ? at : -1;
}

/**
 * Decodes a trace notification; `b[0]` is known to be 4.
 *
 * The little-endian reads are spelled out, and `into` filled, for the reasons given at `decodeDrop`.
 */
export function decodeTrace(L: TraceLayout, ext: ExtensionTable, b: Uint8Array, into: TraceNotifyEvent | undefined): TraceNotifyEvent {
  const available = b.length;
  if (available < L.minLength) throw shortBuffer(4, L.minLength, available);
  const version = readVersion(L.hdr, b, L.rd);
  const headerLen = L.lengths[version];
  if (headerLen === undefined) throw unknownVersion(4, version, L.names.release, L.hdr.version);
  if (available < headerLen) throw shortBuffer(4, headerLen, available);
  const extVersion = L.hdr.extVersion >= 0 ? b[L.hdr.extVersion]! : 0;
  const capLen = L.rd.u16(b, L.hdr.capLen);
  const pktStart = packetStart(headerLen, ext, extVersion, capLen, available, 4, L.hdr.extVersion);
  const flags = L.cls.offset >= 0 && L.cls.offset < headerLen ? b[L.cls.offset]! : 0;
  let source: number, hash: number, origLen: number, srcLabel: number, dstLabel: number, dstId: number, ifindex: number;
  if (L.rd === LE) {
    let o = L.hdr.source;
    source = b[o]! | (b[o + 1]! << 8);
    o = L.hdr.hash;
    hash = (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
    o = L.hdr.origLen;
    origLen = (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
    o = L.srcLabel;
    srcLabel = (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
    o = L.dstLabel;
    dstLabel = (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
    o = L.dstId;
    dstId = b[o]! | (b[o + 1]! << 8);
    o = L.ifindex;
    ifindex = (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
  } else {
    const r = L.rd;
    source = r.u16(b, L.hdr.source);
    hash = r.u32(b, L.hdr.hash);
    origLen = r.u32(b, L.hdr.origLen);
    srcLabel = r.u32(b, L.srcLabel);
    dstLabel = r.u32(b, L.dstLabel);
    dstId = r.u16(b, L.dstId);
    ifindex = r.u32(b, L.ifindex);
  }
  const subtype = b[L.hdr.subtype]!;
  const reason = b[L.reason]!;
  return into === undefined
    ? new TraceNotifyEvent(L, b, pktStart, subtype, source, hash, origLen, capLen, version, extVersion, srcLabel, dstLabel, dstId, reason, flags, ifindex)
    : fillTrace(into, b, pktStart, subtype, source, hash, origLen, capLen, version, extVersion, srcLabel, dstLabel, dstId, reason, flags, ifindex);
}

/**
 * Writes every field of a reused event, as the constructor does for a fresh one; called only
 * once every check has passed, so a reused event is never left half-written.
 */
function fillTrace(
  ev: Writable<TraceNotifyEvent>,
  b: Uint8Array,
  pktStart: number,
  subtype: number,
  source: number,
  hash: number,
  origLen: number,
  capLen: number,
  version: number,
  extVersion: number,
  srcLabel: number,
  dstLabel: number,
  dstId: number,
  reason: number,
  flags: number,
  ifindex: number,
): TraceNotifyEvent {
  ev.subtype = subtype;
  ev.source = source;
  ev.hash = hash;
  ev.origLen = origLen;
  ev.capLen = capLen;
  ev.version = version;
  ev.extVersion = extVersion;
  ev.srcLabel = srcLabel;
  ev.dstLabel = dstLabel;
  ev.dstId = dstId;
  ev.reason = reason;
  ev.flags = flags;
  ev.ifindex = ifindex;
  ev[BYTES] = b;
  ev[PACKET_START] = pktStart;
  return ev as TraceNotifyEvent;
}
