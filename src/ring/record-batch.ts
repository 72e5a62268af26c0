/**
 * The result of {@link scanRecords}: the walk's counts plus one descriptor per lost record and
 * per sample the filter kept, in a Uint32Array the walker wrote (four words each, see
 * layout.ts). Reading a descriptor allocates nothing; `data(i)` makes the one view asked for.
 */
import {
  DESC_KIND,
  DESC_OFFSET,
  DESC_SIZE,
  DESC_VALUE,
  DESCRIPTOR_WORDS,
  LOST_COUNT_OFFSET,
  LOST_COUNT_UNKNOWN,
  LOST_ID_OFFSET,
  PERF_RECORD_LOST,
  SAMPLE_RAW_OFFSET,
} from './layout.js';
import type { RingImpl, RingScan, RingStop } from './types.js';

/** A copy of a record's `length` bytes from ring offset `from` that wrap around the end. */
export function joinWrapped(ring: Uint8Array, from: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const first = ring.length - from;
  out.set(ring.subarray(from));
  out.set(ring.subarray(0, length - first), first);
  return out;
}

/**
 * What {@link scanRecords} returns: the walk's counts and one descriptor per lost record and
 * per sample the filter kept, read by index without allocating (`data(i)` makes the one view
 * asked for).
 *
 * @example
 * const b = scanRecords(mapping, { filter: { types: [1] } });
 * for (let i = 0; i < b.count; i++) if (!b.isLost(i)) handle(b.data(i));
 */
export class RecordBatch implements RingScan {
  readonly impl: RingImpl;
  readonly direction: 'forward' | 'backward';
  readonly start: bigint;
  readonly end: bigint;
  readonly samples: number;
  readonly lostRecords: number;
  readonly lostSamples: number;
  readonly skipped: number;
  readonly stop: RingStop;
  readonly tailCommitted: boolean;
  /** Samples the header filter left out (they count in `samples` too). */
  readonly filtered: number;
  /** Descriptors in {@link descriptors}: the lost records and the kept samples, in ring order. */
  readonly count: number;
  /**
   * `count` descriptors of four u32: offset from `start`, record size, kind (perf record type
   * in the low 16 bits; for samples the message type byte in bits 16–23 and the subtype byte in
   * bits 24–31) and a sample's raw size or a lost record's count. With the WebAssembly walker
   * this is a view of its memory: valid until the next read of any ring.
   */
  readonly descriptors: Uint32Array;
  private readonly ring: Uint8Array;
  // The ring's buffer, offset and size, read once: on Node 20 a typed array's `buffer`,
  // `byteOffset` and `byteLength` are getter calls (~10 ns each), and `data(i)` runs per record.
  private readonly ringBuffer: ArrayBufferLike;
  private readonly ringOffset: number;
  private readonly ringSize: number;
  private readonly first: number;
  private view: DataView | undefined;

  /** @internal Built by scanRecords. */
  constructor(scan: RingScan, filtered: number, descriptors: Uint32Array, count: number, data: Uint8Array, first: number) {
    this.impl = scan.impl;
    this.direction = scan.direction;
    this.start = scan.start;
    this.end = scan.end;
    this.samples = scan.samples;
    this.lostRecords = scan.lostRecords;
    this.lostSamples = scan.lostSamples;
    this.skipped = scan.skipped;
    this.stop = scan.stop;
    this.tailCommitted = scan.tailCommitted;
    this.filtered = filtered;
    this.descriptors = descriptors;
    this.count = count;
    this.ring = data;
    this.ringBuffer = data.buffer;
    this.ringOffset = data.byteOffset;
    this.ringSize = data.length;
    this.first = first;
  }

  /** True for a lost record, false for a sample. */
  isLost(i: number): boolean {
    return (this.descriptors[i * DESCRIPTOR_WORDS + DESC_KIND]! & 0xffff) === PERF_RECORD_LOST;
  }

  /** Bytes from `start` to the record's header. */
  offset(i: number): number {
    return this.descriptors[i * DESCRIPTOR_WORDS + DESC_OFFSET]!;
  }

  /** The record size from its header. */
  size(i: number): number {
    return this.descriptors[i * DESCRIPTOR_WORDS + DESC_SIZE]!;
  }

  /** A sample's message type (its first byte; 0 for lost records and empty samples). */
  messageType(i: number): number {
    return (this.descriptors[i * DESCRIPTOR_WORDS + DESC_KIND]! >>> 16) & 0xff;
  }

  /** A sample's subtype byte (0 for lost records and samples shorter than two bytes). */
  subtype(i: number): number {
    return this.descriptors[i * DESCRIPTOR_WORDS + DESC_KIND]! >>> 24;
  }

  /** A sample's raw size (padding included). */
  rawSize(i: number): number {
    return this.descriptors[i * DESCRIPTOR_WORDS + DESC_VALUE]!;
  }

  /** A sample's raw bytes: a view of the ring, or a copy when the record wraps around its end. */
  data(i: number): Uint8Array {
    const raw = this.rawSize(i);
    const size = this.ringSize;
    const from = (this.first + this.offset(i) + SAMPLE_RAW_OFFSET) & (size - 1);
    // The constructor rather than subarray(), which is several times slower.
    return from + raw <= size ? new Uint8Array(this.ringBuffer, this.ringOffset + from, raw) : joinWrapped(this.ring, from, raw);
  }

  /** A lost record's count of refused samples (exact below 2^53). */
  lost(i: number): number {
    const value = this.descriptors[i * DESCRIPTOR_WORDS + DESC_VALUE]!;
    return value !== LOST_COUNT_UNKNOWN ? value : Number(this.lostU64(i, LOST_COUNT_OFFSET));
  }

  /** A lost record's perf event id. */
  lostId(i: number): bigint {
    return this.lostU64(i, LOST_ID_OFFSET);
  }

  /** id and count are 8-aligned u64s, so neither is split by the end of the ring. */
  private lostU64(i: number, field: number): bigint {
    this.view ??= new DataView(this.ringBuffer, this.ringOffset, this.ringSize);
    return this.view.getBigUint64((this.first + this.offset(i) + field) & (this.ringSize - 1), true);
  }
}
