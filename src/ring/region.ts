import { RingError } from './errors.js';
import {
  MAX_DATA_SIZE,
  META_DATA_HEAD,
  META_DATA_OFFSET,
  META_DATA_SIZE,
  META_DATA_TAIL,
  META_MIN_BYTES,
} from './layout.js';

/**
 * A ring given as its data pages plus accessors for the two counters, for callers that keep
 * the metadata page elsewhere (or read the counters through another channel).
 */
export interface RingPages {
  /** The data area: `data_size` bytes, a power of two. */
  data: Uint8Array;
  /** `data_head`, or a function that loads it (called once per read, before any record is read). */
  head: bigint | (() => bigint);
  /** `data_tail` (forward rings), or a function that loads it. Default 0. */
  tail?: bigint | (() => bigint);
  /** Stores the new `data_tail` after a forward read; not called in peek mode. */
  commitTail?: (tail: bigint) => void;
}

/**
 * A perf ring as the kernel maps it (metadata page, then 2^n data pages) as an `ArrayBuffer`,
 * `SharedArrayBuffer` or `Uint8Array` view of one, or {@link RingPages}.
 */
export type RingRegion = ArrayBuffer | SharedArrayBuffer | Uint8Array | RingPages;

/** A region reduced to what a walk needs; head and tail are loaded once, head first. */
export interface ResolvedRing {
  data: Uint8Array;
  head: bigint;
  tail: bigint;
  commitTail: ((tail: bigint) => void) | undefined;
}

const isPowerOfTwo = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;

function checkCounter(value: unknown, name: string): bigint {
  if (typeof value !== 'bigint' || BigInt.asUintN(64, value) !== value) {
    throw new RingError('invalid-option', `${name} must be a bigint between 0 and 2^64-1`);
  }
  return value;
}

function checkDataArea(byteLength: number): void {
  if (!isPowerOfTwo(byteLength) || byteLength < 8 || byteLength > MAX_DATA_SIZE) {
    throw new RingError('bad-metadata', `data area of ${byteLength} bytes: must be a power of two from 8 to 2^30`);
  }
}

function fromPages(pages: RingPages): ResolvedRing {
  if (!(pages.data instanceof Uint8Array)) throw new RingError('invalid-option', 'RingPages.data must be a Uint8Array');
  checkDataArea(pages.data.byteLength);
  const head = checkCounter(typeof pages.head === 'function' ? pages.head() : pages.head, 'data_head');
  const tail = checkCounter(
    typeof pages.tail === 'function' ? pages.tail() : (pages.tail ?? 0n),
    'data_tail',
  );
  return { data: pages.data, head, tail, commitTail: pages.commitTail };
}

/**
 * Loads and stores the u64 counters of the metadata page. On a SharedArrayBuffer (memory
 * another thread or the kernel may change) they go through Atomics, which are sequentially
 * consistent and so give the acquire load of `data_head` and the release store of
 * `data_tail` the kernel's protocol needs. A plain ArrayBuffer is private to this thread, so
 * ordinary reads and writes are enough there.
 */
function counterAccess(bytes: Uint8Array): { load(at: number): bigint; store(at: number, v: bigint): void } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shared = typeof SharedArrayBuffer === 'function' && bytes.buffer instanceof SharedArrayBuffer;
  if (shared && bytes.byteOffset % 8 === 0) {
    const words = new BigUint64Array(bytes.buffer, bytes.byteOffset, META_MIN_BYTES / 8);
    return {
      load: (at) => Atomics.load(words, at / 8),
      store: (at, v) => void Atomics.store(words, at / 8, v),
    };
  }
  return {
    load: (at) => view.getBigUint64(at, true),
    store: (at, v) => view.setBigUint64(at, v, true),
  };
}

function fromMapping(bytes: Uint8Array, pageSize: number): ResolvedRing {
  if (bytes.byteLength < META_MIN_BYTES) {
    throw new RingError('bad-metadata', `region of ${bytes.byteLength} bytes is shorter than a metadata page`);
  }
  const counters = counterAccess(bytes);
  let offset = counters.load(META_DATA_OFFSET);
  let size = counters.load(META_DATA_SIZE);
  // Kernels before 4.1 leave data_offset/data_size zero: the data pages then follow one page.
  if (size === 0n && offset === 0n) {
    offset = BigInt(pageSize);
    size = BigInt(Math.max(0, bytes.byteLength - pageSize));
  }
  if (offset < META_MIN_BYTES || offset % 8n !== 0n || offset + size > BigInt(bytes.byteLength)) {
    throw new RingError(
      'bad-metadata',
      `data_offset ${offset} / data_size ${size} do not fit a region of ${bytes.byteLength} bytes`,
    );
  }
  const start = Number(offset);
  checkDataArea(Number(size));
  const head = counters.load(META_DATA_HEAD);
  const tail = counters.load(META_DATA_TAIL);
  return {
    data: bytes.subarray(start, start + Number(size)),
    head,
    tail,
    commitTail: (v) => counters.store(META_DATA_TAIL, v),
  };
}

/** Validates a region and loads its counters (`data_head` first). */
export function resolveRegion(region: RingRegion, pageSize: number): ResolvedRing {
  if (!isPowerOfTwo(pageSize) || pageSize < META_MIN_BYTES) {
    throw new RingError('invalid-option', `pageSize ${pageSize} is not a power of two of at least ${META_MIN_BYTES}`);
  }
  if (region instanceof Uint8Array) return fromMapping(region, pageSize);
  if (region instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && region instanceof SharedArrayBuffer)) {
    return fromMapping(new Uint8Array(region), pageSize);
  }
  if (typeof region === 'object' && region !== null && 'data' in region) return fromPages(region);
  throw new RingError('invalid-option', 'region must be an ArrayBuffer, SharedArrayBuffer, Uint8Array or RingPages');
}
