// Every example in examples/ runs against the built package (they import 'cilium-events' by
// name, which resolves to dist/ through package.json "exports") and prints what its comment
// says. The browser page is bundled with esbuild and opened in headless Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingBuild, pkg, root, tool } from '../runtimes/packed.js';

const examples = join(root, 'examples');
const notBuilt = missingBuild();
if (notBuilt) console.log(`skipping the examples: ${notBuilt}`);
const tmp = mkdtempSync(join(tmpdir(), 'cilium-events-examples-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(script: string, args: string[] = []): { stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(examples, script), ...args], { cwd: tmp, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${script} exited ${r.status}:\n${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(notBuilt !== undefined)('examples', () => {
  it('every example script is tested here', () => {
    const scripts = readdirSync(examples).filter((f) => f.endsWith('.mjs'));
    const source = readFileSync(new URL(import.meta.url), 'utf8');
    for (const s of scripts) expect(source, `examples/${s} has no test`).toContain(`'${s}'`);
  });

  it('decode-hex.mjs prints the events as cilium monitor -v does', () => {
    const { stdout } = run('decode-hex.mjs');
    const lines = stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('xx drop (Policy denied)'))).toHaveLength(2);
    expect(stdout).toContain('xx drop (CT: Map insertion failed)');
    expect(stdout).toContain('-> endpoint 1801');
    expect(stdout).toContain('Policy verdict log:');
  });

  it('ring-stats.mjs counts the ring snapshot', () => {
    const { stdout } = run('ring-stats.mjs');
    expect(stdout).toMatch(/^drop\s+3$/m);
    expect(stdout).toMatch(/^trace\s+3$/m);
    expect(stdout).toMatch(/^policy-verdict\s+2$/m);
    expect(stdout).toMatch(/lost samples 3/);
    expect(stdout).toContain('(11 ring records, read with the wasm walker)');
  });

  it('hubble-flows.mjs prints one Hubble flow per line', () => {
    const { stdout, stderr } = run('hubble-flows.mjs');
    const flows = stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { flow: { verdict: string; drop_reason_desc?: string } }).flow);
    expect(flows).toHaveLength(9); // every sample but the debug message, which Hubble does not turn into a flow
    expect(flows.filter((f) => f.verdict === 'DROPPED').map((f) => f.drop_reason_desc)).toEqual(['POLICY_DENIED', 'POLICY_DENIED', 'CT_MAP_INSERTION_FAILED', 'POLICY_DENIED']);
    expect(stderr).toContain('lost 3 samples on CPU 1');
  });

  it('pcapng.mjs writes a capture that reads back (and that tshark reads, where installed)', async () => {
    const out = join(tmp, 'drops.pcapng');
    const { stdout } = run('pcapng.mjs', [join(examples, 'data/monitor-1.18.gob'), out]);
    expect(stdout).toContain('8 packets');
    const { readCapture } = (await import(join(root, 'dist/pcap.js'))) as typeof import('../../src/pcap/index.js');
    const capture = readCapture(new Uint8Array(readFileSync(out)));
    expect(capture.packets).toHaveLength(8);
    expect(capture.packets[0]!.comments[0]).toMatch(/^xx drop \(Policy denied\)/);
    const tshark = tool('tshark');
    if ('missing' in tshark) {
      console.log(`pcapng example: not checked with tshark (${tshark.missing})`);
      return;
    }
    const r = spawnSync('tshark', ['-r', out, '-T', 'fields', '-e', 'ip.src', '-e', 'tcp.dstport'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('10.0.1.23\t80');
  });

  const chromium = ['chromium', 'chromium-browser', 'google-chrome'].map((c) => tool(c)).find((t) => 'cmd' in t);
  if (!chromium) console.log('skipping the browser example: no chromium on PATH (apt-get install chromium; .ci/run does)');
  it.skipIf(!chromium)('browser/: the page bundles, loads in Chromium and decodes its sample with the WebAssembly walker', async () => {
    const esbuild = await import('esbuild');
    // The page imports 'cilium-events/…' as an application would; resolve those to the build.
    const exportsMap = pkg.exports as Record<string, { import: { default: string } } | string>;
    const bundled = await esbuild.build({
      entryPoints: [join(examples, 'browser/main.js')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'error',
      plugins: [
        {
          name: 'self',
          setup(build) {
            build.onResolve({ filter: /^cilium-events(\/.*)?$/ }, (a) => {
              const entry = exportsMap[a.path === pkg.name ? '.' : `.${a.path.slice(pkg.name.length)}`];
              if (entry === undefined || typeof entry === 'string') return { errors: [{ text: `${a.path} is not exported` }] };
              return { path: join(root, entry.import.default) };
            });
          },
        },
      ],
    });
    const bundle = bundled.outputFiles[0]!.text;
    const html = readFileSync(join(examples, 'browser/index.html'), 'utf8');
    const server = createServer((req, res) => {
      const csp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'unsafe-inline'";
      if (req.url === '/bundle.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': csp }).end(html);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const profile = mkdtempSync(join(tmpdir(), 'cilium-events-chromium-'));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const args = [
        ...['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
        ...['--disable-component-update', '--disable-sync', '--disable-extensions', '--no-first-run', '--no-default-browser-check'],
        `--user-data-dir=${profile}`,
        '--virtual-time-budget=10000',
        '--dump-dom',
        url,
      ];
      // Asynchronous, so that this process keeps serving the page while Chromium loads it.
      const { spawn } = await import('node:child_process');
      const dom = await new Promise<string>((resolve, reject) => {
        const child = spawn((chromium as { cmd: string }).cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`chromium --dump-dom timed out:\n${err.slice(-2000)}`));
        }, 60_000);
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('exit', () => {
          clearTimeout(timer);
          resolve(out || err);
        });
      });
      expect(dom).toMatch(/<body[^>]*data-ring-impl="wasm"/);
      expect(dom).toMatch(/<body[^>]*data-ready="true"/);
      expect(dom).toContain('xx drop (Policy denied) flow 0x0 to endpoint 2417');
    } finally {
      server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 90_000);
});

// Keep the data the examples read next to them.
for (const f of ['events-1.18.hex', 'ring-1.18.bin', 'monitor-1.18.gob']) if (!existsSync(join(examples, 'data', f))) throw new Error(`examples/data/${f} is missing`);
