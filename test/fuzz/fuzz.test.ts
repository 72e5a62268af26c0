// The quick pass of every fuzz harness (test/fuzz/harnesses.ts): FUZZ_QUICK_RUNS inputs each
// (default 300). `npm run fuzz` runs the same harnesses for a million inputs or a time budget.
// Under CI the seed is fixed (FUZZ_SEED to change it), so a run is reproducible; elsewhere it
// is random, and a failure prints the seed that replays it.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { allHarnesses } from './harnesses.js';

const runs = Number(process.env.FUZZ_QUICK_RUNS ?? 300);
const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : process.env.CI ? 20261203 : undefined;
const harnesses = await allHarnesses();

describe('fuzz harnesses, quick pass', () => {
  it.each(harnesses.map((h) => [h.name, h] as const))('%s', (_, h) => {
    fc.assert(fc.property(h.arbitrary, (input) => h.property(input)), { numRuns: runs, ...(seed !== undefined && { seed }) });
  });
});
