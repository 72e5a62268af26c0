// Live sources: events/s from the Go monitor-server (test/live/go, the agent listener's gob
// writes) over a unix socket through watchSocket to decoded events, and through
// `cilium-events watch --json` to JSON lines; then memory with a consumer slower than the
// server (the queue is bounded: what does not fit is counted as lost, memory stays flat).
// Skips with the reason where Go is missing. Runs against the built dist/.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDecoder, encodeEvent } from '../dist/index.js';
import { watchSocket } from '../dist/live.js';

const RELEASE = '1.19';
const COUNT = 200_000;
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'live-bench-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function buildServer() {
  const exe = join(dir, 'monitor-server');
  for (const go of [process.env.GO, '/usr/lib/go-1.25/bin/go', 'go'].filter(Boolean)) {
    if (go.includes('/') && !existsSync(go)) continue;
    try {
      execFileSync(go, ['build', '-o', exe, join(root, 'test/live/go/monitor-server.go')], { env: { ...process.env, GOTOOLCHAIN: 'local' }, stdio: 'pipe' });
      return exe;
    } catch {}
  }
  return undefined;
}

const exe = buildServer();
if (exe === undefined) {
  console.log('skipped: no working Go toolchain (apt-get install golang-go)');
  process.exit(0);
}

// A 1.19 drop with a 100-byte TCP/IPv4 packet: a typical monitor sample (~150 bytes).
const packet = new Uint8Array(100);
packet.set([0, 1, 2, 3, 4, 5, 0, 6, 7, 8, 9, 10, 0x08, 0x00], 0);
packet.set([0x45, 0, 0, 86, 0, 1, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 1, 9], 14);
packet.set([0x9c, 0x40, 0x01, 0xbb, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0], 34);
const drop = encodeEvent(
  { type: 1, subtype: 133, source: 1204, hash: 1, origLen: 100, capLen: 100, version: 1, extVersion: 0, srcLabel: 12345, dstLabel: 2, dstId: 11, line: 42, file: 3, extError: 0, ifindex: 5, flags: 0, ipTraceId: 0n, extension: new Uint8Array(0), packet },
  { release: RELEASE },
);
const script = join(dir, 'bench.script');
writeFileSync(script, `repeat ${COUNT} sample 3 ${Buffer.from(drop).toString('hex')}\nsleep 60000\n`);

/** Starts the server; resolves once it listens. */
function serve(name) {
  const socket = join(dir, `${name}.sock`);
  const child = spawn(exe, ['-socket', socket, '-script', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    createInterface({ input: child.stdout }).once('line', () => resolve({ socket, child }));
  });
}

const rate = (n, ms) => `${(n / ms).toFixed(0)} k events/s`;

// 1. watchSocket → decoded events
{
  const { socket, child } = await serve('lib');
  const decode = createDecoder({ release: RELEASE });
  const source = await watchSocket({ path: socket });
  const t0 = performance.now();
  let n = 0;
  let lost = 0;
  for await (const r of source) {
    if (r.kind === 'sample') {
      decode(r.data);
      n++;
    } else if (r.kind === 'lost') lost += Number(r.count);
    if (n + lost >= COUNT) break;
  }
  const ms = performance.now() - t0;
  child.kill();
  console.log(`watchSocket → decodeEvent           ${rate(n, ms)} (${n} events, ${lost} dropped by the reader)`);
}

// 2. cilium-events watch --json → JSON lines on a pipe
{
  const { socket, child } = await serve('cli');
  const t0 = performance.now();
  const cli = spawn(process.execPath, [join(root, 'dist/cli.js'), 'watch', '--socket', socket, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let lines = 0;
  let summary = '';
  cli.stderr.on('data', (d) => (summary += String(d)));
  await new Promise((resolve) => {
    cli.stdout.on('data', (d) => {
      for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) lines++;
      if (lines >= COUNT) resolve();
    });
  });
  const ms = performance.now() - t0;
  cli.kill('SIGINT');
  await new Promise((r) => cli.on('exit', r));
  child.kill();
  console.log(`watch --json → JSON lines           ${rate(lines, ms)} (process start included)`);
  console.log(`  ${summary.trim().split('\n').at(-1)}`);
}

// 3. a slow consumer: heap sampled while the queue stays full
{
  const { socket, child } = await serve('slow');
  const source = await watchSocket({ path: socket, maxQueuedRecords: 65536 });
  globalThis.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  let n = 0;
  let lost = 0;
  const samples = [];
  for await (const r of source) {
    if (r.kind === 'sample') n++;
    else if (r.kind === 'lost') lost += Number(r.count);
    // About 20k events/s at best, far below what the server sends.
    if (n % 16 === 0) await new Promise((res) => setTimeout(res, 1));
    if (r.kind === 'sample' && n % 10_000 === 0) {
      const used = process.memoryUsage().heapUsed - base;
      peak = Math.max(peak, used);
      samples.push((used / 1048576).toFixed(1));
    }
    if (n + lost >= COUNT) break;
  }
  child.kill();
  console.log(`slow consumer (≤20k events/s): ${n} events read, ${lost} dropped and reported as lost`);
  console.log(`  heap above start (MiB), every 10k events: ${samples.join(' ')}; peak ${(peak / 1048576).toFixed(1)} MiB`);
}
process.exit(0);
