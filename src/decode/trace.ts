/**
 * Trace notifications (type 4, `struct trace_notify`). The version byte picks the header
 * length (v0 without the original-IP union, v1 with it, v2 adding `ip_trace_id`).
 */
import type { ReleaseTables } from '../table-types.js';
import type { Release, TraceNotify } from './types.js';
import type { CaptureHeaderLayout } from './capture-header.js';
import { compileCaptureHeader, packetStart, shortBuffer, unknownVersion } from './capture-header.js';
import type { ClsMasks } from './cls-flags.js';
import { compileClsMasks } from './cls-flags.js';
import { LayoutDefect, offsetOf, optionalOffsetOf } from './layout.js';
import type { ReleaseNames } from './names.js';
import { readU64 } from './u64.js';
import { ipv4Text, ipv6Text } from './ip-text.js';

/** Header length per trace version (Cilium's Go decoder): v0 32, v1 48 (v1.7+), v2 56 (v1.19). */
const TRACE_LENGTH_BY_VERSION = [32, 48, 56] as const;

/** `TRACE_REASON_ENCRYPTED`: or-ed onto the reason byte, not a reason of its own. */
const ENCRYPTED_BIT = 0x80;

export interface TraceLayout {
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

export function compileTrace(t: ReleaseTables, littleEndian: boolean): TraceLayout {
  const n = 'trace_notify';
  const s = t.structs[n];
  if (s === undefined) throw new LayoutDefect(`release ${t.release} has no ${n}`);
  const lengths = TRACE_LENGTH_BY_VERSION.filter((len) => len <= s.size);
  const origIp = offsetOf(s, 'orig_ip6', 16, n);
  if (offsetOf(s, 'orig_ip4', 4, n) !== origIp) throw new LayoutDefect(`${n}: orig_ip4 and orig_ip6 differ`);
  return {
    hdr: compileCaptureHeader(s, n),
    lengths,
    minLength: Math.min(...lengths),
    srcLabel: offsetOf(s, 'src_label', 4, n),
    dstLabel: offsetOf(s, 'dst_label', 4, n),
    dstId: offsetOf(s, 'dst_id', 2, n),
    reason: offsetOf(s, 'reason', 1, n),
    ifindex: offsetOf(s, 'ifindex', 4, n),
    cls: compileClsMasks(s, t.enums['CLS_FLAG'], littleEndian),
    origIp,
    ipTraceId: optionalOffsetOf(s, 'ip_trace_id', 8, n),
  };
}

const EMPTY = new Uint8Array(0);

export class TraceNotifyEvent implements TraceNotify {
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
  declare readonly ipTraceId: bigint;
  declare readonly isIPv6: boolean;
  declare readonly isL3Device: boolean;
  declare readonly isVXLAN: boolean;
  declare readonly isGeneve: boolean;
  declare readonly obsPointName: string | undefined;
  declare readonly traceReason: number;
  declare readonly traceReasonName: string | undefined;
  declare readonly encrypted: boolean;
  declare readonly release: Release;
  readonly #bytes: Uint8Array;
  readonly #extStart: number;
  readonly #packetStart: number;
  /** Offset of the original-IP union, or -1 for v0 events. */
  readonly #origIp: number;

  constructor(
    L: TraceLayout,
    names: ReleaseNames,
    le: boolean,
    bytes: Uint8Array,
    view: DataView,
    headerLen: number,
    version: number,
    extVersion: number,
    capLen: number,
    pktStart: number,
  ) {
    const b = bytes.byteOffset;
    const subtype = bytes[L.hdr.subtype] as number;
    const reason = bytes[L.reason] as number;
    const base = reason & ~ENCRYPTED_BIT;
    const flags = L.cls.offset >= 0 && L.cls.offset < headerLen ? (bytes[L.cls.offset] as number) : 0;
    this.type = 4;
    this.subtype = subtype;
    this.source = view.getUint16(b + L.hdr.source, le);
    this.hash = view.getUint32(b + L.hdr.hash, le);
    this.origLen = view.getUint32(b + L.hdr.origLen, le);
    this.capLen = capLen;
    this.version = version;
    this.extVersion = extVersion;
    this.srcLabel = view.getUint32(b + L.srcLabel, le);
    this.dstLabel = view.getUint32(b + L.dstLabel, le);
    this.dstId = view.getUint16(b + L.dstId, le);
    this.reason = reason;
    this.flags = flags;
    this.ifindex = view.getUint32(b + L.ifindex, le);
    this.ipTraceId = L.ipTraceId >= 0 && L.ipTraceId < headerLen ? readU64(view, b + L.ipTraceId, le) : 0n;
    this.isIPv6 = (flags & L.cls.ipv6) !== 0;
    this.isL3Device = (flags & L.cls.l3Device) !== 0;
    this.isVXLAN = (flags & L.cls.vxlan) !== 0;
    this.isGeneve = (flags & L.cls.geneve) !== 0;
    this.obsPointName = names.tracePoint[subtype];
    this.traceReason = base;
    this.traceReasonName = names.traceReason[base];
    this.encrypted = (reason & ENCRYPTED_BIT) !== 0;
    this.release = names.release;
    this.#bytes = bytes;
    this.#extStart = headerLen;
    this.#packetStart = pktStart;
    this.#origIp = L.origIp + 16 <= headerLen ? L.origIp : -1;
  }

  get packet(): Uint8Array {
    return this.#bytes.subarray(this.#packetStart, this.#packetStart + this.capLen);
  }

  get extension(): Uint8Array {
    return this.#packetStart === this.#extStart ? EMPTY : this.#bytes.subarray(this.#extStart, this.#packetStart);
  }

  get origIpBytes(): Uint8Array | undefined {
    return this.#origIp < 0 ? undefined : this.#bytes.subarray(this.#origIp, this.#origIp + 16);
  }

  get origIp(): string | undefined {
    if (this.#origIp < 0) return undefined;
    return this.isIPv6 ? ipv6Text(this.#bytes, this.#origIp) : ipv4Text(this.#bytes, this.#origIp);
  }
}

/** Decodes a trace notification; `bytes[0]` is known to be 4. */
export function decodeTrace(
  L: TraceLayout,
  names: ReleaseNames,
  le: boolean,
  ext: Int32Array,
  bytes: Uint8Array,
  view: DataView,
): TraceNotifyEvent {
  const available = bytes.length;
  if (available < L.minLength) throw shortBuffer(4, L.minLength, available);
  const b = bytes.byteOffset;
  const version = L.hdr.versionSize === 1 ? (bytes[L.hdr.version] as number) : view.getUint16(b + L.hdr.version, le);
  const headerLen = L.lengths[version];
  if (headerLen === undefined) throw unknownVersion(4, version, names.release, L.hdr.version);
  if (available < headerLen) throw shortBuffer(4, headerLen, available);
  const extVersion = L.hdr.extVersion >= 0 ? (bytes[L.hdr.extVersion] as number) : 0;
  const capLen = view.getUint16(b + L.hdr.capLen, le);
  const start = packetStart(headerLen, ext, extVersion, capLen, available, 4, L.hdr.extVersion);
  return new TraceNotifyEvent(L, names, le, bytes, view, headerLen, version, extVersion, capLen, start);
}
