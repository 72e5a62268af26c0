/**
 * Byte-identical to Cilium's own Go code: every corpus sample of every release, in every
 * `cilium monitor` mode and as a Hubble flow, against what Cilium's code printed for it
 * (test/fixtures/go/, made by `npm run oracle`). Differences that are Go's own behaviour and
 * cannot be reproduced (a crash) are listed with their reason in known-differences.json; an
 * entry that no longer differs fails too, so the list only ever shrinks.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCorpus } from './corpus.js';
import { differences, type Difference } from './differential.js';
import type { Release } from '../../src/decode/types.js';
import { releases } from '../../src/tables.js';
import { GOLDEN_MODES, loadGolden } from './golden.js';

type Known = Record<string, Record<string, Record<string, string>>>;
const known = JSON.parse(readFileSync(new URL('./known-differences.json', import.meta.url), 'utf8')) as Known;

function show(d: Difference): string {
  return `#${d.index} ${d.mode} (${d.hex.slice(0, 64)}…)\n  go:   ${JSON.stringify(d.go)}\n  ours: ${JSON.stringify(d.ours)}`;
}

describe('output identical to Cilium\'s Go code', () => {
  for (const release of releases) {
    const golden = loadGolden(release);
    it.skipIf(golden === undefined)(`${release}: every sample, every mode (${GOLDEN_MODES.join(', ')})`, () => {
      const diffs = differences(golden!);
      const expected = known[release] ?? {};
      const unexplained = diffs.filter((d) => expected[d.mode]?.[String(d.index)] === undefined);
      const stale = Object.entries(expected).flatMap(([mode, entries]) =>
        Object.keys(entries)
          .filter((i) => !diffs.some((d) => d.mode === mode && String(d.index) === i))
          .map((i) => `${mode} #${i}: ${entries[i]}`),
      );
      expect(unexplained.map(show), `${unexplained.length} samples differ from Go`).toEqual([]);
      expect(stale, 'known differences that are gone (remove them)').toEqual([]);
    });

    it.skipIf(golden === undefined)(`${release}: the goldens are of the corpus test/oracle/corpus.ts makes (else: npm run oracle)`, () => {
      const corpus = buildCorpus(release as Release).map((s) => `${s.cpu} ${Buffer.from(s.bytes).toString('hex')}`);
      expect(golden!.samples.map((s) => `${s.cpu} ${s.data}`)).toEqual(corpus);
    });
  }
});
