/**
 * Release watch (run by .github/workflows/cilium-release-watch.yml): finds the newest
 * cilium/cilium patch release of every pinned line, downloads the pinned file list at that
 * tag and regenerates its tables. Exit status 1 and a Markdown report when tables would change,
 * a file disappeared, a newer release line has no pin yet, or a provisional pin (1.20: the v1.20
 * branch point) can move to its release tag; 0 when every pin is current or newer patches leave
 * the tables unchanged.
 *
 * With `--repin`, a provisional pin whose line has a release tag is rewritten in pins.json to
 * that tag's commit (hashes of the files read at the tag, `provisional` dropped, evidence note);
 * the workflow then obtains the inputs, regenerates the tables and proposes the change.
 *
 *   tsx codegen/release-watch.ts [--report FILE] [--repin]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ReleaseTables } from '../src/table-types.js';
import { getTables } from '../src/tables.js';
import { unifiedDiff } from './diff.js';
import { canonical } from './emit.js';
import { generateTables } from './generate.js';
import { download } from './obtain.js';
import type { InputSet } from './inputs.js';
import { loadPins, repoRoot, type ReleasePin } from './pins.js';
import { newestOf, parseReleaseTags, unpinnedNewerLines, type ReleaseTag } from './release-tags.js';
import { repinEntry, replacePin, type RawPin } from './repin.js';

/** Tables without the fields that name the release, for comparing two releases' content. */
function content(t: ReleaseTables): string {
  const c = canonical(t);
  return JSON.stringify({ structs: c.structs, enums: c.enums, dropReasons: c.dropReasons, fileIds: c.fileIds, texts: c.texts }, null, 2);
}

interface LineCheck {
  /** Markdown finding, or undefined when the tables are unchanged. */
  finding: string | undefined;
  /** The files read at the tag (absent when they could not be read). */
  files?: InputSet;
}

async function checkLine(pin: ReleasePin, upstream: string, newest: ReleaseTag): Promise<LineCheck> {
  let files;
  try {
    files = await download(pin, upstream, { ref: newest.tag, verify: false });
  } catch (e) {
    return { finding: `### ${pin.release}: ${newest.tag} could not be read\n\n${(e as Error).message}\n(a pinned file may have moved or been removed — the pin's file list needs updating)` };
  }
  let fresh: ReleaseTables;
  try {
    fresh = generateTables(pin, files);
  } catch (e) {
    return { finding: `### ${pin.release}: the codegen fails on ${newest.tag}\n\n\`\`\`\n${(e as Error).message}\n\`\`\``, files };
  }
  const diff = unifiedDiff(content(getTables(pin.release)), content(fresh), `v${pin.version}`, newest.tag);
  if (diff === '') return { finding: undefined, files };
  return { finding: `### ${pin.release}: ${newest.tag} changes the tables of v${pin.version}\n\n\`\`\`diff\n${diff}\n\`\`\``, files };
}

/**
 * A provisional pin (a branch point standing in for a release): once its line has a release tag
 * the pin should move there. Always a finding then; with `repin` pins.json is rewritten.
 */
async function checkProvisional(pin: ReleasePin, upstream: string, tags: readonly ReleaseTag[], repin: boolean, notes: string[]): Promise<string | undefined> {
  const newest = newestOf(tags, pin.covers.line);
  if (newest === undefined) {
    notes.push(`${pin.release}: provisional (v${pin.version} at ${pin.commit.slice(0, 10)}); no ${pin.provenance.tag} tag upstream yet`);
    return undefined;
  }
  const { finding, files } = await checkLine(pin, upstream, newest);
  const head = `### ${pin.release}: the provisional pin (v${pin.version}, ${pin.commit.slice(0, 10)}) can move to ${newest.tag} (commit ${newest.commit})`;
  const tables = finding ?? `${newest.tag} leaves the tables unchanged.`;
  if (!repin || files === undefined) return `${head}\n\n${tables}\n\nRun the release watch with --repin (or edit pins.json by hand), then npm run headers and npm run codegen.`;
  const path = join(repoRoot, 'bpf-headers', 'pins.json');
  const text = readFileSync(path, 'utf8');
  const raw = (JSON.parse(text) as { releases: Record<string, RawPin> }).releases[pin.release]!;
  writeFileSync(path, replacePin(text, pin.release, repinEntry(raw, upstream, newest, files, new Date().toISOString().slice(0, 10))));
  return `${head}\n\n${tables}\n\nbpf-headers/pins.json now pins ${pin.release} at ${newest.tag}; obtain the inputs and regenerate (npm run headers, npm run codegen).`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { report: { type: 'string' }, repin: { type: 'boolean', default: false } } });
  const pins = loadPins();
  // Without --refs: annotated tags come with their peeled `^{}` line, the commit to pin.
  const tags = parseReleaseTags(
    execFileSync('git', ['ls-remote', '--tags', `https://github.com/${pins.upstream}.git`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  );
  const findings: string[] = [];
  const notes: string[] = [];
  for (const pin of pins.releases) {
    if (pin.provisional) {
      const finding = await checkProvisional(pin, pins.upstream, tags, values.repin === true, notes);
      if (finding !== undefined) findings.push(finding);
      continue;
    }
    if (pin.covers.toPatch !== undefined) continue; // a closed patch range cannot gain releases
    const newest = newestOf(tags, pin.covers.line);
    if (newest === undefined || newest.tag === `v${pin.version}`) {
      notes.push(`${pin.release}: v${pin.version} is the newest release`);
      continue;
    }
    const { finding } = await checkLine(pin, pins.upstream, newest);
    if (finding === undefined) notes.push(`${pin.release}: ${newest.tag} is newer than v${pin.version} but leaves the tables unchanged`);
    else findings.push(finding);
  }
  for (const m of unpinnedNewerLines(tags, pins.releases.map((p) => p.covers.line))) findings.push(`### ${m}: a new release line without a pin\n\nAdd it to bpf-headers/pins.json (see bpf-headers/README.md).`);

  const report = [
    '## Cilium release watch',
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    ...(findings.length === 0 ? ['No table changes.'] : findings),
    '',
  ].join('\n');
  if (values.report !== undefined) writeFileSync(values.report, report);
  console.log(report);
  return findings.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`release-watch: ${(e as Error).message}`);
    process.exitCode = 2;
  },
);
