import type { HeaderFilterSpec } from '../decode/header.js';
import { engineFor } from './pick-engine.js';
import { RingError, type RingErrorCode } from './errors.js';
import { ringFilter } from './filter.js';
import { WalkStatus } from './layout.js';
import { RecordBatch } from './record-batch.js';
import { resolveRegion, type RingRegion } from './region.js';
import type { ReadOptions, RingRead, RingRecord, RingScan, RingStop } from './types.js';
import type { WalkEngine } from './walk-engine.js';
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

/** Options of {@link scanRecords}. */
export interface ScanRecordsOptions extends ReadOptions {
  /**
   * Keep only the samples these header fields match (createHeaderFilter's rules), checked by
   * the walker itself; lost records are always kept. Compiled once per spec object: reuse it.
   */
  filter?: HeaderFilterSpec;
}

/** One walk's window and walker, ready to run. */
interface Walk {
  engine: WalkEngine;
  data: Uint8Array;
  /** Ring offset of the window's first byte. */
  first: number;
  start: bigint;
  length: number;
  backward: boolean;
  commitTail: ((tail: bigint) => void) | undefined;
}

function prepare(region: RingRegion, options: ReadOptions): Walk {
  const direction = options.direction ?? 'forward';
  if (direction !== 'forward' && direction !== 'backward') {
    throw new RingError('invalid-option', `unknown direction ${String(direction)}`);
  }
  const backward = direction === 'backward';
  const engine = engineFor(options.impl ?? 'auto');
  const ring = resolveRegion(region, options.pageSize ?? 4096);
  const data = ring.data;
  const { start, length } = walkWindow(ring.head, ring.tail, data.byteLength, backward);
  const first = Number(start & BigInt(data.byteLength - 1));
  if (length > 0) engine.begin(data, first, length);
  return { engine, data, first, start, length, backward, commitTail: ring.commitTail };
}

/** The scan of a finished walk: throws for a corrupted forward ring, else commits the tail. */
function finish(w: Walk, options: ReadOptions, counts: Counts): RingScan {
  const end = U64(w.start + BigInt(counts.walked));
  if (counts.status < 0) {
    const code = errorCodes[counts.status] ?? 'bad-metadata';
    throw new RingError(code, `${code} at ring position ${end} (${counts.walked} bytes after ${w.start})`, end);
  }
  let tailCommitted = false;
  if (!w.backward && !options.peek && w.commitTail) {
    w.commitTail(end);
    tailCommitted = true;
  }
  return {
    impl: w.engine.impl,
    direction: w.backward ? 'backward' : 'forward',
    start: w.start,
    end,
    samples: counts.samples,
    lostRecords: counts.lostRecords,
    lostSamples: counts.lostSamples,
    skipped: counts.skipped,
    stop: w.backward ? (backwardStops[counts.status] ?? 'invalid') : 'head',
    tailCommitted,
  };
}

interface Counts {
  samples: number;
  lostRecords: number;
  lostSamples: number;
  skipped: number;
  walked: number;
  status: number;
}

const EMPTY: Counts = { samples: 0, lostRecords: 0, lostSamples: 0, skipped: 0, walked: 0, status: WalkStatus.OK };

function countsOf(engine: WalkEngine, samples: number): Counts {
  return { samples, lostRecords: engine.lostRecords, lostSamples: engine.lostSamples, skipped: engine.skipped, walked: engine.consumed, status: engine.status };
}

/**
 * Walks one perf ring like {@link readRecords}, but instead of record objects returns a
 * {@link RecordBatch}: one descriptor per lost record and per sample `filter` keeps (offset,
 * size, message type and subtype bytes, raw size or lost count) in a Uint32Array the walker
 * writes, the filter applied inside the walker. Scanning, filtering and counting a ring this
 * way allocates nothing per record.
 *
 * @example
 * const spec = { types: [1] }; // drops only; keep the object to reuse its compiled tables
 * const b = scanRecords(mapping, { filter: spec });
 * for (let i = 0; i < b.count; i++) if (!b.isLost(i)) drops[b.subtype(i)]++;
 */
export function scanRecords(region: RingRegion, options: ScanRecordsOptions = {}): RecordBatch {
  const w = prepare(region, options);
  const filter = options.filter === undefined ? undefined : ringFilter(options.filter);
  if (w.length === 0) return new RecordBatch(finish(w, options, EMPTY), 0, new Uint32Array(0), 0, w.data, w.first);
  const count = w.engine.batch(w.first, w.length, w.backward, filter);
  const descriptors = w.engine.descriptors();
  const filtered = w.engine.filtered;
  const scan = finish(w, options, countsOf(w.engine, w.engine.samples));
  return new RecordBatch(scan, filtered, descriptors, count, w.data, w.first);
}

/**
 * Reads the records of one perf ring: from `data_tail` to `data_head` for forward rings
 * (advancing `data_tail` unless `peek`), from `data_head` newest to oldest for backward
 * (overwritable) rings, which stop quietly at the first zero, invalid or partly overwritten
 * record. Corrupted counters or forward records throw {@link RingError}.
 *
 * @example
 * const { records, lostSamples } = readRecords(mapping, { impl: 'wasm' });
 * for (const r of records) if (r.kind === 'sample') handle(r.data);
 */
export function readRecords(region: RingRegion, options: ReadOptions = {}): RingRead {
  const batch = scanRecords(region, options);
  const records: RingRecord[] = new Array<RingRecord>(batch.count);
  for (let i = 0; i < batch.count; i++) {
    const offset = batch.offset(i);
    const size = batch.size(i);
    records[i] = batch.isLost(i)
      ? { kind: 'lost', offset, size, id: batch.lostId(i), count: batch.lost(i) }
      : { kind: 'sample', offset, size, data: batch.data(i) };
  }
  const { impl, direction, start, end, samples, lostRecords, lostSamples, skipped, stop, tailCommitted } = batch;
  return { impl, direction, start, end, samples, lostRecords, lostSamples, skipped, stop, tailCommitted, records };
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
  const w = prepare(region, options);
  // Counting only: the engine walks the whole window itself, with no per-record host work.
  if (w.length === 0) return finish(w, options, EMPTY);
  const samples = w.engine.scan(w.first, w.length, w.backward);
  return finish(w, options, countsOf(w.engine, samples));
}
