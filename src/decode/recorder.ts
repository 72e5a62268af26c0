/**
 * Recorder captures (type 6, `struct capture_msg`: common header + `struct pcap_pkthdr`),
 * present in releases that ship pcap.h (v1.10–v1.18). No version byte.
 */
import type { ReleaseTables } from '../table-types.js';
import { DecodeError } from '../errors.js';
import type { RecorderCapture, RecorderCaptureJSON, Release } from './types.js';
import type { CommonHeaderLayout } from './capture-header.js';
import { compileCommonHeader, shortBuffer } from './capture-header.js';
import { offsetOf } from './layout.js';
import type { ReleaseNames } from './names.js';
import type { Reader } from './read.js';
import { readerFor } from './read.js';
import type { Writable } from './internal.js';
import { BYTES, EMPTY_BYTES, LAYOUT } from './internal.js';
import { jsonView, withDataView } from './plain.js';

export interface RecorderLayout {
  names: ReleaseNames;
  rd: Reader;
  hdr: CommonHeaderLayout;
  length: number;
  tvBoot: number;
  capLen: number;
  origLen: number;
}

/** The layout, or `undefined` for releases without recorder captures. */
export function compileRecorder(t: ReleaseTables, names: ReleaseNames, le: boolean): RecorderLayout | undefined {
  const n = 'capture_msg';
  const s = t.structs[n];
  if (s === undefined) return undefined;
  // Members of the nested pcap header are flattened with the aggregate's name as a prefix.
  const nested = (member: string): string => s.fields.find((f) => f.name.endsWith(`.${member}`))?.name ?? member;
  return {
    names,
    rd: readerFor(le),
    hdr: compileCommonHeader(s, n),
    length: s.size,
    tvBoot: offsetOf(s, nested('tv_boot'), 8, n),
    capLen: offsetOf(s, nested('caplen'), 4, n),
    origLen: offsetOf(s, nested('len'), 4, n),
  };
}

/** The order of {@link RecorderCaptureJSON} views. */
const RECORDER_CAPTURE_KEYS = ['type', 'release', 'subtype', 'subtypeName', 'source', 'hash', 'tvBoot', 'capLen', 'origLen', 'packet', 'truncated'] as const;

export const RecorderCaptureEvent = /*#__PURE__*/ withDataView(
  class RecorderCaptureEvent implements RecorderCapture {
    declare readonly type: 6;
    declare readonly subtype: number;
    declare readonly source: number;
    declare readonly hash: number;
    declare readonly capLen: number;
    declare readonly origLen: number;
    declare readonly [LAYOUT]: RecorderLayout;
    declare readonly [BYTES]: Uint8Array;

    /**
     * Every field present and zero: the full shape from the start, so fresh and reused events
     * share one hidden class. The decode function writes the values.
     */
    constructor(L: RecorderLayout) {
      this.type = 6;
      this.subtype = 0;
      this.source = 0;
      this.hash = 0;
      this.capLen = 0;
      this.origLen = 0;
      this[LAYOUT] = L;
      this[BYTES] = EMPTY_BYTES;
    }

    get tvBoot(): bigint {
      return this[LAYOUT].rd.u64(this[BYTES], this[LAYOUT].tvBoot);
    }

    get packet(): Uint8Array {
      const start = this[LAYOUT].length;
      return this[BYTES].subarray(start, start + this.capLen);
    }

    get truncated(): boolean {
      return this[LAYOUT].length + this.capLen > this[BYTES].length;
    }

    get subtypeName(): string | undefined {
      return this[LAYOUT].names.captureDirection[this.subtype];
    }

    get release(): Release {
      return this[LAYOUT].names.release;
    }
    toJSON(): RecorderCaptureJSON {
      return jsonView<RecorderCapture, typeof RECORDER_CAPTURE_KEYS>(this, RECORDER_CAPTURE_KEYS);
    }

  },
  'RecorderCapture',
);
export type RecorderCaptureEvent = InstanceType<typeof RecorderCaptureEvent>;

/**
 * Decodes a recorder capture; `b[0]` is known to be 6 and the release has the layout. A capture
 * length past the end keeps the bytes present (`truncated`), as Go does, unless `strict`.
 * `into` is the event to overwrite when decoding reuses one.
 */
export function decodeRecorder(
  L: RecorderLayout,
  b: Uint8Array,
  strict: boolean,
  into: RecorderCaptureEvent | undefined,
): RecorderCaptureEvent {
  const available = b.length;
  if (available < L.length) throw shortBuffer(6, L.length, available);
  const capLen = L.rd.u32(b, L.capLen);
  if (strict && L.length + capLen > available) {
    throw new DecodeError(
      'capture-past-end',
      `message type 6: ${capLen} captured bytes from offset ${L.length} pass the end (${available})`,
      L.length,
      6,
      L.length + capLen,
      available,
    );
  }
  const r = L.rd;
  const ev: Writable<RecorderCaptureEvent> = into ?? new RecorderCaptureEvent(L);
  ev.subtype = b[L.hdr.subtype]!;
  ev.source = r.u16(b, L.hdr.source);
  ev.hash = r.u32(b, L.hdr.hash);
  ev.capLen = capLen;
  ev.origLen = r.u32(b, L.origLen);
  ev[BYTES] = b;
  return ev;
}
