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

  /**
   * Repeated `step`s over the window, counting from the descriptors: the TypeScript walker's
   * algorithm is `step`, whichever entry point is used.
   */
  scan(start: number, length: number, backward: boolean): number {
    const { view, mask, out } = this;
    let samples = 0;
    let lostRecords = 0;
    let lostSamples = 0;
    let skipped = 0;
    let walked = 0;
    // Each step finishes the window, stops, or fills the descriptor area after consuming at
    // least 8 bytes per descriptor, so this loop ends within length / 8 steps.
    while (walked < length) {
      const n = this.step((start + walked) & mask, length - walked, backward);
      for (let i = 0; i < n; i++) {
        const w = i * DESCRIPTOR_WORDS;
        if (out[w + 2] === PERF_RECORD_SAMPLE) samples++;
        else {
          // id and count are 8-aligned u64s, so neither is split by the end of the ring.
          lostRecords++;
          lostSamples += Number(view.getBigUint64((start + walked + out[w]! + LOST_COUNT_OFFSET) & mask, true));
        }
      }
      skipped += this.skipped;
      walked += this.consumed;
      if (this.status !== WalkStatus.OK || n < DESCRIPTOR_CAPACITY) break;
    }
    this.consumed = walked;
    this.skipped = skipped;
    this.lostRecords = lostRecords;
    this.lostSamples = lostSamples;
    return samples;
  }

  step(start: number, length: number, backward: boolean): number {
    const { view, mask, out } = this;
    const ringSize = mask + 1;
    let pos = 0;
    let count = 0;
    let result: number = WalkStatus.OK;
    this.skipped = 0;
    // Each iteration consumes at least HEADER_BYTES of `length` or leaves the loop.
    while (pos < length && count < DESCRIPTOR_CAPACITY) {
      const at = (start + pos) & mask;
      const type = view.getUint32(at, true);
      const size = view.getUint16(at + 6, true);
      let bad: number = WalkStatus.OK;
      if (size < HEADER_BYTES) bad = size === 0 && backward ? WalkStatus.STOP_ZERO : WalkStatus.ERR_TOO_SMALL;
      else if (size & 7) bad = WalkStatus.ERR_MISALIGNED;
      else if (size > ringSize) bad = WalkStatus.ERR_TOO_LARGE;
      else if (size > length - pos) bad = backward ? WalkStatus.STOP_OVERWRITTEN : WalkStatus.ERR_PAST_HEAD;
      let raw = 0;
      if (bad === WalkStatus.OK) {
        if (type === PERF_RECORD_SAMPLE) {
          if (size < MIN_SAMPLE_BYTES) bad = WalkStatus.ERR_TOO_SMALL;
          else {
            raw = view.getUint32((at + HEADER_BYTES) & mask, true);
            if (raw > size - SAMPLE_RAW_OFFSET) bad = WalkStatus.ERR_SAMPLE_SIZE;
          }
        } else if (type === PERF_RECORD_LOST && size < MIN_LOST_BYTES) {
          bad = WalkStatus.ERR_TOO_SMALL;
        }
      }
      if (bad !== WalkStatus.OK) {
        result = backward && bad < 0 ? WalkStatus.STOP_INVALID : bad;
        break;
      }
      if (type === PERF_RECORD_SAMPLE || type === PERF_RECORD_LOST) {
        const d = count * DESCRIPTOR_WORDS;
        out[d] = pos;
        out[d + 1] = size;
        out[d + 2] = type;
        out[d + 3] = raw;
        count++;
      } else {
        this.skipped++;
      }
      pos += size;
    }
    this.consumed = pos;
    this.status = result;
    return count;
  }
}
