/**
 * Debug captures (type 3, `struct debug_capture_msg`): capture header, two args, packet. One
 * layout in every release; like Cilium's Go decoder, any version value is accepted and kept.
 */
import type { ReleaseTables } from '../table-types.js';
import type { DebugCapture, DebugCaptureJSON, Release } from './types.js';
import type { CaptureHeaderLayout } from './capture-header.js';
import type { ExtensionTable } from './context-cache.js';
import { compileCaptureHeader, packetStart, readVersion, shortBuffer } from './capture-header.js';
import { LayoutDefect, offsetOf } from './layout.js';
import type { ReleaseNames } from './names.js';
import type { Reader } from './read.js';
import { readerFor } from './read.js';
import type { Writable } from './internal.js';
import { BYTES, EMPTY_BYTES, LAYOUT, PACKET_START } from './internal.js';
import { jsonView, withDataView } from './plain.js';

export interface DebugCaptureLayout {
  names: ReleaseNames;
  rd: Reader;
  hdr: CaptureHeaderLayout;
  length: number;
  arg1: number;
  arg2: number;
}

export function compileDebugCapture(t: ReleaseTables, names: ReleaseNames, le: boolean): DebugCaptureLayout {
  const n = 'debug_capture_msg';
  const s = t.structs[n];
  if (s === undefined) throw new LayoutDefect(`release ${t.release} has no ${n}`);
  return {
    names,
    rd: readerFor(le),
    hdr: compileCaptureHeader(s, n),
    length: s.size,
    arg1: offsetOf(s, 'arg1', 4, n),
    arg2: offsetOf(s, 'arg2', 4, n),
  };
}

/** The order of {@link DebugCaptureJSON} views. */
const DEBUG_CAPTURE_KEYS = ['type', 'release', 'subtype', 'subtypeName', 'source', 'hash', 'origLen', 'capLen', 'version', 'extVersion', 'arg1', 'arg2', 'extension', 'packet', 'truncated', 'unknownExtension'] as const;

export const DebugCaptureEvent = /*#__PURE__*/ withDataView(
  class DebugCaptureEvent implements DebugCapture {
    declare readonly type: 3;
    declare readonly subtype: number;
    declare readonly source: number;
    declare readonly hash: number;
    declare readonly origLen: number;
    declare readonly capLen: number;
    declare readonly version: number;
    declare readonly extVersion: number;
    declare readonly arg1: number;
    declare readonly arg2: number;
    declare readonly [LAYOUT]: DebugCaptureLayout;
    declare readonly [BYTES]: Uint8Array;
    declare readonly [PACKET_START]: number;

    /**
     * Every field present and zero: the full shape from the start, so fresh and reused events
     * share one hidden class. The decode function writes the values.
     */
    constructor(L: DebugCaptureLayout) {
      this.type = 3;
      this.subtype = 0;
      this.source = 0;
      this.hash = 0;
      this.origLen = 0;
      this.capLen = 0;
      this.version = 0;
      this.extVersion = 0;
      this.arg1 = 0;
      this.arg2 = 0;
      this[LAYOUT] = L;
      this[BYTES] = EMPTY_BYTES;
      this[PACKET_START] = 0;
    }

    get packet(): Uint8Array {
      return this[BYTES].subarray(this[PACKET_START], this[PACKET_START] + this.capLen);
    }

    get extension(): Uint8Array {
      const start = this[LAYOUT].length;
      return this[PACKET_START] === start ? EMPTY_BYTES : this[BYTES].subarray(start, this[PACKET_START]);
    }

    get truncated(): boolean {
      return this[PACKET_START] + this.capLen > this[BYTES].length;
    }

    get unknownExtension(): boolean {
      return this.extVersion !== 0 && this[PACKET_START] === this[LAYOUT].length;
    }

    get subtypeName(): string | undefined {
      return this[LAYOUT].names.dbgCapture[this.subtype];
    }

    get release(): Release {
      return this[LAYOUT].names.release;
    }
    toJSON(): DebugCaptureJSON {
      return jsonView<DebugCapture, typeof DEBUG_CAPTURE_KEYS>(this, DEBUG_CAPTURE_KEYS);
    }

  },
  'DebugCapture',
);
export type DebugCaptureEvent = InstanceType<typeof DebugCaptureEvent>;

/** Decodes a debug capture into `into` or a fresh event; `b[0]` is known to be 3. */
export function decodeDebugCapture(
  L: DebugCaptureLayout,
  ext: ExtensionTable,
  b: Uint8Array,
  into: DebugCaptureEvent | undefined,
): DebugCaptureEvent {
  const available = b.length;
  if (available < L.length) throw shortBuffer(3, L.length, available);
  const r = L.rd;
  const version = readVersion(L.hdr, b, r);
  const extVersion = L.hdr.extVersion >= 0 ? b[L.hdr.extVersion]! : 0;
  const capLen = r.u16(b, L.hdr.capLen);
  const pktStart = packetStart(L.length, ext, extVersion, capLen, available, 3, L.hdr.extVersion);
  const ev: Writable<DebugCaptureEvent> = into ?? new DebugCaptureEvent(L);
  ev.subtype = b[L.hdr.subtype]!;
  ev.source = r.u16(b, L.hdr.source);
  ev.hash = r.u32(b, L.hdr.hash);
  ev.origLen = r.u32(b, L.hdr.origLen);
  ev.capLen = capLen;
  ev.version = version;
  ev.extVersion = extVersion;
  ev.arg1 = r.u32(b, L.arg1);
  ev.arg2 = r.u32(b, L.arg2);
  ev[BYTES] = b;
  ev[PACKET_START] = pktStart;
  return ev;
}
