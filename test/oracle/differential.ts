/**
 * Runs our formatter and flow mapper over a golden's samples and lists where the output
 * differs from what Cilium's Go code printed. Shared by the differential test and by
 * `npm run oracle:diff` (which prints the differences for whoever is fixing them).
 */
import { isDeepStrictEqual } from 'node:util';
import { decodeEvent } from '../../src/index.js';
import { formatSample, toFlow } from '../../src/format/index.js';
import type { Release } from '../../src/decode/types.js';
import { GOLDEN_MODES, type Golden, type GoldenMode } from './golden.js';

export interface Difference {
  index: number;
  mode: GoldenMode;
  hex: string;
  go: string;
  ours: string;
}

function ours(mode: GoldenMode, bytes: Uint8Array, cpu: number, release: Release): string {
  try {
    if (mode === 'flow') {
      const flow = toFlow(decodeEvent(bytes, { release }));
      return JSON.stringify(flow) + '\n';
    }
    if (mode === 'numeric') return formatSample(bytes, { release, cpu, mode: 'summary', numeric: true });
    return formatSample(bytes, { release, cpu, mode });
  } catch (e) {
    return `THROWN: ${(e as Error).name}: ${(e as Error).message}\n`;
  }
}

function sameFlow(go: string, our: string): boolean {
  if (go.startsWith('ERROR:') || go.startsWith('PANIC:')) return our.startsWith('THROWN:');
  if (our.startsWith('THROWN:')) return false;
  return isDeepStrictEqual(JSON.parse(go), JSON.parse(our));
}

/**
 * Where Go panics (`cilium monitor` dies), `formatSample` throws `go-panics` naming what Go
 * printed before; an empty sample panics in Go and is `empty-sample` here.
 */
function samePanic(go: string, our: string): boolean {
  const printed = go.slice(0, go.indexOf('PANIC:'));
  if (go === 'PANIC: runtime error: index out of range [0] with length 0\n') return our.startsWith('THROWN: FormatError: an empty sample');
  return our.startsWith('THROWN: FormatError: ') && our.includes(`it printed ${JSON.stringify(printed)} first`);
}

/**
 * Go's own nondeterminism: the CT debug messages name tuple flags by ranging over a Go map
 * (`tupleFlags` in pkg/monitor/datapath_debug.go), so with two flags set Go prints
 * `flags=OUT, RELATED` or `flags=RELATED, OUT` at random. Compared with the names sorted.
 */
function withSortedTupleFlags(text: string): string {
  return text.replace(/flags=((?:IN|OUT|RELATED)(?:, (?:IN|OUT|RELATED))+)/g, (_, names: string) => `flags=${names.split(', ').sort().join(', ')}`);
}

export function differences(golden: Golden, modes: readonly GoldenMode[] = GOLDEN_MODES): Difference[] {
  const out: Difference[] = [];
  const release = golden.release as Release;
  golden.samples.forEach((s, index) => {
    const bytes = Uint8Array.from(Buffer.from(s.data, 'hex'));
    for (const mode of modes) {
      const got = ours(mode, bytes, s.cpu, release);
      const go = s[mode];
      const same =
        mode === 'flow' ? sameFlow(go, got) : go.includes('PANIC:') ? samePanic(go, got) : withSortedTupleFlags(got) === withSortedTupleFlags(go);
      if (!same) out.push({ index, mode, hex: s.data, go: s[mode], ours: got });
    }
  });
  return out;
}
