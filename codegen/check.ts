/**
 * `codegen:check`: are the committed generated modules exactly what the pinned inputs give?
 * With a release's inputs at hand the module is regenerated in memory and compared byte for
 * byte (a unified diff on mismatch). Without them the module's header must name exactly the
 * pinned commit and input sha256s and its body must still hash to the recorded value — which
 * catches hand edits and stale pins, but not a generator change; the report says so.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unifiedDiff } from './diff.js';
import { moduleName, parseGenerated, renderIndexModule, renderReleaseExportsModule } from './emit.js';
import { sha256 } from './inputs.js';
import type { Pins, ReleasePin } from './pins.js';

export interface CheckOptions {
  pins: Pins;
  /** Directory holding the committed `*.gen.ts` modules. */
  generatedDir: string;
  /** Regenerated module text of a release, or undefined when its inputs are absent. Throws on bad inputs. */
  regenerate: (pin: ReleasePin) => string | undefined;
  /** Missing inputs fail the check instead of falling back to the header/body-hash check. */
  strict: boolean;
  /** Check only these release modules (the index is always checked). */
  only?: readonly string[];
}

export interface CheckReport {
  ok: boolean;
  /** Releases compared in full against regenerated output. */
  full: string[];
  /** Releases only checked against pins and body hash (inputs absent). */
  headerOnly: string[];
  problems: string[];
}

export function checkGenerated(opts: CheckOptions): CheckReport {
  const report: CheckReport = { ok: true, full: [], headerOnly: [], problems: [] };
  const fail = (msg: string): void => {
    report.ok = false;
    report.problems.push(msg);
  };

  // The index modules depend on pins.json only, so they are always compared in full.
  compareText(join(opts.generatedDir, 'index.gen.ts'), renderIndexModule(opts.pins), fail);
  compareText(join(opts.generatedDir, 'releases.gen.ts'), renderReleaseExportsModule(opts.pins), fail);

  const expectedFiles = new Set(['index.gen.ts', 'releases.gen.ts', ...opts.pins.releases.map((p) => `${moduleName(p.release)}.gen.ts`)]);
  if (existsSync(opts.generatedDir)) {
    for (const f of readdirSync(opts.generatedDir)) {
      if (f.endsWith('.gen.ts') && !expectedFiles.has(f)) fail(`${join(opts.generatedDir, f)}: generated module of no pinned release (remove it)`);
    }
  }

  for (const pin of opts.pins.releases) {
    if (opts.only !== undefined && !opts.only.includes(pin.release)) continue;
    const path = join(opts.generatedDir, `${moduleName(pin.release)}.gen.ts`);
    const fresh = opts.regenerate(pin);
    if (fresh !== undefined) {
      report.full.push(pin.release);
      compareText(path, fresh, fail);
      continue;
    }
    report.headerOnly.push(pin.release);
    if (opts.strict) fail(`release ${pin.release}: pinned inputs are absent and --strict needs them (npm run headers -- --from <cilium git dir>)`);
    if (!existsSync(path)) {
      fail(`${path}: missing (generate it with npm run codegen)`);
      continue;
    }
    for (const p of verifyRecorded(readFileSync(path, 'utf8'), pin)) fail(`${path}: ${p}`);
  }
  return report;
}

function compareText(path: string, expected: string, fail: (msg: string) => void): void {
  if (!existsSync(path)) {
    fail(`${path}: missing (generate it with npm run codegen)`);
    return;
  }
  const actual = readFileSync(path, 'utf8');
  if (actual !== expected) {
    fail(`${path} differs from what the codegen produces (run npm run codegen):\n${unifiedDiff(actual, expected, `${path} (committed)`, `${path} (regenerated)`)}`);
  }
}

/** What is wrong with a committed module judged only by its header and body hash. */
export function verifyRecorded(text: string, pin: ReleasePin): string[] {
  const parsed = parseGenerated(text);
  if (parsed === undefined) return ['not a generated module (first line must be the generated marker)'];
  const { header, body } = parsed;
  const problems: string[] = [];
  if (header.release !== pin.release) problems.push(`records release ${header.release ?? '(none)'}, pinned is ${pin.release}`);
  if (header.version !== pin.version) problems.push(`records version ${header.version ?? '(none)'}, pinned is ${pin.version}`);
  if (header.commit !== pin.commit) problems.push(`records commit ${header.commit ?? '(none)'}, pinned is ${pin.commit}`);
  for (const [path, f] of Object.entries(pin.files)) {
    const recorded = header.inputs.get(path);
    if (recorded === undefined) problems.push(`does not record input ${path} (pinned)`);
    else if (recorded !== f.sha256) problems.push(`input ${path}: recorded sha256 ${recorded}, pinned ${f.sha256}`);
  }
  for (const path of header.inputs.keys()) {
    if (pin.files[path] === undefined) problems.push(`records input ${path}, which is not pinned`);
  }
  const actual = sha256(body);
  if (header.bodySha256 !== actual) {
    problems.push(`body was edited by hand: sha256 ${actual}, recorded ${header.bodySha256 ?? '(none)'}`);
  }
  return problems;
}
