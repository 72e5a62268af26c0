// Perf ring walker, compiled to WebAssembly by scripts/build-wasm.mjs.
//
// The host copies (or places) the data area of one perf ring into this module's linear
// memory and calls `walk` over a window of it. `walk` validates every record header and
// writes one descriptor per sample or lost record into the output area; the host turns the
// descriptors into views of its own buffer. Nothing here allocates, so the module is built
// with the stub runtime and never needs a garbage collector.
//
// The status codes and descriptor layout must stay identical to src/ring/walk-ts.ts (the
// TypeScript fallback); the ring tests run every case against both.

// perf_event_header.type values (include/uapi/linux/perf_event.h).
const RECORD_LOST: u32 = 2;
const RECORD_SAMPLE: u32 = 9;

// Smallest well-formed records: header + u32 raw size (+ at least 4 bytes, rounded to 8)
// for samples, header + u64 id + u64 lost for lost records.
const HEADER_SIZE: u32 = 8;
const MIN_SAMPLE_SIZE: u32 = 16;
const MIN_LOST_SIZE: u32 = 24;

// Status after a call (the host names them in src/ring/layout.ts, WalkStatus).
const OK: i32 = 0;
const STOP_ZERO: i32 = 1;
const STOP_OVERWRITTEN: i32 = 2;
const STOP_INVALID: i32 = 3;
const ERR_TOO_SMALL: i32 = -1;
const ERR_MISALIGNED: i32 = -2;
const ERR_TOO_LARGE: i32 = -3;
const ERR_PAST_HEAD: i32 = -4;
const ERR_SAMPLE_SIZE: i32 = -5;

// Four u32 per descriptor: offset from the window start, record size, type, raw size.
const DESCRIPTOR_BYTES: u32 = 16;

let walked: u32 = 0;
let skipped: u32 = 0;
let status: i32 = OK;
let lostRecordCount: u32 = 0;
let lostSampleSum: f64 = 0;

/** Bytes of the window consumed by the last `walk` or `scan`. */
export function consumed(): u32 {
  return walked;
}

/** Records of types other than sample and lost passed over by the last `walk` or `scan`. */
export function skippedRecords(): u32 {
  return skipped;
}

/** Outcome of the last `walk` or `scan`: 0, a positive stop reason (backward), or a negative error. */
export function lastStatus(): i32 {
  return status;
}

/** Lost records counted by the last `scan`. */
export function lostRecords(): u32 {
  return lostRecordCount;
}

/** Sum of the lost records' u64 counts from the last `scan`, added as doubles in ring order. */
export function lostSamples(): f64 {
  return lostSampleSum;
}

/** First byte the host may use for the output area and the ring copy. */
export function scratchBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

/**
 * Status of the record at ring offset `at` whose header gives `type` and `size`, with `left`
 * bytes of the window remaining from it: OK, or why the walk ends there. The checks run in
 * a fixed order so that both walkers (and both entry points) name the same fault.
 */
// @ts-ignore: decorator
@inline function recordStatus(ring: usize, mask: u32, at: u32, type: u32, size: u32, left: u32, backward: bool): i32 {
  let bad: i32 = OK;
  if (size < HEADER_SIZE) bad = size == 0 && backward ? STOP_ZERO : ERR_TOO_SMALL;
  else if (size & 7) bad = ERR_MISALIGNED;
  else if (size > mask + 1) bad = ERR_TOO_LARGE;
  else if (size > left) bad = backward ? STOP_OVERWRITTEN : ERR_PAST_HEAD;
  else if (type == RECORD_SAMPLE) {
    if (size < MIN_SAMPLE_SIZE) bad = ERR_TOO_SMALL;
    else if (load<u32>(ring + ((at + HEADER_SIZE) & mask)) > size - 12) bad = ERR_SAMPLE_SIZE;
  } else if (type == RECORD_LOST) {
    if (size < MIN_LOST_SIZE) bad = ERR_TOO_SMALL;
  }
  // Backward rings end quietly at anything that is not a record.
  return backward && bad < 0 ? STOP_INVALID : bad;
}

