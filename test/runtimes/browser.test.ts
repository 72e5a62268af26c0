// The packed package in a real browser: the consumer (test/runtimes/consumer.mjs) and every
// entry point that reaches no Node built-in, bundled by esbuild as an application would, run
// in headless Chromium from a local page served with a content security policy. With
// 'wasm-unsafe-eval' the ring reader uses WebAssembly; without it, `impl: 'wasm'` fails with
// RingError `wasm-unavailable` (the browser's CompileError as its cause) and 'auto' falls back
// to TypeScript. Skips, saying why, where Chromium is not installed (.ci/run installs it).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installConsumer, missingBuild, nodeBuiltinsOf, specifier, subpaths, tool, type Consumer } from './packed.js';

const notBuilt = missingBuild();
const chromium = ['chromium', 'chromium-browser', 'google-chrome'].map((c) => tool(c)).find((t) => 'cmd' in t);
const skip = notBuilt ?? (chromium ? undefined : 'no chromium on PATH (apt-get install chromium; .ci/run does)');
if (skip) console.log(`skipping the browser tests: ${skip}`);

/** The flags Chromium needs as root in a container, and no traffic of its own. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--no-first-run',
  '--no-default-browser-check',
  '--metrics-recording-only',
];

const POLICIES = {
  'wasm-allowed': "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'",
  'wasm-refused': "default-src 'none'; script-src 'self'; connect-src 'self'",
} as const;
type Page = keyof typeof POLICIES;

interface PageResult {
  page: Page;
  error?: string;
  entries?: Record<string, string[] | string>;
  checks?: Record<string, unknown>;
}

let c: Consumer;
let server: Server;
let origin: string;
let bundle: string;
let browserEntries: string[];
const waiting = new Map<Page, (r: PageResult) => void>();

function entryScript(entries: string[]): string {
  const lines = ["import { run, specifier } from './consumer.mjs';"];
  entries.forEach((s, i) => lines.push(`import * as entry${i} from '${specifier(s)}';`));
  lines.push(
    `const mods = { ${entries.map((s, i) => `${JSON.stringify(specifier(s))}: entry${i}`).join(', ')} };`,
    "const page = location.pathname.split('/')[1];",
    'const report = (body) => fetch(`/result/${page}`, { method: "POST", body: JSON.stringify({ page, ...body }) });',
    "addEventListener('error', (e) => report({ error: String(e.message) }));",
    'try {',
    `  const out = await run(${JSON.stringify(entries)}, async (s) => mods[s], { wasm: page === 'wasm-allowed' });`,
    '  await report(out);',
    '} catch (e) {',
    '  await report({ error: `${e?.name}: ${e?.message}` });',
    '}',
  );
  return lines.join('\n') + '\n';
}

async function openPage(page: Page): Promise<PageResult> {
  const profile = mkdtempSync(join(tmpdir(), 'cilium-events-chromium-'));
  let child: ChildProcess | undefined;
  let stderr = '';
  try {
    const result = new Promise<PageResult>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no result from ${page} within 45 s; chromium said:\n${stderr.slice(-2000)}`)), 45_000);
      waiting.set(page, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
    child = spawn((chromium as { cmd: string }).cmd, [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, `${origin}/${page}/`], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true, // its own process group, so the renderer and helpers end with it
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    return await result;
  } finally {
    waiting.delete(page);
    if (child?.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    }
    rmSync(profile, { recursive: true, force: true });
  }
}

describe.skipIf(skip !== undefined)('headless Chromium, esbuild bundle of the packed package', () => {
  beforeAll(async () => {
    c = installConsumer();
    browserEntries = subpaths.filter((s) => {
      const builtins = nodeBuiltinsOf(c, s);
      if (builtins.length > 0) console.log(`browser: not bundling ${specifier(s)} (Node only: ${builtins.join(', ')})`);
      return builtins.length === 0;
    });
    writeFileSync(join(c.dir, 'browser.mjs'), entryScript(browserEntries));
    const esbuild = await import('esbuild');
    await esbuild.build({
      absWorkingDir: c.dir,
      entryPoints: ['browser.mjs'],
      outfile: join(c.dir, 'bundle.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'error',
    });
    bundle = readFileSync(join(c.dir, 'bundle.js'), 'utf8');
    server = createServer((req, res) => {
      const url = req.url ?? '/';
      const page = url.split('/')[1] as Page;
      if (req.method === 'POST' && url.startsWith('/result/')) {
        let body = '';
        req.on('data', (d: Buffer) => (body += d.toString()));
        req.on('end', () => {
          res.writeHead(204).end();
          const r = JSON.parse(body) as PageResult;
          waiting.get(r.page)?.(r);
        });
      } else if (url === '/bundle.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      } else if (page in POLICIES && url === `/${page}/`) {
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': POLICIES[page] })
          .end('<!doctype html><meta charset="utf-8"><title>cilium-events</title><script type="module" src="/bundle.js"></script>');
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 180_000);

  afterAll(async () => {
    if (server) await new Promise((r) => server.close(r));
    if (c) rmSync(c.dir, { recursive: true, force: true });
  });

  it('bundles the core, tables, format and ring entries with no Node built-in', () => {
    expect(browserEntries).toEqual(expect.arrayContaining(['.', './tables', './format', './ring'].filter((s) => subpaths.includes(s))));
    expect(bundle).not.toMatch(/\brequire\(\s*["']node:/);
  });

  it("with 'wasm-unsafe-eval': every bundled entry loads, events decode, the ring reader runs WebAssembly", async () => {
    const r = await openPage('wasm-allowed');
    expect(r.error).toBeUndefined();
    expect(Object.keys(r.entries!).sort()).toEqual([...browserEntries].sort());
    for (const [s, names] of Object.entries(r.entries!)) expect(Array.isArray(names), `${s}: ${String(names)}`).toBe(true);
    expect(r.checks).toEqual({
      decode: { type: 1, fileName: 'bpf_lxc.c', line: 99 },
      badInput: expect.objectContaining({ code: 'short-buffer', typed: true }),
      format: 'xx drop (Policy denied)',
      tables: 48,
      init: 'wasm',
      'ring-ts': { impl: 'ts', records: 1, type: 1 },
      'ring-auto': { impl: 'wasm', records: 1, type: 1 },
      'ring-wasm': { impl: 'wasm', records: 1, type: 1 },
    });
  }, 60_000);

  it("without 'wasm-unsafe-eval': impl 'wasm' throws RingError wasm-unavailable, 'auto' reads with TypeScript", async () => {
    const r = await openPage('wasm-refused');
    expect(r.error).toBeUndefined();
    expect(r.checks).toEqual({
      decode: { type: 1, fileName: 'bpf_lxc.c', line: 99 },
      badInput: expect.objectContaining({ code: 'short-buffer', typed: true }),
      format: 'xx drop (Policy denied)',
      tables: 48,
      runtimeRefusesWasm: 'CompileError',
      init: 'ts',
      'ring-ts': { impl: 'ts', records: 1, type: 1 },
      'ring-auto': { impl: 'ts', records: 1, type: 1 },
      'ring-wasm': { threw: 'RingError', code: 'wasm-unavailable', typed: true, cause: 'CompileError' },
    });
  }, 60_000);
});
