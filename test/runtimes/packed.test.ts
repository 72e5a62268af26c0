// The package as a user gets it: `npm pack`, installed offline into a fresh project, every
// entry point of package.json "exports" imported from ESM and required from CommonJS, a strict
// TypeScript consumer type-checked under node16 and bundler resolution, the bin run; then the
// same consumer under Bun and Deno (npm devDependencies). test/runtimes/browser.test.ts runs
// it in Chromium. Each runtime that is missing skips with the reason printed.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installConsumer, missingBuild, nodeBuiltinsOf, pkg, root, sh, specifier, subpaths, tool, type Consumer } from './packed.js';

const notBuilt = missingBuild();
if (notBuilt) console.log(`skipping the packed-package tests: ${notBuilt}`);

/** What the consumer (test/runtimes/consumer.mjs) sees in every runtime that has WebAssembly. */
const expectedChecks = {
  decode: { type: 1, fileName: 'bpf_lxc.c', line: 99 },
  badInput: expect.objectContaining({ code: 'short-buffer', typed: true }),
  format: 'xx drop (Policy denied)',
  tables: 48,
  init: 'wasm',
  'ring-ts': { impl: 'ts', records: 1, type: 1 },
  'ring-auto': { impl: 'wasm', records: 1, type: 1 },
  'ring-wasm': { impl: 'wasm', records: 1, type: 1 },
};

interface ConsumerOutput {
  entries: Record<string, string[] | string>;
  checks: Record<string, unknown>;
}

