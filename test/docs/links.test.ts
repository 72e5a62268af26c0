// Links in the README, the guides and the examples' README lead somewhere: every relative link
// names a file of the repository and, for a Markdown file, a heading that exists there. Once
// package.json names a GitHub `repository`, the README (shown on the npm registry's page, where
// relative links break) must link to the repository with absolute URLs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/entry-points.js';

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

  it('the README links absolutely once package.json names the repository', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { repository?: string | { url?: string } };
    const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    if (url === undefined) {
      console.log('README links: package.json has no repository yet, so relative links are allowed');
      return;
    }
    const relativeLinks = links(readFileSync(join(repoRoot, 'README.md'), 'utf8')).filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#'));
    expect(relativeLinks, 'use https://github.com/<owner>/<repo>/blob/HEAD/<path> so they work on the npm page').toEqual([]);
  });
});
