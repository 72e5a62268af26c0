/**
 * Drop notifications (type 1, `struct drop_notify`). The version byte picks the header
 * length; the release decides which versions exist and what the flags byte means.
 */
import type { ReleaseTables } from '../table-types.js';
import type { DropNotify, DropNotifyJSON, Release } from './types.js';
import type { CaptureHeaderLayout } from './capture-header.js';
import type { ExtensionTable } from './context-cache.js';
import { compileCaptureHeader, packetStart, readVersion, shortBuffer, unknownVersion } from './capture-header.js';
import type { ClsMasks } from './cls-flags.js';
import { compileClsMasks } from './cls-flags.js';
import { offsetOf, optionalOffsetOf, LayoutDefect } from './layout.js';
import type { ReleaseNames } from './names.js';
import type { Reader } from './read.js';
import { LE, s8, readerFor } from './read.js';
import type { Writable } from './internal.js';
import { BYTES, EMPTY_BYTES, LAYOUT, PACKET_START } from './internal.js';
import { jsonView, withDataView } from './plain.js';

/**
 * Header length per drop version, as Cilium's Go decoder has it: 0 and 1 are the 36-byte
 * layout (v1.13–v1.17.3), 2 adds the flags byte (40, v1.17.4+), 3 adds `ip_trace_id` (48, v1.19).
 */
const DROP_LENGTH_BY_VERSION = [36, 36, 40, 48] as const;

