// Packs the package as npm would publish it and installs the tarball into a fresh consumer
// project, without the network: the package's own dependencies are packed from this
// repository's node_modules and installed from their tarballs too (optional ones omitted).
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const here = join(root, 'test/runtimes');

interface PackageJson {
  name: string;
  version: string;
  exports: Record<string, unknown>;
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
}
export const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;

/** Every subpath of package.json "exports" that names a module (not ./package.json, no patterns). */
export const subpaths = Object.keys(pkg.exports).filter((s) => s !== './package.json' && !s.includes('*'));

export const specifier = (subpath: string): string => (subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`);

/** Why the packed-package tests cannot run here, or undefined. */
export function missingBuild(): string | undefined {
  for (const f of ['dist/index.js', 'dist/index.cjs', 'dist/cli.js']) {
    if (!existsSync(join(root, f))) return `${f} is not built (npm test builds it first; or run npm run build)`;
  }
  return undefined;
}

export function sh(cmd: string, args: string[], options: SpawnSyncOptions = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20, ...options });
  return { status: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') + (r.error ? String(r.error) : '') };
}

function must(what: string, r: { status: number | null; stdout: string; stderr: string }): string {
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** `npm pack`s `dir` into `dest`; returns the tarball's path. */
function pack(dir: string, dest: string): string {
  const out = must(`npm pack ${dir}`, sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], { cwd: dir }));
  const files = JSON.parse(out.slice(out.indexOf('['))) as { filename: string }[];
  return join(dest, files[0]!.filename);
}

export interface Consumer {
  dir: string;
  tarball: string;
  /** Files the tarball holds (paths inside the package). */
  files: string[];
}

/** A temporary project with the packed package installed, and the consumer scripts beside it. */
export function installConsumer(): Consumer {
  const dir = mkdtempSync(join(tmpdir(), 'cilium-events-consumer-'));
  const tarball = pack(root, dir);
  const deps = Object.keys(pkg.dependencies ?? {}).map((d) => pack(join(root, 'node_modules', d), dir));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  must(
    'npm install (offline, from the tarballs)',
    sh(
      'npm',
      ['install', '--offline', '--cache', join(dir, '.npm-cache'), '--no-audit', '--no-fund', '--omit=optional', '--ignore-scripts', tarball, ...deps],
      { cwd: dir },
    ),
  );
  for (const f of ['consumer.mjs', 'esm.mjs', 'cjs.cjs']) copyFileSync(join(here, f), join(dir, f));
  writeFileSync(join(dir, 'entries.json'), JSON.stringify(subpaths));
  const listing = must('tar tzf', sh('tar', ['tzf', tarball]));
  const files = listing.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
  return { dir, tarball, files };
}

/** Module specifiers a built file imports or requires (static and dynamic). */
function specifiersIn(code: string): string[] {
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

const builtins = new Set(builtinModules);
const isBuiltin = (s: string): boolean => s.startsWith('node:') || builtins.has(s) || builtins.has(s.split('/')[0]!);

/**
 * The Node built-ins the ESM build of an entry reaches through its own files (an entry that
 * reaches none can be bundled for a browser).
 */
export function nodeBuiltinsOf(c: Consumer, subpath: string): string[] {
  const pkgDir = join(c.dir, 'node_modules', pkg.name);
  const entry = pkg.exports[subpath] as { import: { default: string } };
  const seen = new Set<string>();
  const found = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const s of specifiersIn(readFileSync(file, 'utf8'))) {
      if (s.startsWith('.')) visit(resolve(dirname(file), s));
      else if (isBuiltin(s)) found.add(s);
    }
  };
  visit(join(pkgDir, entry.import.default));
  return [...found].sort();
}

/** A runnable tool, or why it is not there. */
export function tool(cmd: string, versionArgs = ['--version']): { cmd: string; version: string } | { missing: string } {
  const r = sh(cmd, versionArgs, { timeout: 30_000 });
  if (r.status !== 0) return { missing: `${cmd} ${versionArgs.join(' ')} failed: ${(r.stderr || r.stdout).trim().split('\n')[0] ?? ''}` };
  return { cmd, version: r.stdout.trim().split('\n')[0]! };
}