function runConsumer(cmd: string, args: string[], c: Consumer, env: NodeJS.ProcessEnv = {}): ConsumerOutput {
  const r = sh(cmd, args, { cwd: c.dir, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stderr}\n${r.stdout}`);
  const line = r.stdout.trim().split('\n').at(-1)!;
  return JSON.parse(line) as ConsumerOutput;
}

function expectEveryEntryLoaded(out: ConsumerOutput): void {
  expect(Object.keys(out.entries).sort()).toEqual([...subpaths].sort());
  for (const [subpath, names] of Object.entries(out.entries)) {
    expect(Array.isArray(names), `${subpath}: ${String(names)}`).toBe(true);
    expect(names.length, `${subpath} exports nothing`).toBeGreaterThan(0);
  }
}

let c: Consumer;
let nodeEsm: ConsumerOutput;

describe.skipIf(notBuilt !== undefined)('packed tarball', () => {
  beforeAll(() => {
    c = installConsumer();
  }, 180_000);
  afterAll(() => {
    if (c) rmSync(c.dir, { recursive: true, force: true });
  });

  it('holds the built entries, the bin and the docs, and nothing from the source tree', () => {
    for (const subpath of subpaths) {
      const e = pkg.exports[subpath] as Record<'import' | 'require', { types: string; default: string }>;
      for (const cond of ['import', 'require'] as const) {
        expect(c.files).toContain(e[cond].default.replace(/^\.\//, ''));
        expect(c.files).toContain(e[cond].types.replace(/^\.\//, ''));
      }
    }
    expect(c.files).toContain(Object.values(pkg.bin)[0]!.replace(/^\.\//, ''));
    expect(c.files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
    expect(c.files.filter((f) => /^(src|test|codegen|assembly|bench)\//.test(f))).toEqual([]);
  });

  it('Node: every entry imports from ESM and works end to end', () => {
    nodeEsm = runConsumer(process.execPath, ['esm.mjs'], c);
    expectEveryEntryLoaded(nodeEsm);
    expect(nodeEsm.checks).toEqual(expectedChecks);
  });

  it('Node: every entry requires from CommonJS with the same exports', () => {
    const cjs = runConsumer(process.execPath, ['cjs.cjs'], c);
    expectEveryEntryLoaded(cjs);
    expect(cjs.entries).toEqual(nodeEsm.entries);
    expect(cjs.checks).toEqual(expectedChecks);
  });

  it('the bin runs: --version and decoding a hex line from stdin', () => {
    const bin = join(c.dir, 'node_modules/.bin', Object.keys(pkg.bin)[0]!);
    const v = sh(bin, ['--version'], { cwd: c.dir });
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout).toContain(pkg.version);
    const hex = '01850000000000003c0000000000030002000000d2040000000000006300020000000000000000000000000000000000\n';
    const d = sh(bin, ['decode', '--release', '1.19', '-'], { cwd: c.dir, input: hex });
    expect(d.status, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/^xx drop \(Policy denied\) .* file bpf_lxc\.c:99/);
  });

  // tsc over the packed declarations with skipLibCheck off: seconds alone, more on a busy machine.
  describe('TypeScript consumer, strict', { timeout: 180_000 }, () => {
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const strict = {
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noImplicitOverride: true,
      noEmit: true,
      skipLibCheck: false,
      target: 'ES2022',
      typeRoots: [join(root, 'node_modules/@types')],
    };
    const has = (s: string): boolean => subpaths.includes(s);

    /** A consumer importing every entry (or only `only`) and using the portable ones with their types. */
    function consumerSource(only?: string[]): string {
      const list = only ?? subpaths;
      const lines = ['// Generated by test/runtimes/packed.test.ts.'];
      list.forEach((s, i) => lines.push(`import * as entry${i} from '${specifier(s)}';`));
      lines.push(`export const entries = [${list.map((_, i) => `entry${i}`).join(', ')}] as const;`);
      if (has('.')) {
        lines.push(`import { decodeEvent, isDecodeError } from '${specifier('.')}';`);
        if (has('./tables')) lines.push(`import { getTables } from '${specifier('./tables')}';`);
        if (has('./format')) lines.push(`import { formatEvent } from '${specifier('./format')}';`);
        if (has('./ring')) lines.push(`import { readRecords, isRingError } from '${specifier('./ring')}';`);
        lines.push(
          'export function use(bytes: Uint8Array): string {',
          '  try {',
          "    const ev = decodeEvent(bytes, { release: '1.19' });",
          '    const parts: (string | number)[] = [ev.type];',
          has('./tables') ? "    parts.push(getTables('1.19').structs.drop_notify?.size ?? 0);" : '',
          has('./format') ? "    parts.push(formatEvent(ev, { release: '1.19' }));" : '',
          has('./ring') ? "    parts.push(readRecords(new Uint8Array(8192), { impl: 'ts' }).records.length);" : '',
          "    return parts.join(' ');",
          '  } catch (e) {',
          '    if (isDecodeError(e)) return e.code;',
          has('./ring') ? '    if (isRingError(e)) return e.code;' : '',
          '    throw e;',
          '  }',
          '}',
        );
      }
      return lines.filter((l) => l !== '').join('\n') + '\n';
    }

    function typecheck(name: string, compilerOptions: object, files: string[]): void {
      const config = join(c.dir, `tsconfig.${name}.json`);
      writeFileSync(config, JSON.stringify({ compilerOptions: { ...strict, ...compilerOptions }, files }, null, 2));
      const r = sh(process.execPath, [tsc, '-p', config], { cwd: c.dir });
      expect(r.status, `tsc -p tsconfig.${name}.json:\n${r.stdout}${r.stderr}`).toBe(0);
    }

    it('node16 resolution: ESM (.mts) and CommonJS (.cts) consumers of every entry', () => {
      const source = consumerSource();
      writeFileSync(join(c.dir, 'consumer.mts'), source);
      writeFileSync(join(c.dir, 'consumer.cts'), source);
      typecheck('node16', { module: 'node16', moduleResolution: 'node16', types: ['node'] }, ['consumer.mts', 'consumer.cts']);
    });

    it('nodenext resolution: the same ESM and CommonJS consumers', () => {
      typecheck('nodenext', { module: 'nodenext', moduleResolution: 'nodenext', types: ['node'] }, ['consumer.mts', 'consumer.cts']);
    });

    it('bundler resolution: a consumer of every entry', () => {
      writeFileSync(join(c.dir, 'bundled.ts'), consumerSource());
      typecheck('bundler', { module: 'esnext', moduleResolution: 'bundler', types: ['node'] }, ['bundled.ts']);
    });

    it('bundler resolution, browser: the entries without Node built-ins need no Node types', () => {
      const portable = subpaths.filter((s) => nodeBuiltinsOf(c, s).length === 0);
      expect(portable).toEqual(expect.arrayContaining(['.', './tables', './ring', './format'].filter(has)));
      writeFileSync(join(c.dir, 'browser.ts'), consumerSource(portable));
      typecheck('browser', { module: 'esnext', moduleResolution: 'bundler', types: [], lib: ['ES2022', 'DOM'] }, ['browser.ts']);
    });
  });

  describe('Bun', () => {
    const bun = tool(join(root, 'node_modules/.bin/bun'));
    if ('missing' in bun) console.log(`skipping the Bun runs: ${bun.missing}`);
    it.skipIf('missing' in bun)('runs the consumer from ESM and CommonJS with the same results as Node', () => {
      const b = bun as { cmd: string };
      const env = { BUN_INSTALL_CACHE_DIR: join(c.dir, '.bun-cache'), DO_NOT_TRACK: '1' };
      const esm = runConsumer(b.cmd, ['esm.mjs'], c, env);
      expectEveryEntryLoaded(esm);
      expect(esm).toEqual(nodeEsm);
      const cjs = runConsumer(b.cmd, ['cjs.cjs'], c, env);
      expect(cjs.entries).toEqual(nodeEsm.entries);
      expect(cjs.checks).toEqual(expectedChecks);
    });
  });

  describe('Deno', () => {
    const deno = tool(join(root, 'node_modules/.bin/deno'));
    if ('missing' in deno) console.log(`skipping the Deno runs: ${deno.missing}`);
    it.skipIf('missing' in deno)('runs the consumer from ESM and CommonJS with the same results as Node', () => {
      const d = deno as { cmd: string };
      // node_modules as npm laid it out (no Deno install step, no network), a private cache.
      const env = { DENO_DIR: join(c.dir, '.deno'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
      const esm = runConsumer(d.cmd, ['run', '--allow-read', '--no-remote', 'esm.mjs'], c, env);
      expectEveryEntryLoaded(esm);
      expect(esm).toEqual(nodeEsm);
      const cjs = runConsumer(d.cmd, ['run', '--allow-read', '--no-remote', 'cjs.cjs'], c, env);
      expect(cjs.entries).toEqual(nodeEsm.entries);
      expect(cjs.checks).toEqual(expectedChecks);
    });
  });
});
