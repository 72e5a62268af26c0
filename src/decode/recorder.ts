/**
 * Recorder captures (type 6, `struct capture_msg`: common header + `struct pcap_pkthdr`),
 * present in releases that ship pcap.h (v1.10–v1.18). No version byte.
 */
import type { ReleaseTables } from '../table-types.js';
import type { RecorderCapture, Release } from './types.js';
import type { CommonHeaderLayout } from './capture-header.js';
import { compileCommonHeader, shortBuffer } from './capture-header.js';
import { offsetOf } from './layout.js';
import type { ReleaseNames } from './names.js';
import { readU64 } from './u64.js';
import { DecodeError } from '../errors.js';

export interface RecorderLayout {
  hdr: CommonHeaderLayout;
  length: number;
  tvBoot: number;
  capLen: number;
  origLen: number;
}

/** The layout, or `undefined` for releases without recorder captures. */
export function compileRecorder(t: ReleaseTables): RecorderLayout | undefined {
  const n = 'capture_msg';
  const s = t.structs[n];
  if (s === undefined) return undefined;
  // Members of the nested pcap header are flattened with the aggregate's name as a prefix.
  const nested = (member: string): string => s.fields.find((f) => f.name.endsWith(`.${member}`))?.name ?? member;
  return {
    hdr: compileCommonHeader(s, n),
    length: s.size,
    tvBoot: offsetOf(s, nested('tv_boot'), 8, n),
    capLen: offsetOf(s, nested('caplen'), 4, n),
    origLen: offsetOf(s, nested('len'), 4, n),
  };
}

export class RecorderCaptureEvent implements RecorderCapture {
  declare readonly type: 6;
  declare readonly subtype: number;
  declare readonly source: number;
  declare readonly hash: number;
  declare readonly tvBoot: bigint;
  declare readonly capLen: number;
  declare readonly origLen: number;
  declare readonly directionName: string | undefined;
  declare readonly release: Release;
  readonly #bytes: Uint8Array;
  readonly #packetStart: number;

  constructor(L: RecorderLayout, names: ReleaseNames, le: boolean, bytes: Uint8Array, view: DataView, capLen: number) {
    const b = bytes.byteOffset;
    const subtype = bytes[L.hdr.subtype] as number;
    this.type = 6;
    this.subtype = subtype;
    this.source = view.getUint16(b + L.hdr.source, le);
    this.hash = view.getUint32(b + L.hdr.hash, le);
    this.tvBoot = readU64(view, b + L.tvBoot, le);
    this.capLen = capLen;
    this.origLen = view.getUint32(b + L.origLen, le);
    this.directionName = names.captureDirection[subtype];
    this.release = names.release;
    this.#bytes = bytes;
    this.#packetStart = L.length;
  }

  get packet(): Uint8Array {
    return this.#bytes.subarray(this.#packetStart, this.#packetStart + this.capLen);
  }
}

/** Decodes a recorder capture; `bytes[0]` is known to be 6 and the release has the layout. */
export function decodeRecorder(
  L: RecorderLayout,
  names: ReleaseNames,
  le: boolean,
  bytes: Uint8Array,
  view: DataView,
): RecorderCaptureEvent {
  const available = bytes.length;
  if (available < L.length) throw shortBuffer(6, L.length, available);
  const capLen = view.getUint32(bytes.byteOffset + L.capLen, le);
  if (L.length + capLen > available) {
    throw new DecodeError(
      'capture-past-end',
      `message type 6: ${capLen} captured bytes from offset ${L.length} pass the end (${available})`,
      L.length,
      6,
      L.length + capLen,
      available,
    );
  }
  return new RecorderCaptureEvent(L, names, le, bytes, view, capLen);
}

