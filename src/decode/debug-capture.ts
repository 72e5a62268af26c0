/** Debug captures (type 3, `struct debug_capture_msg`): capture header, two args, packet. */
import type { ReleaseTables } from '../table-types.js';
import type { DebugCapture, Release } from './types.js';
import type { CaptureHeaderLayout } from './capture-header.js';
import { compileCaptureHeader, packetStart, shortBuffer, unknownVersion } from './capture-header.js';
import { LayoutDefect, offsetOf } from './layout.js';
import type { ReleaseNames } from './names.js';

/**
 * Versions a debug capture may carry: the datapath writes `NOTIFY_CAPTURE_VER` (1); 0 is what
 * a zero-initialised Go struct encodes, which Cilium's own tests use.
 */
const MAX_VERSION = 1;

export interface DebugCaptureLayout {
  hdr: CaptureHeaderLayout;
  length: number;
  arg1: number;
  arg2: number;
}

export function compileDebugCapture(t: ReleaseTables): DebugCaptureLayout {
  const n = 'debug_capture_msg';
  const s = t.structs[n];
  if (s === undefined) throw new LayoutDefect(`release ${t.release} has no ${n}`);
  return {
    hdr: compileCaptureHeader(s, n),
    length: s.size,
    arg1: offsetOf(s, 'arg1', 4, n),
    arg2: offsetOf(s, 'arg2', 4, n),
  };
}

const EMPTY = new Uint8Array(0);

export class DebugCaptureEvent implements DebugCapture {
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
  declare readonly dbgCaptureName: string | undefined;
  declare readonly release: Release;
  readonly #bytes: Uint8Array;
  readonly #extStart: number;
  readonly #packetStart: number;

  constructor(
    L: DebugCaptureLayout,
    names: ReleaseNames,
    le: boolean,
    bytes: Uint8Array,
    view: DataView,
    version: number,
    extVersion: number,
    capLen: number,
    pktStart: number,
  ) {
    const b = bytes.byteOffset;
    const subtype = bytes[L.hdr.subtype] as number;
    this.type = 3;
    this.subtype = subtype;
    this.source = view.getUint16(b + L.hdr.source, le);
    this.hash = view.getUint32(b + L.hdr.hash, le);
    this.origLen = view.getUint32(b + L.hdr.origLen, le);
    this.capLen = capLen;
    this.version = version;
    this.extVersion = extVersion;
    this.arg1 = view.getUint32(b + L.arg1, le);
    this.arg2 = view.getUint32(b + L.arg2, le);
    this.dbgCaptureName = names.dbgCapture[subtype];
    this.release = names.release;
    this.#bytes = bytes;
    this.#extStart = L.length;
    this.#packetStart = pktStart;
  }

  get packet(): Uint8Array {
    return this.#bytes.subarray(this.#packetStart, this.#packetStart + this.capLen);
  }

  get extension(): Uint8Array {
    return this.#packetStart === this.#extStart ? EMPTY : this.#bytes.subarray(this.#extStart, this.#packetStart);
  }
}

/** Decodes a debug capture; `bytes[0]` is known to be 3. */
export function decodeDebugCapture(
  L: DebugCaptureLayout,
  names: ReleaseNames,
  le: boolean,
  ext: Int32Array,
  bytes: Uint8Array,
  view: DataView,
): DebugCaptureEvent {
  const available = bytes.length;
  if (available < L.length) throw shortBuffer(3, L.length, available);
  const b = bytes.byteOffset;
  const version = L.hdr.versionSize === 1 ? (bytes[L.hdr.version] as number) : view.getUint16(b + L.hdr.version, le);
  if (version > MAX_VERSION) throw unknownVersion(3, version, names.release, L.hdr.version);
  const extVersion = L.hdr.extVersion >= 0 ? (bytes[L.hdr.extVersion] as number) : 0;
  const capLen = view.getUint16(b + L.hdr.capLen, le);
  const start = packetStart(L.length, ext, extVersion, capLen, available, 3, L.hdr.extVersion);
  return new DebugCaptureEvent(L, names, le, bytes, view, version, extVersion, capLen, start);
}
