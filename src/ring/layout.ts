// Facts about the kernel's perf mmap layout and the walkers' shared output format.

/** Byte offsets of the fields of `struct perf_event_mmap_page` that the reader uses. */
export const META_DATA_HEAD = 1024;
export const META_DATA_TAIL = 1032;
export const META_DATA_OFFSET = 1040;
export const META_DATA_SIZE = 1048;
/** End of the last field read; a metadata page must be at least this long. */
export const META_MIN_BYTES = 1056;

/** `perf_event_header.type` values. */
export const PERF_RECORD_LOST = 2;
export const PERF_RECORD_SAMPLE = 9;

/** Record header size, and offsets inside records. */
export const HEADER_BYTES = 8;
/** A sample's u32 raw size sits right after the header; the raw bytes follow it. */
export const SAMPLE_RAW_OFFSET = 12;
export const LOST_ID_OFFSET = 8;
export const LOST_COUNT_OFFSET = 16;

/**
 * Walker descriptors: four u32 per sample or lost record (offset from the window start,
 * record size, record type, raw size). Must match assembly/walker.ts.
 */
export const DESCRIPTOR_WORDS = 4;
/** Descriptors produced per walker call; the driver calls again until the window is done. */
export const DESCRIPTOR_CAPACITY = 1024;

/** Walker status codes. Must match assembly/walker.ts. */
export const WalkStatus = {
  OK: 0,
  STOP_ZERO: 1,
  STOP_OVERWRITTEN: 2,
  STOP_INVALID: 3,
  ERR_TOO_SMALL: -1,
  ERR_MISALIGNED: -2,
  ERR_TOO_LARGE: -3,
  ERR_PAST_HEAD: -4,
  ERR_SAMPLE_SIZE: -5,
} as const;

/** Largest data area the walkers accept (positions are u32 inside the walker). */
export const MAX_DATA_SIZE = 2 ** 30;
