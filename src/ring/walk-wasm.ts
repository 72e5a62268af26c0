import type { WalkEngine } from './walk-engine.js';
import { RingError } from './errors.js';
import type { RingFilter } from './filter.js';
import { descriptorCapacity, DESCRIPTOR_WORDS, FILTER_BYTES } from './layout.js';
import { WALKER_WASM_BASE64 } from './walker-wasm.gen.js';

/** What assembly/walker.ts exports. */
interface WalkerExports {
  readonly memory: WebAssembly.Memory;
  batch(ring: number, mask: number, start: number, length: number, backward: number, out: number, max: number, filter: number, flags: number): number;
  scan(ring: number, mask: number, start: number, length: number, backward: number): number;
  samples(): number;
  filtered(): number;
  lostRecords(): number;
  lostSamples(): number;
  consumed(): number;
  skippedRecords(): number;
  lastStatus(): number;
  scratchBase(): number;
}

const PAGE = 65536;
const align8 = (n: number): number => (n + 7) & ~7;

let compiled: WebAssembly.Module | undefined;
let shared: WasmWalker | undefined;

/** True when this runtime can run the WebAssembly walker. */
export function wasmAvailable(): boolean {
  return typeof WebAssembly === 'object' && typeof WebAssembly.Module === 'function';
}

