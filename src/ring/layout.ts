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
 * Walker descriptors: four u32 per kept sample or lost record. Must match assembly/walker.ts.
 * - `DESC_OFFSET`: bytes from the window start to the record's header;
 * - `DESC_SIZE`: the record size from its header;
 * - `DESC_KIND`: the perf record type in the low 16 bits, and for samples the message type
 *   byte (bits 16–23) and subtype byte (bits 24–31) of the raw data (0 where it is shorter);
 * - `DESC_VALUE`: a sample's raw size, or a lost record's count (`LOST_COUNT_UNKNOWN` when it
 *   does not fit in 32 bits: read the u64 from the record then).
 */
export const DESCRIPTOR_WORDS = 4;
export const DESC_OFFSET = 0;
export const DESC_SIZE = 1;
export const DESC_KIND = 2;
export const DESC_VALUE = 3;
export const LOST_COUNT_UNKNOWN = 0xffffffff;
/** Samples are at least 16 bytes: descriptors a window of `length` bytes can need. */
export const descriptorCapacity = (length: number): number => Math.floor(length / 16) + 1;

/**
 * The header filter as both walkers read it (src/ring/filter.ts builds it): flags, then one
 * byte per message type, per subtype and, when sources are filtered, per source (0 rejects).
 * Must match assembly/walker.ts.
 */
export const FILTER_ON = 1;
export const FILTER_TYPES = 2;
export const FILTER_SUBTYPES = 4;
export const FILTER_SOURCES = 8;
export const FILTER_BIG_ENDIAN = 16;
export const FILTER_TYPE_TABLE = 0;
export const FILTER_SUBTYPE_TABLE = 256;
export const FILTER_SOURCE_TABLE = 512;
export const FILTER_BYTES = 512 + 65536;
/** `CILIUM_NOTIFY_TRACE_SOCK`, the one message without a source field. */
export const TRACE_SOCK = 7;

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
