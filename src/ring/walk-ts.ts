import type { WalkEngine } from './walk-engine.js';
import {
  DESCRIPTOR_CAPACITY,
  DESCRIPTOR_WORDS,
  HEADER_BYTES,
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
  lostRecords = 0;
  lostSamples = 0;
  private readonly out = new Uint32Array(DESCRIPTOR_CAPACITY * DESCRIPTOR_WORDS);
  private view: DataView = new DataView(new ArrayBuffer(0));
  private mask = 0;

  begin(data: Uint8Array, _start: number, _length: number): void {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    this.mask = data.byteLength - 1;
  }

  descriptors(): Uint32Array {
    return this.out;
  }

  /** Checks and order as in `step`, but only counting, over the whole window (like the wasm `scan`). */
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

  step(start: number, length: number, backward: boolean): number {
    const { view, mask, out } = this;
    let pos = 0;
    let count = 0;
    let skipped = 0;
    let result: number = WalkStatus.OK;
    // Each iteration consumes at least HEADER_BYTES of `length` or leaves the loop.
    // The ring offset advances with the position (as in assembly/walker.ts).
    let at = start & mask;
    while (pos < length && count < DESCRIPTOR_CAPACITY) {
      const type = view.getUint32(at, true);
      const size = view.getUint16(at + 6, true);
      result = recordStatus(view, mask, at, type, size, length - pos, backward);
      if (result !== WalkStatus.OK) break;
      if (type === PERF_RECORD_SAMPLE || type === PERF_RECORD_LOST) {
        const d = count * DESCRIPTOR_WORDS;
        out[d] = pos;
        out[d + 1] = size;
        out[d + 2] = type;
        out[d + 3] = type === PERF_RECORD_SAMPLE ? view.getUint32((at + HEADER_BYTES) & mask, true) : 0;
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
    return count;
  }
}
