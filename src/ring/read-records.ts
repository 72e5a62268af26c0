import type { WalkEngine } from './engine.js';
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
import { TsWalker } from './walk-ts.js';
import { wasmAvailable, wasmWalker } from './walk-wasm.js';

/** Which walker reads the ring. */
export type RingImpl = 'wasm' | 'ts';

/** Options of {@link readRecords}. */
export interface ReadOptions {
  /** `'auto'` (default): WebAssembly when the runtime has it, else the TypeScript walker. */
  impl?: RingImpl | 'auto';
  /** Where the data pages start when the metadata page has no `data_offset`/`data_size`. Default 4096. */
  pageSize?: number;
  /** `'backward'` for overwritable rings opened with `write_backward`. Default `'forward'`. */
  direction?: 'forward' | 'backward';
  /** Read without advancing `data_tail`. Default false. */
  peek?: boolean;
}

/** A `PERF_RECORD_SAMPLE` carrying `PERF_SAMPLE_RAW`. */
export interface SampleRecord {
  readonly type: 'sample';
  /** Bytes from {@link RingRead.start} to the record's header. */
  readonly offset: number;
  /** Record size from the header (header and raw size field included). */
  readonly size: number;
  /**
   * The raw bytes, padding included (0–7 bytes the kernel did not write). A view of the
   * caller's buffer, or a fresh copy when the record wraps around the end of the data area.
   */
  readonly data: Uint8Array;
}

/** A `PERF_RECORD_LOST`: the kernel refused `lost` samples because the ring was full. */
export interface LostRecord {
  readonly type: 'lost';
  readonly offset: number;
  readonly size: number;
  /** Id of the perf event (`PERF_EVENT_IOC_ID`). */
  readonly id: bigint;
  /** Samples refused since the previous lost record (exact below 2^53). */
  readonly lost: number;
}

export type RingRecord = SampleRecord | LostRecord;

/** Why a walk ended. */
export type RingStop =
  /** Forward ring: reached `data_head`. */
  | 'head'
  /** Backward ring: walked the whole data area. */
  | 'window'
  /** Backward ring: a zero header (never-written memory). */
  | 'zero-header'
  /** Backward ring: the next record reaches past the window (its tail end was overwritten). */
  | 'overwritten'
  /** Backward ring: a header that cannot be a record. */
  | 'invalid';

/** Result of {@link scanRing}: what a walk found, without the records. */
export interface RingScan {
  readonly impl: RingImpl;
  readonly direction: 'forward' | 'backward';
  /** Logical position (u64) where the walk started: `data_tail`, or `data_head` for backward rings. */
  readonly start: bigint;
  /** Logical position (u64) just after the last record walked. */
  readonly end: bigint;
  readonly samples: number;
  readonly lostRecords: number;
  /** Sum of the `lost` counts. */
  readonly lostSamples: number;
  /** Records of other types, passed over. */
  readonly skipped: number;
  readonly stop: RingStop;
  /** Whether `data_tail` was advanced to `end`. */
  readonly tailCommitted: boolean;
}

/** Result of {@link readRecords}. */
export interface RingRead extends RingScan {
  /** In ring order: oldest first (forward), newest first (backward). */
  readonly records: RingRecord[];
}

const errorCodes: Record<number, RingErrorCode> = {
  [WalkStatus.ERR_TOO_SMALL]: 'RECORD_TOO_SMALL',
  [WalkStatus.ERR_MISALIGNED]: 'MISALIGNED',
  [WalkStatus.ERR_TOO_LARGE]: 'RECORD_TOO_LARGE',
  [WalkStatus.ERR_PAST_HEAD]: 'RECORD_PAST_HEAD',
  [WalkStatus.ERR_SAMPLE_SIZE]: 'BAD_SAMPLE_SIZE',
};

const backwardStops: Record<number, RingStop> = {
  [WalkStatus.OK]: 'window',
  [WalkStatus.STOP_ZERO]: 'zero-header',
  [WalkStatus.STOP_OVERWRITTEN]: 'overwritten',
  [WalkStatus.STOP_INVALID]: 'invalid',
};

let tsWalker: TsWalker | undefined;

function engineFor(impl: RingImpl | 'auto'): WalkEngine {
  if (impl === 'ts') return (tsWalker ??= new TsWalker());
  if (impl === 'wasm') return wasmWalker();
  if (impl !== 'auto') throw new RingError('BAD_OPTION', `unknown impl ${String(impl)}`);
  if (wasmAvailable()) {
    try {
      return wasmWalker();
    } catch {
      // Instantiation can be refused (e.g. a content security policy); fall back below.
    }
  }
  return (tsWalker ??= new TsWalker());
}