/**
 * Walks records of the data area at `ring` (`mask + 1` bytes, a power of two) starting at
 * ring offset `start`, over at most `length` bytes, writing at most `max` descriptors to
 * `out`. Returns the number of descriptors written. The call ends when the window is used up,
 * the output is full, or a record is invalid: forward windows must be filled exactly by valid
 * records (anything else is an error), backward windows end quietly at the first zero,
 * invalid or partly overwritten record.
 */
export function walk(ring: usize, mask: u32, start: u32, length: u32, backward: bool, out: usize, max: u32): u32 {
  let pos: u32 = 0;
  let count: u32 = 0;
  let result: i32 = OK;
  let passed: u32 = 0;
  // Every iteration consumes at least HEADER_SIZE bytes of `length` or leaves the loop,
  // so the loop runs at most length / 8 times.
  // Each header's address comes from the previous record's size: this chain of dependent
  // loads sets the walk's speed, so the ring offset `at` advances alongside `pos` rather than
  // being recomputed from it.
  let at = start & mask;
  while (pos < length && count < max) {
    // Records start 8-aligned (start and every size are multiples of 8), so the header is
    // one aligned u64: type in the low half, size in the top 16 bits.
    const header = load<u64>(ring + at);
    const type = <u32>header;
    const size = <u32>(header >> 48);
    result = recordStatus(ring, mask, at, type, size, length - pos, backward);
    if (result != OK) break;
    if (type == RECORD_SAMPLE || type == RECORD_LOST) {
      const d = out + <usize>count * DESCRIPTOR_BYTES;
      store<u32>(d, pos);
      store<u32>(d, size, 4);
      store<u32>(d, type, 8);
      store<u32>(d, type == RECORD_SAMPLE ? load<u32>(ring + ((at + HEADER_SIZE) & mask)) : 0, 12);
      count++;
    } else {
      passed++;
    }
    pos += size;
    // size <= mask + 1 here, so one subtraction wraps; a branch (rarely taken) instead of a
    // mask keeps the next header's address one instruction after the size load.
    at += size;
    if (at > mask) at -= mask + 1;
  }
  walked = pos;
  skipped = passed;
  status = result;
  return count;
}

/**
 * Walks the same way as `walk` over the whole window in one call, but writes no descriptors:
 * it counts samples (returned), lost records and their lost counts, and other records, for
 * scanRing, which needs nothing per record from the host.
 */
export function scan(ring: usize, mask: u32, start: u32, length: u32, backward: bool): u32 {
  let pos: u32 = 0;
  let samples: u32 = 0;
  let losts: u32 = 0;
  let lostSum: f64 = 0;
  let passed: u32 = 0;
  let result: i32 = OK;
  // As in `walk`: at least HEADER_SIZE bytes per iteration, at most length / 8 iterations.
  let at = start & mask;
  while (pos < length) {
    const header = load<u64>(ring + at);
    const type = <u32>header;
    const size = <u32>(header >> 48);
    result = recordStatus(ring, mask, at, type, size, length - pos, backward);
    if (result != OK) break;
    if (type == RECORD_SAMPLE) samples++;
    else if (type == RECORD_LOST) {
      losts++;
      // The count is an 8-aligned u64, never split by the end of the ring; converted to the
      // nearest double like the host's Number(bigint).
      lostSum += <f64>load<u64>(ring + ((at + 16) & mask));
    } else passed++;
    pos += size;
    // size <= mask + 1 here, so one subtraction wraps; a branch (rarely taken) instead of a
    // mask keeps the next header's address one instruction after the size load.
    at += size;
    if (at > mask) at -= mask + 1;
  }
  walked = pos;
  skipped = passed;
  status = result;
  lostRecordCount = losts;
  lostSampleSum = lostSum;
  return samples;
}
