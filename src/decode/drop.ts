/**
 * Drop notifications (type 1, `struct drop_notify`). The version byte picks the header
 * length; the release decides which versions exist and what the flags byte means.
 */
import type { ReleaseTables } from '../table-types.js';
import type { DropNotify, Release } from './types.js';
import type { CaptureHeaderLayout } from './capture-header.js';
import { compileCaptureHeader, packetStart, shortBuffer, unknownVersion } from './capture-header.js';
import type { ClsMasks } from './cls-flags.js';
import { compileClsMasks } from './cls-flags.js';
import { offsetOf, optionalOffsetOf, LayoutDefect } from './layout.js';
import type { ReleaseNames } from './names.js';
import { readU64 } from './u64.js';

/**
 * Header length per drop version, as Cilium's Go decoder has it: 0 and 1 are the 36-byte
 * layout (v1.13–v1.17.3), 2 adds the flags byte (40, v1.17.4+), 3 adds `ip_trace_id` (48, v1.19).
 */
const DROP_LENGTH_BY_VERSION = [36, 36, 40, 48] as const;

export interface DropLayout {
  hdr: CaptureHeaderLayout;
  /** Header length by version; versions this release cannot emit are absent. */
  lengths: readonly number[];
  minLength: number;
  srcLabel: number;
  dstLabel: number;
  dstId: number;
  line: number;
  file: number;
  extError: number;
  ifindex: number;
  cls: ClsMasks;
  ipTraceId: number;
}

export function compileDrop(t: ReleaseTables, littleEndian: boolean): DropLayout {
  const s = t.structs['drop_notify'];
  if (s === undefined) throw new LayoutDefect(`release ${t.release} has no drop_notify`);
  const n = 'drop_notify';
  const lengths = DROP_LENGTH_BY_VERSION.filter((len) => len <= s.size);
  if (lengths.length === 0) throw new LayoutDefect(`drop_notify of ${t.release} is only ${s.size} bytes`);
  return {
    hdr: compileCaptureHeader(s, n),
    lengths,
    minLength: Math.min(...lengths),
    srcLabel: offsetOf(s, 'src_label', 4, n),
    dstLabel: offsetOf(s, 'dst_label', 4, n),
    dstId: offsetOf(s, 'dst_id', 4, n),
    line: offsetOf(s, 'line', 2, n),
    file: offsetOf(s, 'file', 1, n),
    extError: offsetOf(s, 'ext_error', 1, n),
    ifindex: offsetOf(s, 'ifindex', 4, n),
    cls: compileClsMasks(s, t.enums['CLS_FLAG'], littleEndian),
    ipTraceId: optionalOffsetOf(s, 'ip_trace_id', 8, n),
  };
}

const EMPTY = new Uint8Array(0);

export class DropNotifyEvent implements DropNotify {
  declare readonly type: 1;
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
  declare readonly line: number;
  declare readonly file: number;
  declare readonly extError: number;
  declare readonly ifindex: number;
  declare readonly flags: number;
  declare readonly ipTraceId: bigint;
  declare readonly isIPv6: boolean;
  declare readonly isL3Device: boolean;
  declare readonly isVXLAN: boolean;
  declare readonly isGeneve: boolean;
  declare readonly dropReasonName: string | undefined;
  declare readonly dropReasonText: string | undefined;
  declare readonly fileName: string | undefined;
  declare readonly release: Release;
  readonly #bytes: Uint8Array;
  readonly #extStart: number;
  readonly #packetStart: number;

  constructor(
    L: DropLayout,
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
    const file = bytes[L.file] as number;
    const flags = L.cls.offset >= 0 && L.cls.offset < headerLen ? (bytes[L.cls.offset] as number) : 0;
    this.type = 1;
    this.subtype = subtype;
    this.source = view.getUint16(b + L.hdr.source, le);
    this.hash = view.getUint32(b + L.hdr.hash, le);
    this.origLen = view.getUint32(b + L.hdr.origLen, le);
    this.capLen = capLen;
    this.version = version;
    this.extVersion = extVersion;
    this.srcLabel = view.getUint32(b + L.srcLabel, le);
    this.dstLabel = view.getUint32(b + L.dstLabel, le);
    this.dstId = view.getUint32(b + L.dstId, le);
    this.line = view.getUint16(b + L.line, le);
    this.file = file;
    this.extError = view.getInt8(b + L.extError);
    this.ifindex = view.getUint32(b + L.ifindex, le);
    this.flags = flags;
    this.ipTraceId = L.ipTraceId >= 0 && L.ipTraceId < headerLen ? readU64(view, b + L.ipTraceId, le) : 0n;
    this.isIPv6 = (flags & L.cls.ipv6) !== 0;
    this.isL3Device = (flags & L.cls.l3Device) !== 0;
    this.isVXLAN = (flags & L.cls.vxlan) !== 0;
    this.isGeneve = (flags & L.cls.geneve) !== 0;
    this.dropReasonName = names.dropReason[subtype];
    this.dropReasonText = names.dropReasonText[subtype];
    this.fileName = names.fileName[file];
    this.release = names.release;
    this.#bytes = bytes;
    this.#extStart = headerLen;
    this.#packetStart = pktStart;
  }

  get packet(): Uint8Array {
    return this.#bytes.subarray(this.#packetStart, this.#packetStart + this.capLen);
  }

  get extension(): Uint8Array {
    return this.#packetStart === this.#extStart ? EMPTY : this.#bytes.subarray(this.#extStart, this.#packetStart);
  }
}

/** Decodes a drop notification; `bytes[0]` is known to be 1. */
export function decodeDrop(
  L: DropLayout,
  names: ReleaseNames,
  le: boolean,
  ext: Int32Array,
  bytes: Uint8Array,
  view: DataView,
): DropNotifyEvent {
  const available = bytes.length;
  if (available < L.minLength) throw shortBuffer(1, L.minLength, available);
  const b = bytes.byteOffset;
  const version = L.hdr.versionSize === 1 ? (bytes[L.hdr.version] as number) : view.getUint16(b + L.hdr.version, le);
  const headerLen = L.lengths[version];
  if (headerLen === undefined) throw unknownVersion(1, version, names.release, L.hdr.version);
  if (available < headerLen) throw shortBuffer(1, headerLen, available);
  const extVersion = L.hdr.extVersion >= 0 ? (bytes[L.hdr.extVersion] as number) : 0;
  const capLen = view.getUint16(b + L.hdr.capLen, le);
  const start = packetStart(headerLen, ext, extVersion, capLen, available, 1, L.hdr.extVersion);
  return new DropNotifyEvent(L, names, le, bytes, view, headerLen, version, extVersion, capLen, start);
}
