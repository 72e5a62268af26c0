/**
 * `npm run fuzz`: every harness of test/fuzz/harnesses.ts for FUZZ_RUNS inputs (default
 * 1,000,000) or until its time budget runs out, printing runs, failures and the shrunk
 * counterexample of each failure.
 *
 *   npm run fuzz                                   all harnesses, 1M runs each, no time limit
 *   npm run fuzz -- --budget 120                   at most 120 s per harness
 *   npm run fuzz -- --only ring,decode --runs 5e6  some harnesses, more runs
 *   npm run fuzz -- --seed 42 --json results.json  reproducible; figures as JSON
 *
 * Exit status 1 when any harness failed. FUZZ_MAX_MS (default 1000) bounds one input's time.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { allHarnesses } from './harnesses.js';
import { toHex } from './harness.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.FUZZ_RUNS ?? '1000000' },
    budget: { type: 'string', default: process.env.FUZZ_BUDGET ?? '0' },
    only: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
});

const runs = Math.round(Number(values.runs));
const budgetMs = Number(values.budget) * 1000;
const only = values.only?.split(',').map((s) => s.trim());
const harnesses = (await allHarnesses()).filter((h) => !only || only.includes(h.name));
if (values.list || harnesses.length === 0) {
  for (const h of await allHarnesses()) console.log(`${h.name.padEnd(20)} ${h.owner.padEnd(28)} ${h.checks}`);
  process.exit(harnesses.length === 0 ? 2 : 0);
}

const show = (v: unknown): string =>
  JSON.stringify(v, (_, x: unknown) => (x instanceof Uint8Array ? `hex:${toHex(x)}` : typeof x === 'bigint' ? `${x}n` : x));

interface Result {
  name: string;
  owner: string;
  runs: number;
  seconds: number;
  failed: boolean;
  interrupted: boolean;
  seed: number;
  counterexample?: string;
  shrinks?: number;
  error?: string;
}
const results: Result[] = [];
console.log(`fuzz: ${harnesses.length} harnesses, ${runs.toLocaleString('en')} runs each${budgetMs ? `, at most ${budgetMs / 1000} s each` : ''}`);
for (const h of harnesses) {
  const seed = values.seed !== undefined ? Number(values.seed) : Date.now() ^ (Math.random() * 0x7fffffff);
  const t0 = performance.now();
  const details = fc.check(
    fc.property(h.arbitrary, (input) => h.property(input)),
    { numRuns: runs, seed, ...(budgetMs > 0 && { interruptAfterTimeLimit: budgetMs, markInterruptAsFailure: false }) },
  );
  const seconds = (performance.now() - t0) / 1000;
  const r: Result = {
    name: h.name,
    owner: h.owner,
    runs: details.numRuns,
    seconds: Math.round(seconds * 10) / 10,
    failed: details.failed,
    interrupted: details.interrupted,
    seed,
  };
  if (details.failed) {
    r.counterexample = show(details.counterexample);
    r.shrinks = details.numShrinks;
    r.error = details.errorInstance instanceof Error ? `${details.errorInstance.message}${details.errorInstance.cause ? ` (cause: ${String(details.errorInstance.cause)})` : ''}` : String(details.errorInstance);
  }
  results.push(r);
  const rate = Math.round(details.numRuns / Math.max(seconds, 1e-3));
  console.log(
    `${h.name.padEnd(20)} ${details.failed ? 'FAILED' : 'ok    '} ${details.numRuns.toLocaleString('en').padStart(11)} runs ${seconds.toFixed(1).padStart(7)} s (${rate.toLocaleString('en')}/s)${details.interrupted ? ' [time budget]' : ''} seed ${seed}`,
  );
  if (details.failed) {
    console.log(`  owner: ${h.owner}`);
    console.log(`  error: ${r.error}`);
    console.log(`  shrunk ${r.shrinks} times to: ${r.counterexample!.slice(0, 2000)}`);
    console.log(`  replay: npm run fuzz -- --only ${h.name} --seed ${seed}`);
  }
}
const failed = results.filter((r) => r.failed);
const total = results.reduce((n, r) => n + r.runs, 0);
console.log(`fuzz: ${total.toLocaleString('en')} runs, ${failed.length} failing harness(es)${failed.length ? `: ${failed.map((r) => r.name).join(', ')}` : ''}`);
if (values.json) writeFileSync(values.json, JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2) + '\n');
process.exit(failed.length ? 1 : 0);
