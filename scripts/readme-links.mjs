/**
 * Points the README's links at the files of the published package, at package.json's version.
 *
 * The npm registry shows README.md as the package's page, where a relative link such as
 * `docs/decoding.md` resolves against npmjs.com and breaks. The project has no public
 * repository to link to (package.json has no `repository` yet), so the README links into the
 * package itself, which publishes the guides, the examples and api-report.md (package.json
 * `files`), through jsDelivr: `https://cdn.jsdelivr.net/npm/<name>@<version>/<path>` serves any
 * file of any published version. unpkg would serve the same files; one CDN is used so that the
 * docs check (test/docs/links.test.ts) can recognise the links. The version in the URL keeps a
 * README showing the docs of its own release; links between the guides stay relative and
 * resolve inside the same version.
 *
 * Rewrites relative links (`docs/x.md`, `./api-report.md`) and links into another version of
 * the package; leaves `#anchor` links, other sites and anything in code alone.
 *
 * Run: node scripts/readme-links.mjs — npm's `version` lifecycle script runs it after the bump.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const cdn = 'https://cdn.jsdelivr.net/npm/';

/** The CDN URL of `path` (relative to the package root) in the published `name@version`. */
export function packageFileUrl(name, version, path) {
  return `${cdn}${name}@${version}/${path}`;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The new target of one link, or the target itself when it is not one to rewrite. */
function pinTarget(target, name, version) {
  const ours = new RegExp(`^${escape(cdn)}${escape(name)}(?:@[^/]*)?/`).exec(target);
  if (ours) return packageFileUrl(name, version, target.slice(ours[0].length));
  if (/^([a-z][a-z\d+.-]*:|\/\/|#)/i.test(target)) return target; // another site, or a heading here
  const path = posix.normalize(target);
  if (path === '..' || path.startsWith('../') || path.startsWith('/')) {
    throw new Error(`README link ${target} leads outside the package`);
  }
  return packageFileUrl(name, version, path);
}

/**
 * `markdown` with its link targets pinned to `name@version`: `[text](target)` outside fenced
 * code blocks and `code spans`.
 */
export function pinLinks(markdown, name, version) {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      const fence = /^\s*```/.test(line);
      if (fence) fenced = !fenced;
      if (fence || fenced) return line;
      // Odd pieces of the split are code spans, kept as they are.
      return line
        .split(/(`[^`]*`)/)
        .map((piece, i) => (i % 2 === 1 ? piece : piece.replace(/\]\(([^)\s]+)/g, (_, t) => `](${pinTarget(t, name, version)}`)))
        .join('');
    })
    .join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { name, version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
  const readme = `${root}README.md`;
  const before = readFileSync(readme, 'utf8');
  const after = pinLinks(before, name, version);
  if (after !== before) writeFileSync(readme, after);
  console.log(`README.md: links point at ${name}@${version}${after === before ? ' (unchanged)' : ''}`);
}
