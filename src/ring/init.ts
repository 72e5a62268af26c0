import type { RingImpl } from './types.js';
import { compileWalker, wasmAvailable, wasmWalker } from './walk-wasm.js';

/**
 * Compiles and instantiates the WebAssembly walker asynchronously, once. Optional: reads
 * instantiate it synchronously on first use otherwise, which some browsers restrict on the
 * main thread. Resolves to the walker `impl: 'auto'` will use.
 *
 * @example
 * const impl = await initRingReader(); // 'wasm', or 'ts' without WebAssembly
 */
export async function initRingReader(): Promise<RingImpl> {
  if (!wasmAvailable()) return 'ts';
  try {
    await compileWalker();
    wasmWalker();
    return 'wasm';
  } catch {
    return 'ts';
  }
}

/**
 * A buffer inside the WebAssembly walker's memory. Place a whole ring mapping (or data area)
 * there and pass it to `readRecords(…, { impl: 'wasm' })` to skip the copy into WebAssembly
 * memory; sample views then point into this buffer. Valid until the next call; reading a
 * larger ring from elsewhere may grow the memory, which detaches it.
 *
 * @example
 * const region = allocateRingRegion(bytes.length); region.set(bytes);
 * const { records } = readRecords(region, { impl: 'wasm' });
 */
export function allocateRingRegion(byteLength: number): Uint8Array {
  return wasmWalker().allocate(byteLength);
}
