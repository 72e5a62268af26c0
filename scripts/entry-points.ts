/**
 * The package's entry points: each subpath of package.json "exports" with the specifier users
 * import and the source file tsup builds it from (tsup.config.ts's `entry` map). Used by
 * `npm run docs` (scripts/docs.ts) and the docs check (test/docs/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface Entry {
  /** The subpath in package.json "exports" ('.', './ring', …). */
  subpath: string;
  /** What users import ('cilium-events', 'cilium-events/ring', …). */
  specifier: string;
  /** The source file tsup builds it from, relative to the repository. */
  source: string;
}

export function entries(): Entry[] {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string; exports: Record<string, unknown> };
  const tsup = readFileSync(join(repoRoot, 'tsup.config.ts'), 'utf8');
  const sources = new Map([...tsup.matchAll(/^\s*([\w-]+):\s*'(src\/[^']+\.ts)'/gm)].map((m) => [m[1]!, m[2]!]));
  const out: Entry[] = [];
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue; // ./package.json
    const dist = (target as { import: { default: string } }).import.default; // ./dist/<name>.js
    const name = dist.replace(/^\.\/dist\//, '').replace(/\.js$/, '');
    const source = sources.get(name);
    if (source === undefined) throw new Error(`${subpath}: no tsup entry named ${name}`);
    out.push({ subpath, specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`, source });
  }
  return out;
}