function walkerBytes(): Uint8Array {
  const text = atob(WALKER_WASM_BASE64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Compiles the walker asynchronously (no main-thread size limits apply); idempotent. */
export async function compileWalker(): Promise<void> {
  if (!wasmAvailable()) throw new RingError('wasm-unavailable', 'WebAssembly is not available in this runtime');
  try {
    compiled ??= await WebAssembly.compile(walkerBytes() as Uint8Array<ArrayBuffer>);
  } catch (e) {
    throw refused(e);
  }
}

/**
 * The runtime has WebAssembly but will not compile or instantiate the walker, e.g. a page
 * whose content security policy lacks 'wasm-unsafe-eval' (browsers then throw a CompileError).
 */
function refused(e: unknown): RingError {
  const why = e instanceof Error ? e.message : String(e);
  return new RingError('wasm-unavailable', `WebAssembly is refused in this runtime: ${why}`, undefined, { cause: e });
}

/**
 * The shared WebAssembly walker, instantiated on first use (synchronously if
 * {@link compileWalker} has not run; the module is well under a kilobyte).
 */
export function wasmWalker(): WasmWalker {
  if (shared) return shared;
  if (!wasmAvailable()) throw new RingError('wasm-unavailable', 'WebAssembly is not available in this runtime');
  let instance: WebAssembly.Instance;
  try {
    compiled ??= new WebAssembly.Module(walkerBytes() as Uint8Array<ArrayBuffer>);
    instance = new WebAssembly.Instance(compiled, {});
  } catch (e) {
    throw refused(e);
  }
  shared = new WasmWalker(instance.exports as unknown as WalkerExports);
  return shared;
}

/**
 * Runs assembly/walker.ts. Linear memory holds, in this order: the walker's statics, the
 * header filter's tables, an optional caller-filled region ({@link WasmWalker.allocate}), the
 * area rings are copied into, and the descriptor area of `batch`, sized for the window. A data
 * area that already lives in this memory is walked where it is.
 */
class WasmWalker implements WalkEngine {
  readonly impl = 'wasm' as const;
  consumed = 0;
  status = 0;
  skipped = 0;
  samples = 0;
  filtered = 0;
  lostRecords = 0;
  lostSamples = 0;
  private readonly ex: WalkerExports;
  private readonly filterPtr: number;
  /** The filter whose tables are in memory now (they are copied when another one comes). */
  private filterLoaded: RingFilter | undefined;
  private regionEnd: number;
  private ringPtr = 0;
  private mask = 0;
  private outPtr = 0;
  private outCount = 0;
  private out = new Uint32Array(0);

  constructor(ex: WalkerExports) {
    this.ex = ex;
    this.filterPtr = ex.scratchBase();
    this.regionEnd = align8(this.filterPtr + FILTER_BYTES);
    this.reserve(this.regionEnd);
  }

  /**
   * A `byteLength`-byte buffer inside the walker's memory, with room reserved after it for a
   * copy area and the descriptors of as large a ring. A ring placed here (e.g. read from a file
   * into it) is walked without being copied. Valid until the next `allocate`; a later read of a
   * larger foreign ring may grow the memory, which detaches this view.
   */
  allocate(byteLength: number): Uint8Array {
    const start = align8(this.filterPtr + FILTER_BYTES);
    this.regionEnd = align8(start + byteLength);
    this.reserve(align8(this.regionEnd + byteLength) + descriptorCapacity(byteLength) * DESCRIPTOR_WORDS * 4);
    return new Uint8Array(this.ex.memory.buffer, start, byteLength);
  }

  begin(data: Uint8Array, start: number, length: number): void {
    const size = data.byteLength;
    this.mask = size - 1;
    // Descriptors go after the copy area, whether or not this ring is copied.
    this.outPtr = align8(this.regionEnd + size);
    const regionStart = align8(this.filterPtr + FILTER_BYTES);
    if (data.buffer === this.ex.memory.buffer && data.byteOffset >= regionStart && data.byteOffset + size <= this.regionEnd) {
      this.ringPtr = data.byteOffset;
      return;
    }
    // Only the window is copied, to the same ring offsets: a poll that finds a few new
    // records in a large ring copies those bytes, not the whole ring.
    this.ringPtr = this.regionEnd;
    this.reserve(this.ringPtr + size);
    const copy = new Uint8Array(this.ex.memory.buffer, this.ringPtr, size);
    const firstPart = Math.min(length, size - start);
    copy.set(data.subarray(start, start + firstPart), start);
    if (firstPart < length) copy.set(data.subarray(0, length - firstPart));
  }

  batch(start: number, length: number, backward: boolean, filter: RingFilter | undefined): number {
    const ex = this.ex;
    const capacity = descriptorCapacity(length);
    this.reserve(this.outPtr + capacity * DESCRIPTOR_WORDS * 4);
    if (filter !== undefined && filter !== this.filterLoaded) {
      new Uint8Array(ex.memory.buffer, this.filterPtr, filter.tables.byteLength).set(filter.tables);
      this.filterLoaded = filter;
    }
    const flags = filter === undefined ? 0 : filter.flags;
    const n = ex.batch(this.ringPtr, this.mask, start, length, backward ? 1 : 0, this.outPtr, capacity, this.filterPtr, flags) >>> 0;
    this.consumed = ex.consumed() >>> 0;
    this.status = ex.lastStatus();
    this.skipped = ex.skippedRecords() >>> 0;
    this.samples = ex.samples() >>> 0;
    this.filtered = ex.filtered() >>> 0;
    this.lostRecords = ex.lostRecords() >>> 0;
    this.lostSamples = ex.lostSamples();
    this.outCount = n;
    return n;
  }

  scan(start: number, length: number, backward: boolean): number {
    const ex = this.ex;
    const samples = ex.scan(this.ringPtr, this.mask, start, length, backward ? 1 : 0);
    this.consumed = ex.consumed() >>> 0;
    this.status = ex.lastStatus();
    this.skipped = ex.skippedRecords() >>> 0;
    this.lostRecords = ex.lostRecords() >>> 0;
    this.lostSamples = ex.lostSamples();
    return samples >>> 0;
  }

  /** A view of the last batch's descriptors in the walker's memory (one object per batch). */
  descriptors(): Uint32Array {
    const words = this.outCount * DESCRIPTOR_WORDS;
    const out = this.out;
    if (out.buffer !== this.ex.memory.buffer || out.byteOffset !== this.outPtr || out.length !== words) {
      this.out = new Uint32Array(this.ex.memory.buffer, this.outPtr, words);
    }
    return this.out;
  }

  private reserve(bytes: number): void {
    const have = this.ex.memory.buffer.byteLength;
    if (bytes > have) this.ex.memory.grow(Math.ceil((bytes - have) / PAGE));
  }
}
