import type { WalkEngine } from './walk-engine.js';
import { RingError } from './errors.js';
import { DESCRIPTOR_CAPACITY, DESCRIPTOR_WORDS } from './layout.js';
import { WALKER_WASM_BASE64 } from './walker-wasm.gen.js';

/** What assembly/walker.ts exports. */
interface WalkerExports {
  readonly memory: WebAssembly.Memory;
  walk(ring: number, mask: number, start: number, length: number, backward: number, out: number, max: number): number;
  scan(ring: number, mask: number, start: number, length: number, backward: number): number;
  lostRecords(): number;
  lostSamples(): number;
  consumed(): number;
  skippedRecords(): number;
  lastStatus(): number;
  scratchBase(): number;
}

const PAGE = 65536;
const OUT_BYTES = DESCRIPTOR_CAPACITY * DESCRIPTOR_WORDS * 4;
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
 * descriptor output area, an optional caller-filled region ({@link WasmWalker.allocate}) and
 * the area rings are copied into. A data area that already lives in this memory is walked
 * where it is.
 */
class WasmWalker implements WalkEngine {
  readonly impl = 'wasm' as const;
  consumed = 0;
  status = 0;
  skipped = 0;
  lostRecords = 0;
  lostSamples = 0;
  private readonly ex: WalkerExports;
  private readonly outPtr: number;
  private regionEnd: number;
  private ringPtr = 0;
  private mask = 0;
  private out: Uint32Array;

  constructor(ex: WalkerExports) {
    this.ex = ex;
    this.outPtr = ex.scratchBase();
    this.regionEnd = this.outPtr + OUT_BYTES;
    this.reserve(this.regionEnd);
    this.out = new Uint32Array(ex.memory.buffer, this.outPtr, OUT_BYTES / 4);
  }

  /**
   * A `byteLength`-byte buffer inside the walker's memory, with as much room again reserved
   * for copies. A ring placed here (e.g. read from a file into it) is walked without being
   * copied. Valid until the next `allocate`; a later read of a larger foreign ring may grow the
   * memory, which detaches this view.
   */
  allocate(byteLength: number): Uint8Array {
    const start = this.outPtr + OUT_BYTES;
    this.regionEnd = align8(start + byteLength);
    this.reserve(this.regionEnd + byteLength);
    return new Uint8Array(this.ex.memory.buffer, start, byteLength);
  }

  begin(data: Uint8Array, start: number, length: number): void {
    const size = data.byteLength;
    this.mask = size - 1;
    if (data.buffer === this.ex.memory.buffer && data.byteOffset >= this.outPtr + OUT_BYTES) {
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

  step(start: number, length: number, backward: boolean): number {
    const ex = this.ex;
    const n = ex.walk(this.ringPtr, this.mask, start, length, backward ? 1 : 0, this.outPtr, DESCRIPTOR_CAPACITY);
    this.consumed = ex.consumed() >>> 0;
    this.status = ex.lastStatus();
    this.skipped = ex.skippedRecords() >>> 0;
    return n >>> 0;
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

  descriptors(): Uint32Array {
    if (this.out.buffer !== this.ex.memory.buffer) {
      this.out = new Uint32Array(this.ex.memory.buffer, this.outPtr, OUT_BYTES / 4);
    }
    return this.out;
  }

  private reserve(bytes: number): void {
    const have = this.ex.memory.buffer.byteLength;
    if (bytes > have) this.ex.memory.grow(Math.ceil((bytes - have) / PAGE));
  }
}