export interface DropLayout {
  names: ReleaseNames;
  rd: Reader;
  hdr: CaptureHeaderLayout;
  /** Header length by version; versions this release cannot emit are absent. */
  lengths: readonly number[];
  /**
   * The header length of every version when the release's Go decoder never looks at the version
   * (the 36-byte struct of v1.16 and v1.17.0–v1.17.3): any value there decodes as that layout,
   * except with `strict: true`, which keeps refusing versions the release does not define.
   */
  anyVersion: number | undefined;
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

export function compileDrop(t: ReleaseTables, names: ReleaseNames, le: boolean): DropLayout {
  const n = 'drop_notify';
  const s = t.structs[n];
  if (s === undefined) throw new LayoutDefect(`release ${t.release} has no ${n}`);
  const lengths = DROP_LENGTH_BY_VERSION.filter((len) => len <= s.size);
  // The newest version must be the whole struct, or the version table and the headers disagree.
  if (lengths[lengths.length - 1] !== s.size) throw new LayoutDefect(`${n} of ${t.release} is ${s.size} bytes`);
  return {
    names,
    rd: readerFor(le),
    hdr: compileCaptureHeader(s, n),
    lengths,
    anyVersion: s.size === DROP_LENGTH_BY_VERSION[0] ? s.size : undefined,
    minLength: Math.min(...lengths),
    srcLabel: offsetOf(s, 'src_label', 4, n),
    dstLabel: offsetOf(s, 'dst_label', 4, n),
    dstId: offsetOf(s, 'dst_id', 4, n),
    line: offsetOf(s, 'line', 2, n),
    file: offsetOf(s, 'file', 1, n),
    extError: offsetOf(s, 'ext_error', 1, n),
    ifindex: offsetOf(s, 'ifindex', 4, n),
    cls: compileClsMasks(s, t.enums['CLS_FLAG'], le),
    ipTraceId: optionalOffsetOf(s, 'ip_trace_id', 8, n),
  };
}

/** The order of {@link DropNotifyJSON} views. */
const DROP_NOTIFY_KEYS = ['type', 'release', 'subtype', 'subtypeName', 'subtypeText', 'source', 'hash', 'origLen', 'capLen', 'version', 'extVersion', 'srcLabel', 'dstLabel', 'dstId', 'line', 'file', 'fileName', 'extError', 'ifindex', 'flags', 'isIPv6', 'isL3Device', 'isVXLAN', 'isGeneve', 'ipTraceId', 'extension', 'packet', 'truncated', 'unknownExtension'] as const;

export const DropNotifyEvent = /*#__PURE__*/ withDataView(
  class DropNotifyEvent implements DropNotify {
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
    declare readonly [LAYOUT]: DropLayout;
    declare readonly [BYTES]: Uint8Array;
    declare readonly [PACKET_START]: number;

    /**
     * All values at once: V8 folds these stores into the allocation of a fresh event. A reused
     * event (`createDecoder({ reuse: true })`) is written by `fillDrop` instead; the reuse
     * property test (test/decode/reuse.test.ts) keeps the two lists equal.
     */
    constructor(
      L: DropLayout,
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
      line: number,
      file: number,
      extError: number,
      ifindex: number,
      flags: number,
    ) {
      this.type = 1;
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
      this.line = line;
      this.file = file;
      this.extError = extError;
      this.ifindex = ifindex;
      this.flags = flags;
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
      return this[LAYOUT].names.dropReason[this.subtype];
    }

    get subtypeText(): string | undefined {
      return this[LAYOUT].names.dropReasonText[this.subtype];
    }

    get fileName(): string | undefined {
      return this[LAYOUT].names.fileName[this.file];
    }

    get release(): Release {
      return this[LAYOUT].names.release;
    }
    toJSON(): DropNotifyJSON {
      return jsonView<DropNotify, typeof DROP_NOTIFY_KEYS>(this, DROP_NOTIFY_KEYS);
    }

  },
  'DropNotify',
);
export type DropNotifyEvent = InstanceType<typeof DropNotifyEvent>;

/** The fixed header length of the event's version (the extension, if any, follows it). */
function headerLength(ev: DropNotifyEvent): number {
  const L = ev[LAYOUT];
  return (L.lengths[ev.version] ?? L.anyVersion) as number;
}

/**
 * Decodes a drop notification; `b[0]` is known to be 1.
 *
 * The little-endian reads are spelled out rather than calling the `Reader`: V8 inlines at most
 * ~900 bytes of bytecode into one optimised function, and a caller's loop plus dispatch plus a
 * dozen reader calls exceed that, leaving every read a real call. Written out, this function is
 * too big to be inlined itself, so it is optimised on its own — reads, checks and the object
 * allocation (the small constructor is inlined here) in one unit.
 *
 * `into` is the event to overwrite when decoding reuses one (`createDecoder({ reuse: true })`):
 * `fillDrop` writes it; a fresh event gets its values in its constructor. One fill path for
 * both (a zero constructor, then the fill) measured the same instructions but a fifth more
 * CPU on a mixed stream, all of it in V8's concurrent GC threads (equal with
 * `--single-threaded-gc`): every field stored twice.
 */
export function decodeDrop(L: DropLayout, ext: ExtensionTable, b: Uint8Array, into: DropNotifyEvent | undefined): DropNotifyEvent {
  const available = b.length;
  if (available < L.minLength) throw shortBuffer(1, L.minLength, available);
  const version = readVersion(L.hdr, b, L.rd);
  const headerLen = L.lengths[version] ?? (ext.strict ? undefined : L.anyVersion);
  if (headerLen === undefined) throw unknownVersion(1, version, L.names.release, L.hdr.version);
  if (available < headerLen) throw shortBuffer(1, headerLen, available);
  const extVersion = L.hdr.extVersion >= 0 ? b[L.hdr.extVersion]! : 0;
  const capLen = L.rd.u16(b, L.hdr.capLen);
  const pktStart = packetStart(headerLen, ext, extVersion, capLen, available, 1, L.hdr.extVersion);
  const flags = L.cls.offset >= 0 && L.cls.offset < headerLen ? b[L.cls.offset]! : 0;
  const extError = s8(b, L.extError);
  let source: number, hash: number, origLen: number, srcLabel: number, dstLabel: number, dstId: number, line: number, ifindex: number;
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
    dstId = (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
    o = L.line;
    line = b[o]! | (b[o + 1]! << 8);
    o = L.ifindex;
    ifindex = (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
  } else {
    const r = L.rd;
    source = r.u16(b, L.hdr.source);
    hash = r.u32(b, L.hdr.hash);
    origLen = r.u32(b, L.hdr.origLen);
    srcLabel = r.u32(b, L.srcLabel);
    dstLabel = r.u32(b, L.dstLabel);
    dstId = r.u32(b, L.dstId);
    line = r.u16(b, L.line);
    ifindex = r.u32(b, L.ifindex);
  }
  const subtype = b[L.hdr.subtype]!;
  const file = b[L.file]!;
  return into === undefined
    ? new DropNotifyEvent(L, b, pktStart, subtype, source, hash, origLen, capLen, version, extVersion, srcLabel, dstLabel, dstId, line, file, extError, ifindex, flags)
    : fillDrop(into, b, pktStart, subtype, source, hash, origLen, capLen, version, extVersion, srcLabel, dstLabel, dstId, line, file, extError, ifindex, flags);
}

/**
 * Writes every field of a reused event, as the constructor does for a fresh one; called only
 * once every check has passed, so a reused event is never left half-written.
 */
function fillDrop(
  ev: Writable<DropNotifyEvent>,
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
  line: number,
  file: number,
  extError: number,
  ifindex: number,
  flags: number,
): DropNotifyEvent {
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
  ev.line = line;
  ev.file = file;
  ev.extError = extError;
  ev.ifindex = ifindex;
  ev.flags = flags;
  ev[BYTES] = b;
  ev[PACKET_START] = pktStart;
  return ev as DropNotifyEvent;
}
