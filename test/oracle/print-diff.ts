/**
 * `npm run oracle:diff -- [--release R] [--mode M] [--max N] [--golden FILE]`: per release and mode, how many
 * samples print exactly what Cilium's Go code printed, and the differences themselves.
 */
import { readFileSync } from 'node:fs';
import { GOLDEN_MODES, loadGolden, type Golden, type GoldenMode } from './golden.js';
import { differences } from './differential.js';
import { releases } from '../../src/tables.js';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const chosen = opt('--release') ? [opt('--release')!] : releases;
const modes = (opt('--mode') ? [opt('--mode')] : GOLDEN_MODES) as GoldenMode[];
const max = Number(opt('--max') ?? 5);

for (const release of chosen) {
  const file = opt('--golden');
  const golden = file !== undefined ? (JSON.parse(readFileSync(file.replace('{release}', release), 'utf8')) as Golden) : loadGolden(release);
  if (golden === undefined) continue;
  const diffs = differences(golden, modes);
  const total = golden.samples.length;
  const counts = modes.map((m) => {
    const differ = diffs.filter((d) => d.mode === m).length;
    return `${m} ${(((total - differ) / total) * 100).toFixed(1)}%${differ > 0 ? ` (${differ} differ)` : ''}`;
  });
  console.log(`== ${release} (${total} samples): ${counts.join(', ')}`);
  for (const mode of modes) {
    for (const d of diffs.filter((x) => x.mode === mode).slice(0, max)) {
      console.log(`-- #${d.index} ${mode} ${d.hex.slice(0, 120)}`);
      console.log(`   go:   ${JSON.stringify(d.go)}`);
      console.log(`   ours: ${JSON.stringify(d.ours)}`);
    }
  }
}
