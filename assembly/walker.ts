// Perf ring walker, compiled to WebAssembly by scripts/build-wasm.mjs.
//
// The host copies (or places) the data area of one perf ring into this module's linear
// memory and calls `batch` over a window of it. `batch` validates every record header, applies
// the header filter to samples, and writes one descriptor per kept sample and per lost record
// into the output area, which the host reads as a Uint32Array (and turns into views of its own
// buffer where asked); `scan` only counts. Nothing here allocates, so the module is built with
// the stub runtime and never needs a garbage collector.
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

// Four u32 per descriptor (src/ring/layout.ts, DESCRIPTOR_*): offset from the window start,
// record size, kind word (perf record type | message type byte << 16 | subtype byte << 24,
// the two bytes only for samples), and the raw size of a sample or the lost count of a lost
// record (0xffffffff when it does not fit: the host reads the u64 then).
const DESCRIPTOR_BYTES: u32 = 16;

// The header filter (src/ring/filter.ts): flags, then a byte per message type, per subtype
// and per source; a zero byte rejects.
const FILTER_ON: u32 = 1;
const FILTER_TYPES: u32 = 2;
const FILTER_SUBTYPES: u32 = 4;
const FILTER_SOURCES: u32 = 8;
const FILTER_BIG_ENDIAN: u32 = 16;
const FILTER_TYPE_TABLE: usize = 0;
const FILTER_SUBTYPE_TABLE: usize = 256;
const FILTER_SOURCE_TABLE: usize = 512;
// CILIUM_NOTIFY_TRACE_SOCK: the one message without a source field.
const TRACE_SOCK: u32 = 7;

let walked: u32 = 0;
let skipped: u32 = 0;
let status: i32 = OK;
let lostRecordCount: u32 = 0;
let lostSampleSum: f64 = 0;
let sampleCount: u32 = 0;
let filteredCount: u32 = 0;

/** Bytes of the window consumed by the last `batch` or `scan`. */
export function consumed(): u32 {
  return walked;
}

/** Records of types other than sample and lost passed over by the last `batch` or `scan`. */
export function skippedRecords(): u32 {
  return skipped;
}

/** Outcome of the last `batch` or `scan`: 0, a positive stop reason (backward), or a negative error. */
export function lastStatus(): i32 {
  return status;
}

/** Samples walked by the last `batch` (kept or filtered out). */
export function samples(): u32 {
  return sampleCount;
}

/** Samples the header filter rejected in the last `batch`. */
export function filtered(): u32 {
  return filteredCount;
}

/** Lost records counted by the last `scan` or `batch`. */
export function lostRecords(): u32 {
  return lostRecordCount;
}

/** Sum of the lost records' u64 counts from the last `scan` or `batch`, added as doubles in ring order. */
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

/** The byte at ring offset `at` (any value; wrapped into the ring). */
// @ts-ignore: decorator
@inline function byteAt(ring: usize, mask: u32, at: u32): u32 {
  return load<u8>(ring + (at & mask));
}

/**
 * Whether the header filter at `filter` keeps the sample whose `raw` bytes start at ring
 * offset `from`: the rules of createHeaderFilter (src/decode/header.ts), criteria combined
 * with AND, messages shorter than two bytes (four when sources are asked for) rejected.
 */
// @ts-ignore: decorator
@inline function keeps(ring: usize, mask: u32, from: u32, raw: u32, type: u32, subtype: u32, filter: usize, flags: u32): bool {
  if (raw < 2) return false;
  if (flags & FILTER_TYPES && load<u8>(filter + FILTER_TYPE_TABLE + type) == 0) return false;
  if (flags & FILTER_SUBTYPES && load<u8>(filter + FILTER_SUBTYPE_TABLE + subtype) == 0) return false;
  if (flags & FILTER_SOURCES) {
    if (type == TRACE_SOCK || raw < 4) return false;
    const big = (flags & FILTER_BIG_ENDIAN) != 0;
    const source = byteAt(ring, mask, from + (big ? 3 : 2)) | (byteAt(ring, mask, from + (big ? 2 : 3)) << 8);
    if (load<u8>(filter + FILTER_SOURCE_TABLE + source) == 0) return false;
  }
  return true;
}

/**
 * Walks records of the data area at `ring` (`mask + 1` bytes, a power of two) starting at
 * ring offset `start`, over at most `length` bytes, writing at most `max` descriptors to
 * `out`: one per lost record and per sample the filter keeps (`flags` 0: every sample).
 * Returns the number of descriptors written. The call ends when the window is used up, the
 * output is full, or a record is invalid: forward windows must be filled exactly by valid
 * records (anything else is an error), backward windows end quietly at the first zero,
 * invalid or partly overwritten record. Samples are at least 16 bytes, so `length / 16`
 * descriptors always hold a whole window.
 */
export function batch(ring: usize, mask: u32, start: u32, length: u32, backward: bool, out: usize, max: u32, filter: usize, flags: u32): u32 {
  let pos: u32 = 0;
  let count: u32 = 0;
  let result: i32 = OK;
  let passed: u32 = 0;
  let sampled: u32 = 0;
  let rejected: u32 = 0;
  let losts: u32 = 0;
  let lostSum: f64 = 0;
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
    if (type == RECORD_SAMPLE) {
      sampled++;
      const raw = load<u32>(ring + ((at + HEADER_SIZE) & mask));
      const from = at + HEADER_SIZE + 4;
      const message = raw > 0 ? byteAt(ring, mask, from) : 0;
      const subtype = raw > 1 ? byteAt(ring, mask, from + 1) : 0;
      if (flags == 0 || keeps(ring, mask, from, raw, message, subtype, filter, flags)) {
        const d = out + <usize>count * DESCRIPTOR_BYTES;
        store<u32>(d, pos);
        store<u32>(d, size, 4);
        store<u32>(d, type | (message << 16) | (subtype << 24), 8);
        store<u32>(d, raw, 12);
        count++;
      } else {
        rejected++;
      }
    } else if (type == RECORD_LOST) {
      // The count is an 8-aligned u64, never split by the end of the ring; summed as the
      // nearest double like the host's Number(bigint).
      const lost = load<u64>(ring + ((at + 16) & mask));
      losts++;
      lostSum += <f64>lost;
      const d = out + <usize>count * DESCRIPTOR_BYTES;
      store<u32>(d, pos);
      store<u32>(d, size, 4);
      store<u32>(d, type, 8);
      store<u32>(d, lost > 0xffffffff ? 0xffffffff : <u32>lost, 12);
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
  sampleCount = sampled;
  filteredCount = rejected;
  lostRecordCount = losts;
  lostSampleSum = lostSum;
  return count;
}

/**
 * Walks the same way as `batch` over the whole window, but writes no descriptors:
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
  // As in `batch`: at least HEADER_SIZE bytes per iteration, at most length / 8 iterations.
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
