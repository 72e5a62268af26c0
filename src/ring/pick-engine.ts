import type { WalkEngine } from './walk-engine.js';
import { RingError } from './errors.js';
import type { RingImpl } from './types.js';
import { TsWalker } from './walk-ts.js';
import { wasmAvailable, wasmWalker } from './walk-wasm.js';

let tsWalker: TsWalker | undefined;

/** The walker for an `impl` option; `'auto'` prefers WebAssembly. */
export function engineFor(impl: RingImpl | 'auto'): WalkEngine {
  if (impl === 'ts') return (tsWalker ??= new TsWalker());
  if (impl === 'wasm') return wasmWalker();
  if (impl !== 'auto') throw new RingError('invalid-option', `unknown impl ${String(impl)}`);
  if (wasmAvailable()) {
    try {
      return wasmWalker();
    } catch {
      // Instantiation can be refused (e.g. a content security policy); fall back below.
    }
  }
  return (tsWalker ??= new TsWalker());
}
