// Links in the README, the guides and the examples' README lead somewhere: every relative link
// names a file of the repository and, for a Markdown file, a heading that exists there. The
// Markdown files the package publishes link relatively only to files it publishes too, and the
// README (the package's page on npm, where relative links break) links to the published files
// of its own version on the CDN (scripts/readme-links.mjs writes those links).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/entry-points.js';
// @ts-expect-error -- a plain .mjs script without declarations
import { cdn } from '../../scripts/readme-links.mjs';

const files = [
  'README.md',
  'CHANGELOG.md',
  'examples/README.md',
  'test/fixtures/README.md',
  ...readdirSync(join(repoRoot, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const m = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Markdown links outside code: [text](target). */
function links(markdown: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const text = line.replace(/`[^`]*`/g, '');
    for (const m of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push(m[1]!);
  }
  return out;
}

describe('documentation links', () => {
  it.each(files.filter((f) => existsSync(join(repoRoot, f))))('%s: relative links resolve', (file) => {
    const text = readFileSync(join(repoRoot, file), 'utf8');
    const broken: string[] = [];
    for (const target of links(text)) {
      if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
      const [path, anchor] = target.split('#') as [string, string | undefined];
      const resolved = path === '' ? join(repoRoot, file) : join(repoRoot, dirname(file), decodeURIComponent(path));
      if (!existsSync(resolved)) {
        broken.push(`${target} (no ${relative(repoRoot, resolved)})`);
        continue;
      }
      if (anchor !== undefined && resolved.endsWith('.md') && !anchors(readFileSync(resolved, 'utf8')).has(anchor)) {
        broken.push(`${target} (no heading #${anchor})`);
      }
    }
    expect(broken).toEqual([]);
  });

  // What `npm publish` would upload (dist/ only when built; the links never name it).
  let packed: string[] | undefined;
  const published = (): string[] => {
    if (packed) return packed;
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8' });
    packed = (JSON.parse(out.slice(out.indexOf('['))) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    return packed;
  };
  /** A published file, or a directory (trailing slash) holding one. */
  const isPublished = (files: string[], path: string): boolean =>
    path.endsWith('/') ? files.some((f) => f.startsWith(path)) : files.includes(path);

  it('published Markdown links relatively only to published files', () => {
    const files = published();
    const broken: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.md'))) {
      for (const target of links(readFileSync(join(repoRoot, file), 'utf8'))) {
        const path = target.split('#')[0]!;
        if (/^[a-z]+:/i.test(target) || path === '') continue;
        const resolved = posix.join(posix.dirname(file), decodeURIComponent(path));
        if (!isPublished(files, resolved)) broken.push(`${file}: ${target} (${resolved} is not in the package)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("the README links to its own version's published files", () => {
    const { name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
    const files = published();
    const ours = `${cdn as string}${name}@`;
    const wrong: string[] = [];
    for (const target of links(readFileSync(join(repoRoot, 'README.md'), 'utf8'))) {
      if (target.startsWith('#')) continue; // a heading of the README, which npm shows
      if (!/^[a-z]+:/i.test(target)) wrong.push(`${target}: relative`);
      else if (!target.startsWith(ours)) continue; // another site
      else if (!target.startsWith(`${ours}${version}/`)) wrong.push(`${target}: not version ${version}`);
      else if (target.includes('#')) wrong.push(`${target}: the CDN serves the file as it is, where a #heading leads nowhere`);
      else if (!isPublished(files, target.slice(`${ours}${version}/`.length))) wrong.push(`${target}: not in the packed tarball`);
    }
    expect(wrong, 'run node scripts/readme-links.mjs; publish what the README links (package.json "files")').toEqual([]);
  });
});