function joinWrapped(ring: Uint8Array, from: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const first = ring.byteLength - from;
  out.set(ring.subarray(from));
  out.set(ring.subarray(0, length - first), first);
  return out;
}

const U64 = (v: bigint): bigint => BigInt.asUintN(64, v);

/** Computes where the walk starts and how many bytes it may cover; rejects impossible counters. */
function window(head: bigint, tail: bigint, size: number, backward: boolean): { start: bigint; length: number } {
  if (backward) {
    if (head % 8n !== 0n) throw new RingError('MISALIGNED', `data_head ${head} is not a multiple of 8`, head);
    return { start: head, length: size };
  }
  if (head % 8n !== 0n || tail % 8n !== 0n) {
    throw new RingError('MISALIGNED', `data_head ${head} / data_tail ${tail} not multiples of 8`, tail);
  }
  const unread = U64(head - tail);
  if (unread > BigInt(size)) {
    // Counters are free-running u64: a "negative" distance means head is behind tail.
    if (unread >= 1n << 63n) throw new RingError('HEAD_BEHIND_TAIL', `data_head ${head} is behind data_tail ${tail}`, tail);
    throw new RingError('HEAD_TOO_FAR', `data_head ${head} is ${unread} bytes past data_tail, more than data_size ${size}`, tail);
  }
  return { start: tail, length: Number(unread) };
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
  const scan = walkRing(region, options, records);
  return { ...scan, records };
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

function walkRing(region: RingRegion, options: ReadOptions, records: RingRecord[] | undefined): RingScan {
  const direction = options.direction ?? 'forward';
  if (direction !== 'forward' && direction !== 'backward') {
    throw new RingError('BAD_OPTION', `unknown direction ${String(direction)}`);
  }
  const backward = direction === 'backward';
  const engine = engineFor(options.impl ?? 'auto');
  const ring = resolveRegion(region, options.pageSize ?? 4096);
  const data = ring.data;
  const size = data.byteLength;
  const mask = size - 1;
  const { start, length } = window(ring.head, ring.tail, size, backward);
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
  let view: DataView | undefined;
  if (length > 0) engine.begin(data);
  // Each step either finishes the window, stops, or fills the descriptor area after
  // consuming at least 8 bytes per descriptor, so this loop ends within size / 8 steps.
  while (walked < length) {
    const n = engine.step((first + walked) & mask, length - walked, backward);
    const d = engine.descriptors();
    for (let i = 0; i < n; i++) {
      const w = i * DESCRIPTOR_WORDS;
      if (d[w + 2] === PERF_RECORD_SAMPLE) {
        samples++;
        if (records === undefined) continue;
        const offset = walked + d[w]!;
        const raw = d[w + 3]!;
        const from = (first + offset + SAMPLE_RAW_OFFSET) & mask;
        const bytes = from + raw <= size ? new Uint8Array(buffer, base + from, raw) : joinWrapped(data, from, raw);
        records.push({ type: 'sample', offset, size: d[w + 1]!, data: bytes });
      } else {
        const offset = walked + d[w]!;
        const at = (first + offset) & mask;
        // id and count are 8-aligned u64s, so neither is split by the end of the ring.
        view ??= new DataView(buffer, base, size);
        const id = view.getBigUint64((at + LOST_ID_OFFSET) & mask, true);
        const lost = Number(view.getBigUint64((at + LOST_COUNT_OFFSET) & mask, true));
        records?.push({ type: 'lost', offset, size: d[w + 1]!, id, lost });
        lostRecords++;
        lostSamples += lost;
      }
    }
    skipped += engine.skipped;
    walked += engine.consumed;
    status = engine.status;
    if (status !== WalkStatus.OK || n < DESCRIPTOR_CAPACITY) break;
  }
  const end = U64(start + BigInt(walked));
  if (status < 0) {
    const code = errorCodes[status] ?? 'BAD_METADATA';
    throw new RingError(code, `${code} at ring position ${end} (${walked} bytes after ${start})`, end);
  }
  let tailCommitted = false;
  if (!backward && !options.peek && ring.commitTail) {
    ring.commitTail(end);
    tailCommitted = true;
  }
  return {
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
}
