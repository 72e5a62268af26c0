// A runtime that has WebAssembly but refuses to compile it (a browser page whose content
// security policy lacks 'wasm-unsafe-eval' throws CompileError from every compile entry):
// impl 'wasm' fails with the documented RingError, 'auto' and initRingReader fall back to
// TypeScript. test/runtimes/browser.test.ts checks the same in a real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCase } from './fixtures.js';

type Ring = typeof import('../../src/ring/index.js');
const saved = { Module: WebAssembly.Module, Instance: WebAssembly.Instance, compile: WebAssembly.compile };
// A plain function, so that `new WebAssembly.Module(…)` reaches the throw.
function refuse(): never {
  throw new WebAssembly.CompileError("WebAssembly.Module(): Refused to compile: 'wasm-unsafe-eval' is not allowed");
}
let ring: Ring;

beforeAll(async () => {
  // This file's own module registry: the walker module is loaded fresh, after the refusal is in place.
  Object.assign(WebAssembly, { Module: refuse, Instance: refuse, compile: async () => refuse() });
  ring = await import('../../src/ring/index.js');
});
afterAll(() => {
  Object.assign(WebAssembly, saved);
});

describe('WebAssembly refused by the runtime', () => {
  it("impl 'wasm' throws RingError wasm-unavailable with the runtime's error as cause", () => {
    const c = loadCase('basic');
    let caught: unknown;
    try {
      ring.readRecords(c.ring, { impl: 'wasm' });
    } catch (e) {
      caught = e;
    }
    expect(ring.isRingError(caught)).toBe(true);
    const e = caught as InstanceType<Ring['RingError']>;
    expect(e.code).toBe('wasm-unavailable');
    expect(e.cause).toBeInstanceOf(WebAssembly.CompileError);
    expect(() => ring.allocateRingRegion(64)).toThrow(ring.RingError);
  });

  it("initRingReader resolves to 'ts' and impl 'auto' reads with TypeScript", async () => {
    expect(await ring.initRingReader()).toBe('ts');
    const c = loadCase('basic');
    const r = ring.readRecords(c.ring, { peek: true });
    expect(r.records.filter((x) => x.kind === 'sample')).toHaveLength(c.meta.samples);
  });
});
