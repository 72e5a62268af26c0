import type { WalkEngine } from './walk-engine.js';
import { keeps, type RingFilter } from './filter.js';
import {
  DESC_KIND,
  DESC_OFFSET,
  DESC_SIZE,
  DESC_VALUE,
  descriptorCapacity,
  DESCRIPTOR_WORDS,
  HEADER_BYTES,
  LOST_COUNT_UNKNOWN,
  LOST_COUNT_OFFSET,
  PERF_RECORD_LOST,
  PERF_RECORD_SAMPLE,
  SAMPLE_RAW_OFFSET,
  WalkStatus,
} from './layout.js';

const MIN_SAMPLE_BYTES = 16;
const MIN_LOST_BYTES = 24;

/**
 * Status of the record at ring offset `at` with header `type` and `size`, `left` bytes of the
 * window remaining from it: OK or why the walk ends there, checked in the same order as
 * assembly/walker.ts so both walkers name the same fault.
 */
function recordStatus(view: DataView, mask: number, at: number, type: number, size: number, left: number, backward: boolean): number {
  let bad: number = WalkStatus.OK;
  if (size < HEADER_BYTES) bad = size === 0 && backward ? WalkStatus.STOP_ZERO : WalkStatus.ERR_TOO_SMALL;
  else if (size & 7) bad = WalkStatus.ERR_MISALIGNED;
  else if (size > mask + 1) bad = WalkStatus.ERR_TOO_LARGE;
  else if (size > left) bad = backward ? WalkStatus.STOP_OVERWRITTEN : WalkStatus.ERR_PAST_HEAD;
  else if (type === PERF_RECORD_SAMPLE) {
    if (size < MIN_SAMPLE_BYTES) bad = WalkStatus.ERR_TOO_SMALL;
    else if (view.getUint32((at + HEADER_BYTES) & mask, true) > size - SAMPLE_RAW_OFFSET) bad = WalkStatus.ERR_SAMPLE_SIZE;
  } else if (type === PERF_RECORD_LOST && size < MIN_LOST_BYTES) {
    bad = WalkStatus.ERR_TOO_SMALL;
  }
  // Backward rings end quietly at anything that is not a record.
  return backward && bad < 0 ? WalkStatus.STOP_INVALID : bad;
}

/**
 * The TypeScript walker: the same algorithm, checks and output as assembly/walker.ts, reading
 * the caller's data area in place through one DataView. Used where WebAssembly is missing or
 * when `impl: 'ts'` is asked for.
 */
export class TsWalker implements WalkEngine {
  readonly impl = 'ts' as const;
  consumed = 0;
  status = 0;
  skipped = 0;
  samples = 0;
  filtered = 0;
  lostRecords = 0;
  lostSamples = 0;
  private out = new Uint32Array(0);
  private view: DataView = new DataView(new ArrayBuffer(0));
  private mask = 0;

  begin(data: Uint8Array, _start: number, _length: number): void {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    this.mask = data.byteLength - 1;
  }

  descriptors(): Uint32Array {
    return this.out;
  }

  /** Checks and order as in `batch`, but only counting, over the whole window (like the wasm `scan`). */
  scan(start: number, length: number, backward: boolean): number {
    const { view, mask } = this;
    let pos = 0;
    let samples = 0;
    let lostRecords = 0;
    let lostSamples = 0;
    let skipped = 0;
    let result: number = WalkStatus.OK;
    // Each iteration consumes at least HEADER_BYTES of `length` or leaves the loop.
    let at = start & mask;
    while (pos < length) {
      const type = view.getUint32(at, true);
      const size = view.getUint16(at + 6, true);
      result = recordStatus(view, mask, at, type, size, length - pos, backward);
      if (result !== WalkStatus.OK) break;
      if (type === PERF_RECORD_SAMPLE) samples++;
      else if (type === PERF_RECORD_LOST) {
        lostRecords++;
        // The count is an 8-aligned u64, never split by the end of the ring.
        lostSamples += Number(view.getBigUint64((at + LOST_COUNT_OFFSET) & mask, true));
      } else skipped++;
      pos += size;
      at += size;
      if (at > mask) at -= mask + 1;
    }
    this.consumed = pos;
    this.status = result;
    this.skipped = skipped;
    this.lostRecords = lostRecords;
    this.lostSamples = lostSamples;
    return samples;
  }

  batch(start: number, length: number, backward: boolean, filter: RingFilter | undefined): number {
    const { view, mask } = this;
    const capacity = descriptorCapacity(length);
    if (this.out.length < capacity * DESCRIPTOR_WORDS) this.out = new Uint32Array(capacity * DESCRIPTOR_WORDS);
    const out = this.out;
    let pos = 0;
    let count = 0;
    let skipped = 0;
    let samples = 0;
    let filtered = 0;
    let lostRecords = 0;
    let lostSamples = 0;
    let result: number = WalkStatus.OK;
    // Each iteration consumes at least HEADER_BYTES of `length` or leaves the loop.
    // The ring offset advances with the position (as in assembly/walker.ts).
    let at = start & mask;
    while (pos < length) {
      const type = view.getUint32(at, true);
      const size = view.getUint16(at + 6, true);
      result = recordStatus(view, mask, at, type, size, length - pos, backward);
      if (result !== WalkStatus.OK) break;
      if (type === PERF_RECORD_SAMPLE) {
        samples++;
        const raw = view.getUint32((at + HEADER_BYTES) & mask, true);
        const from = at + SAMPLE_RAW_OFFSET;
        const message = raw > 0 ? view.getUint8(from & mask) : 0;
        const subtype = raw > 1 ? view.getUint8((from + 1) & mask) : 0;
        if (filter === undefined || keeps(filter, view, mask, from, raw, message, subtype)) {
          const d = count * DESCRIPTOR_WORDS;
          out[d + DESC_OFFSET] = pos;
          out[d + DESC_SIZE] = size;
          out[d + DESC_KIND] = type | (message << 16) | (subtype << 24);
          out[d + DESC_VALUE] = raw;
          count++;
        } else {
          filtered++;
        }
      } else if (type === PERF_RECORD_LOST) {
        // The count is an 8-aligned u64, never split by the end of the ring.
        const lost = view.getBigUint64((at + LOST_COUNT_OFFSET) & mask, true);
        lostRecords++;
        lostSamples += Number(lost);
        const d = count * DESCRIPTOR_WORDS;
        out[d + DESC_OFFSET] = pos;
        out[d + DESC_SIZE] = size;
        out[d + DESC_KIND] = type;
        out[d + DESC_VALUE] = lost > 0xffffffffn ? LOST_COUNT_UNKNOWN : Number(lost);
        count++;
      } else {
        skipped++;
      }
      pos += size;
      at += size;
      if (at > mask) at -= mask + 1;
    }
    this.consumed = pos;
    this.status = result;
    this.skipped = skipped;
    this.samples = samples;
    this.filtered = filtered;
    this.lostRecords = lostRecords;
    this.lostSamples = lostSamples;
    return count;
  }
}
