import { engineFor } from './pick-engine.js';
import { RingError, type RingErrorCode } from './errors.js';
import {
  DESCRIPTOR_CAPACITY,
  DESCRIPTOR_WORDS,
  LOST_COUNT_OFFSET,
  LOST_ID_OFFSET,
  PERF_RECORD_SAMPLE,
  SAMPLE_RAW_OFFSET,
  WalkStatus,
} from './layout.js';
import { resolveRegion, type RingRegion } from './region.js';
import type { ReadOptions, RingRead, RingRecord, RingScan, RingStop } from './types.js';
import { walkWindow } from './window.js';

const U64 = (v: bigint): bigint => BigInt.asUintN(64, v);

const errorCodes: Record<number, RingErrorCode> = {
  [WalkStatus.ERR_TOO_SMALL]: 'record-too-small',
  [WalkStatus.ERR_MISALIGNED]: 'misaligned',
  [WalkStatus.ERR_TOO_LARGE]: 'record-too-large',
  [WalkStatus.ERR_PAST_HEAD]: 'record-past-head',
  [WalkStatus.ERR_SAMPLE_SIZE]: 'bad-sample-size',
};

const backwardStops: Record<number, RingStop> = {
  [WalkStatus.OK]: 'window',
  [WalkStatus.STOP_ZERO]: 'zero-header',
  [WalkStatus.STOP_OVERWRITTEN]: 'overwritten',
  [WalkStatus.STOP_INVALID]: 'invalid',
};

function joinWrapped(ring: Uint8Array, from: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const first = ring.byteLength - from;
  out.set(ring.subarray(from));
  out.set(ring.subarray(0, length - first), first);
  return out;
}

/**
 * Reads the records of one perf ring: from `data_tail` to `data_head` for forward rings
 * (advancing `data_tail` unless `peek`), from `data_head` newest to oldest for backward
 * (overwritable) rings, which stop quietly at the first zero, invalid or partly overwritten
 * record. Corrupted counters or forward records throw {@link RingError}.
 *
 * @example
 * const { records, lostSamples } = readRecords(mapping, { impl: 'wasm' });
 * for (const r of records) if (r.type === 'sample') handle(r.data);
 */
export function readRecords(region: RingRegion, options: ReadOptions = {}): RingRead {
  const records: RingRecord[] = [];
  return walkRing(region, options, records) as RingRead;
}

/**
 * Walks and validates a ring like {@link readRecords} but builds no records: the counts
 * (samples, lost records and lost samples) and the window. Without `peek` it drains a
 * forward ring, e.g. to skip a backlog while keeping its lost counts.
 *
 * @example
 * const { samples, lostSamples } = scanRing(mapping); // data_tail is now data_head
 */
export function scanRing(region: RingRegion, options: ReadOptions = {}): RingScan {
  return walkRing(region, options, undefined);
}

/** The scan, with `records` as its last property when they were collected (a RingRead). */
function walkRing(region: RingRegion, options: ReadOptions, records: RingRecord[] | undefined): RingScan {
  const direction = options.direction ?? 'forward';
  if (direction !== 'forward' && direction !== 'backward') {
    throw new RingError('invalid-option', `unknown direction ${String(direction)}`);
  }
  const backward = direction === 'backward';
  const engine = engineFor(options.impl ?? 'auto');
  const ring = resolveRegion(region, options.pageSize ?? 4096);
  const data = ring.data;
  const size = data.byteLength;
  const mask = size - 1;
  const { start, length } = walkWindow(ring.head, ring.tail, size, backward);
  const first = Number(start & BigInt(mask));
  // Views are made with the constructor rather than subarray(), which is several times slower.
  const buffer = data.buffer;
  const base = data.byteOffset;

  let samples = 0;
  let lostRecords = 0;
  let lostSamples = 0;
  let skipped = 0;
  let walked = 0;
  let status: number = WalkStatus.OK;
  if (length > 0) engine.begin(data, first, length);
  if (records === undefined) {
    // Counting only: the engine walks the whole window itself, with no per-record host work.
    if (length > 0) {
      samples = engine.scan(first, length, backward);
      lostRecords = engine.lostRecords;
      lostSamples = engine.lostSamples;
      skipped = engine.skipped;
      walked = engine.consumed;
      status = engine.status;
    }
  } else {
    let view: DataView | undefined;
    // Each step either finishes the window, stops, or fills the descriptor area after
    // consuming at least 8 bytes per descriptor, so this loop ends within size / 8 steps.
    while (walked < length) {
      const n = engine.step((first + walked) & mask, length - walked, backward);
      const d = engine.descriptors();
      for (let i = 0; i < n; i++) {
        const w = i * DESCRIPTOR_WORDS;
        const offset = walked + d[w]!;
        if (d[w + 2] === PERF_RECORD_SAMPLE) {
          samples++;
          const raw = d[w + 3]!;
          const from = (first + offset + SAMPLE_RAW_OFFSET) & mask;
          const bytes = from + raw <= size ? new Uint8Array(buffer, base + from, raw) : joinWrapped(data, from, raw);
          records.push({ type: 'sample', offset, size: d[w + 1]!, data: bytes });
        } else {
          const at = (first + offset) & mask;
          // id and count are 8-aligned u64s, so neither is split by the end of the ring.
          view ??= new DataView(buffer, base, size);
          const id = view.getBigUint64((at + LOST_ID_OFFSET) & mask, true);
          const lost = Number(view.getBigUint64((at + LOST_COUNT_OFFSET) & mask, true));
          records.push({ type: 'lost', offset, size: d[w + 1]!, id, lost });
          lostRecords++;
          lostSamples += lost;
        }
      }
      skipped += engine.skipped;
      walked += engine.consumed;
      status = engine.status;
      if (status !== WalkStatus.OK || n < DESCRIPTOR_CAPACITY) break;
    }
  }
  const end = U64(start + BigInt(walked));
  if (status < 0) {
    const code = errorCodes[status] ?? 'bad-metadata';
    throw new RingError(code, `${code} at ring position ${end} (${walked} bytes after ${start})`, end);
  }
  let tailCommitted = false;
  if (!backward && !options.peek && ring.commitTail) {
    ring.commitTail(end);
    tailCommitted = true;
  }
  const scan: RingScan = {
    impl: engine.impl,
    direction,
    start,
    end,
    samples,
    lostRecords,
    lostSamples,
    skipped,
    stop: backward ? (backwardStops[status] ?? 'invalid') : 'head',
    tailCommitted,
  };
  // Added in place: spreading the scan into a new object costs about a microsecond per call.
  return records === undefined ? scan : Object.assign(scan, { records });
}
