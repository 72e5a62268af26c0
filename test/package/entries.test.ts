import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// Checks the built package as a consumer sees it: every subpath in the exports map resolves
// to a built file for both `import` and `require`, and the entries promised to run in any JS
// runtime (browsers, Deno, Bun) reference no Node built-in and no other package.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | Record<string, { types: string; default: string }>>;
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
};
const built = existsSync(join(root, 'dist/index.js'));
if (!built) console.log('skipping package entry checks: dist/ is not built (npm test builds it first)');

const portable = ['.', './packet', './tables', './ring', './format'];
const conditions = ['import', 'require'] as const;

function target(subpath: string, condition: (typeof conditions)[number]): { types: string; default: string } {
  const entry = pkg.exports[subpath];
  if (entry === undefined || typeof entry === 'string') throw new Error(`no conditional export for ${subpath}`);
  const t = entry[condition];
  if (t === undefined) throw new Error(`no ${condition} condition for ${subpath}`);
  return t;
}

/** Module specifiers a built file imports or requires (static and dynamic). */
function specifiers(code: string): string[] {
  const out: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\b[^;"']*?\bfrom\s*["']([^"'\n]+)["']/gm,
    /^\s*import\s*["']([^"'\n]+)["']/gm,
    /\bimport\(\s*["']([^"'\n]+)["']\s*\)/g,
    /\brequire\(\s*["']([^"'\n]+)["']\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) out.push(m[1]!);
  return out;
}

describe.skipIf(!built)('built package', () => {
  const subpaths = Object.keys(pkg.exports).filter((s) => s !== './package.json');

  it.each(subpaths)('%s has import and require builds with type declarations', (subpath) => {
    for (const c of conditions) {
      const t = target(subpath, c);
      expect(existsSync(join(root, t.default)), `${subpath} ${c} ${t.default}`).toBe(true);
      expect(existsSync(join(root, t.types)), `${subpath} ${c} ${t.types}`).toBe(true);
    }
  });

  it.each(portable)('%s imports no Node built-in and no other package', (subpath) => {
    for (const c of conditions) {
      const file = join(root, target(subpath, c).default);
      const external = specifiers(readFileSync(file, 'utf8')).filter((s) => !s.startsWith('.'));
      expect(external, `${file}`).toEqual([]);
    }
  });

  it('the core and tables chunks they pull in stay free of Node built-ins too', () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const s of specifiers(readFileSync(file, 'utf8'))) {
        expect(s.startsWith('.'), `${file} imports ${s}`).toBe(true);
        visit(resolve(dirname(file), s));
      }
    };
    for (const subpath of portable) visit(join(root, target(subpath, 'import').default));
    expect(seen.size).toBeGreaterThanOrEqual(portable.length);
  });

  it('ESM and CommonJS builds of the core expose the same API', async () => {
    const esm = (await import(pathToFileURL(join(root, target('.', 'import').default)).href)) as Record<string, unknown>;
    const cjs = createRequire(import.meta.url)(join(root, target('.', 'require').default)) as Record<string, unknown>;
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(typeof esm.decodeEvent).toBe('function');
    expect(typeof esm.encodeEvent).toBe('function');
  });

  it('the bin is an executable ESM file with a shebang', () => {
    const bin = join(root, pkg.bin[pkg.name]!);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
