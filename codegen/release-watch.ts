/**
 * Release watch (run by .github/workflows/cilium-release-watch.yml): finds the newest
 * cilium/cilium patch release of every pinned line, downloads the pinned file list at that
 * tag and regenerates its tables. Exit status 1 and a Markdown report when tables would change,
 * a file disappeared, or a newer release line has no pin yet; 0 when every pin is current
 * or newer patches leave the tables unchanged.
 *
 *   tsx codegen/release-watch.ts [--report FILE]
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ReleaseTables } from '../src/table-types.js';
import { getTables } from '../src/tables.js';
import { unifiedDiff } from './diff.js';
import { canonical } from './emit.js';
import { generateTables } from './generate.js';
import { download } from './obtain.js';
import { loadPins, type ReleasePin } from './pins.js';
import { newestOf, parseReleaseTags, unpinnedNewerLines, type ReleaseTag } from './release-tags.js';

/** Tables without the fields that name the release, for comparing two releases' content. */
function content(t: ReleaseTables): string {
  const c = canonical(t);
  return JSON.stringify({ structs: c.structs, enums: c.enums, dropReasons: c.dropReasons, fileIds: c.fileIds, texts: c.texts }, null, 2);
}

async function checkLine(pin: ReleasePin, upstream: string, newest: ReleaseTag): Promise<string | undefined> {
  let files;
  try {
    files = await download(pin, upstream, { ref: newest.tag, verify: false });
  } catch (e) {
    return `### ${pin.release}: ${newest.tag} could not be read\n\n${(e as Error).message}\n(a pinned file may have moved or been removed — the pin's file list needs updating)`;
  }
  let fresh: ReleaseTables;
  try {
    fresh = generateTables(pin, files);
  } catch (e) {
    return `### ${pin.release}: the codegen fails on ${newest.tag}\n\n\`\`\`\n${(e as Error).message}\n\`\`\``;
  }
  const diff = unifiedDiff(content(getTables(pin.release)), content(fresh), `v${pin.version}`, newest.tag);
  if (diff === '') return undefined;
  return `### ${pin.release}: ${newest.tag} changes the tables of v${pin.version}\n\n\`\`\`diff\n${diff}\n\`\`\``;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { report: { type: 'string' } } });
  const pins = loadPins();
  const tags = parseReleaseTags(
    execFileSync('git', ['ls-remote', '--tags', '--refs', `https://github.com/${pins.upstream}.git`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  );
  const findings: string[] = [];
  const notes: string[] = [];
  for (const pin of pins.releases) {
    if (pin.covers.toPatch !== undefined) continue; // a closed patch range cannot gain releases
    const newest = newestOf(tags, pin.covers.line);
    if (newest === undefined || newest.tag === `v${pin.version}`) {
      notes.push(`${pin.release}: v${pin.version} is the newest release`);
      continue;
    }
    const finding = await checkLine(pin, pins.upstream, newest);
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
