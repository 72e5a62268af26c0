/**
 * The `ring` input format: a byte-exact snapshot of one perf ring as the kernel maps it (the
 * metadata page, then the data pages), read with the WebAssembly/TypeScript ring walker
 * without advancing `data_tail`.
 */
import { isRingError, readRecords } from '../ring/index.js';
import { MAX_DATA_SIZE } from '../ring/layout.js';
import { Carry } from './concat.js';
import { SourceError } from './errors.js';
import type { InputRecord } from './types.js';

/** Offsets of the metadata page fields that identify a snapshot. */
const DATA_OFFSET_AT = 1040;
const DATA_SIZE_AT = 1048;
const DATA_HEAD_AT = 1024;
const META_BYTES = 1056;

/** Options of `readRingSnapshot`. */
export interface RingSnapshotOptions {
  /**
   * `'backward'` for an overwritable ring (`write_backward`), `'forward'` for a normal one.
   * Default `'auto'`: backward when `data_head` is 2^63 or more — a backward ring's head
   * counts down from 0 and wraps to the top of the u64 range, which a forward ring's head
   * (bytes written since it was created) never reaches.
   */
  direction?: 'forward' | 'backward' | 'auto';
  /** The CPU the ring belongs to, copied into every record. */
  cpu?: number;
}

/**
 * Whether `bytes` look like a snapshot: `data_offset`/`data_size` in the metadata page place a
 * power-of-two data area exactly at the end of the input (`totalLength` bytes long when
 * `bytes` is only its beginning).
 *
 * @example
 * if (looksLikeRingSnapshot(bytes)) records = readRingSnapshot(bytes);
 */
export function looksLikeRingSnapshot(bytes: Uint8Array, totalLength: number = bytes.byteLength): boolean {
  if (bytes.byteLength < META_BYTES) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offset = view.getBigUint64(DATA_OFFSET_AT, true);
  const size = view.getBigUint64(DATA_SIZE_AT, true);
  return size > 0n && (size & (size - 1n)) === 0n && offset >= BigInt(META_BYTES) && offset + size === BigInt(totalLength);
}

function directionOf(bytes: Uint8Array, direction: 'forward' | 'backward' | 'auto'): 'forward' | 'backward' {
  if (direction !== 'auto') return direction;
  if (bytes.byteLength < META_BYTES) return 'forward'; // the reader reports the short region
  const head = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(DATA_HEAD_AT, true);
  return head >= 1n << 63n ? 'backward' : 'forward';
}

/**
 * Reads the unread records of a ring snapshot (all readable records, newest first, for a
 * backward ring). `offset` is the record's distance from the
 * position where reading started (`data_tail`, or `data_head` for backward rings).
 *
 * @example
 * for (const r of readRingSnapshot(readFileSync('ring.bin'))) if (r.kind === 'sample') decodeEvent(r.data);
 */
export function readRingSnapshot(bytes: Uint8Array, options: RingSnapshotOptions = {}): InputRecord[] {
  const cpu = options.cpu;
  try {
    const read = readRecords(bytes, { peek: true, direction: directionOf(bytes, options.direction ?? 'auto') });
    return read.records.map((r): InputRecord =>
      r.kind === 'sample'
        ? { kind: 'sample', data: r.data, cpu, offset: r.offset, line: undefined }
        : { kind: 'lost', count: r.count, cpu, offset: r.offset, line: undefined },
    );
  } catch (e) {
    if (!isRingError(e)) throw e;
    const at = e.position === undefined ? 0 : Number(e.position);
    throw new SourceError('bad-ring', `ring: ${e.message} (${e.code})`, at, undefined, { cause: e });
  }
}

/** Page size `readRingSnapshot` assumes for kernels that leave `data_offset`/`data_size` zero. */
const OLD_KERNEL_PAGE = 4096;

/**
 * Most bytes a streamed snapshot is collected up to: the largest data area the ring reader
 * takes (2^30) after a metadata page of up to 1 MiB.
 */
export const MAX_RING_SNAPSHOT = MAX_DATA_SIZE + (1 << 20);

/**
 * Collects a ring snapshot arriving in chunks, keeping no more than the snapshot can use:
 * once the metadata page has arrived, bytes past `data_offset + data_size` are dropped (the
 * whole-input read ignores them too), and input beyond {@link MAX_RING_SNAPSHOT} that the
 * snapshot would need is refused as it arrives rather than buffered.
 */
export class RingSnapshotCollector {
  private readonly bytes = new Carry();
  private metadataRead = false;
  /** Bytes worth keeping, once the metadata page gives the snapshot's length. */
  private keepUpTo: number | undefined;

  push(chunk: Uint8Array): void {
    if (this.keepUpTo !== undefined) {
      const room = this.keepUpTo - this.bytes.length;
      if (room > 0) this.append(chunk.length > room ? chunk.subarray(0, room) : chunk);
      return;
    }
    if (this.bytes.length + chunk.length > MAX_RING_SNAPSHOT) {
      throw new SourceError('bad-ring', `ring: a streamed snapshot of more than ${MAX_RING_SNAPSHOT} bytes`, MAX_RING_SNAPSHOT);
    }
    this.append(chunk);
    if (!this.metadataRead && this.bytes.length >= META_BYTES) {
      this.metadataRead = true;
      this.keepUpTo = this.lengthFromMetadata();
    }
  }

  /** The snapshot's records (see {@link readRingSnapshot}). */
  end(): InputRecord[] {
    return readRingSnapshot(this.bytes.bytes);
  }

  private append(chunk: Uint8Array): void {
    this.bytes.keep(this.bytes.join(chunk), 0);
  }

  /**
   * The snapshot's length by its metadata page, at least what is already kept; `undefined`
   * for kernels before 4.1, which leave `data_offset`/`data_size` zero (the data pages then
   * run to the end of the input).
   */
  private lengthFromMetadata(): number | undefined {
    const head = this.bytes.bytes;
    const view = new DataView(head.buffer, head.byteOffset, META_BYTES);
    const end = view.getBigUint64(DATA_OFFSET_AT, true) + view.getBigUint64(DATA_SIZE_AT, true);
    if (end === 0n) return undefined;
    if (end > BigInt(MAX_RING_SNAPSHOT)) {
      throw new SourceError('bad-ring', `ring: data_offset + data_size of ${end} bytes, beyond the ${MAX_RING_SNAPSHOT}-byte limit of a streamed snapshot`, DATA_OFFSET_AT);
    }
    return Math.max(Number(end), this.bytes.length);
  }
}
