// `cilium-events watch` on a monitor socket serving a stream the Go gob encoder recorded
// (test/live/fixtures): every output mode and filter of decode, the summary line, clear
// errors for missing sockets, and Ctrl-C (SIGINT) ending the executable cleanly.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { readCapture } from '../../src/pcap/reader.js';
import { FIXTURES } from '../live/monitor-script.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'cilium-events-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const events = readFileSync(join(FIXTURES, 'events-1.gob'));

/** A socket serving the recorded events stream to every connection, then keeping it open. */
async function agent(name: string): Promise<{ path: string; server: Server; served: Promise<void> }> {
  const path = join(dir, `${name}.sock`);
  let done: () => void;
  const served = new Promise<void>((r) => (done = r));
  const server = createServer((socket) => {
    socket.on('error', () => {});
    socket.write(events, () => done());
  });
  await new Promise<void>((r) => server.listen(path, r));
  return { path, server, served };
}

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (d) => (text += String(d)));
  return () => text;
}

/** Runs watch in-process against the recorded stream; stops once it has been served. */
async function watch(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { path, server, served } = await agent(`w${Math.random().toString(36).slice(2)}`);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  const ac = new AbortController();
  const running = run(['watch', '--socket', path, ...args], { stdout, stderr, stdin: new PassThrough(), signal: ac.signal });
  await served;
  await new Promise((r) => setTimeout(r, 200));
  ac.abort();
  const status = await running;
  server.close();
  return { status, stdout: out(), stderr: err() };
}

const lines = (s: string): string[] => s.split('\n').filter((l) => l !== '');

describe('cilium-events watch --socket', () => {
  it('prints events as decode does, and a summary of seen, shown and lost per CPU', async () => {
    const r = await watch([]);
    expect(r.status).toBe(0);
    const out = lines(r.stdout);
    expect(out.filter((l) => l.startsWith('xx drop (Policy denied, -3)'))).toHaveLength(2);
    expect(out.filter((l) => l.startsWith('-> stack flow 0x5'))).toHaveLength(51);
    expect(out).toContain('CPU 01: Lost 7 events');
    expect(out).toContain('CPU 02: Lost 18446744073709551615 events');
    expect(out.some((l) => l.startsWith('Unknown payload type: 42'))).toBe(true);
    // The payload with a Type beyond 2^53 is reported and skipped; the stream goes on.
    expect(r.stderr).toContain('message skipped: gob: Payload.Type is not an integer below 2^53');
    // 55 samples; the debug message prints nothing without -v (as in cilium monitor).
    expect(lines(r.stderr).at(-1)).toBe(
      'cilium-events: watch: 55 events seen, 54 shown, lost 18464758472219033606 (CPU 00: 9007199254740993, CPU 01: 7, CPU 02: 18446744073709551615, CPU 04: 9007199254740991)',
    );
  });

  it('--json, -v, --flow and filters work as in decode', async () => {
    const json = await watch(['--json', '--type', 'drop']);
    const objects = lines(json.stdout).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { type?: string });
    expect(objects.filter((o) => o.type === 'drop')).toHaveLength(2);
    expect(json.stderr).toMatch(/55 events seen, 2 shown/);
    const verbose = await watch(['-v', '--type', 'trace']);
    expect(lines(verbose.stdout).filter((l) => l.startsWith('-> ') || l.includes('trace'))).not.toHaveLength(0);
    const flow = await watch(['--flow', '--type', 'trace']);
    const flows = lines(flow.stdout).map((l) => JSON.parse(l) as { flow?: unknown; lost_events?: unknown });
    // The test packets are not Ethernet frames Hubble's parser accepts: no flows, a note each.
    expect(flows.filter((f) => f.flow !== undefined)).toHaveLength(0);
    expect(flow.stderr).toContain('no flow:');
    expect(flows.filter((f) => f.lost_events !== undefined)).toHaveLength(4);
  });

  it('--pcap FILE also writes the packets of the events shown', async () => {
    const file = join(dir, 'drops.pcapng');
    const r = await watch(['--type', 'drop', '--pcap', file]);
    expect(r.stderr).toMatch(/2 shown, lost \d+ \(.*\), 2 packets to .*drops\.pcapng$/m);
    const capture = readCapture(new Uint8Array(readFileSync(file)));
    expect(capture.packets).toHaveLength(2);
  });

  it('a missing socket is an error naming the path and what to check', async () => {
    const stderr = new PassThrough();
    const err = collect(stderr);
    const missing = join(dir, 'no-agent.sock');
    const status = await run(['watch', '--socket', missing], { stdout: new PassThrough(), stderr, stdin: new PassThrough() });
    expect(status).toBe(1);
    expect(err()).toContain(`no monitor socket at ${missing}`);
    expect(err()).toContain('Cilium agent running');
  });

  it('usage errors: a FILE, --socket with --map, --force without --map', async () => {
    for (const args of [['watch', 'file.gob'], ['watch', '--socket', 'a', '--map', 'b'], ['watch', '--force']]) {
      expect(await run(args, { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough() })).toBe(2);
    }
  });

  it.skipIf(!existsSync(CLI))('the executable ends on SIGINT with exit 0 and the summary line', async () => {
    const { path, server, served } = await agent('sigint');
    const child = spawn(process.execPath, [CLI, 'watch', '--socket', path, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    await served;
    // Output reaches the pipe while the command keeps running, not only at the end.
    const traces = (): number => lines(stdout).filter((l) => l.includes('"type":"trace"')).length;
    for (let i = 0; i < 100 && traces() < 51; i++) await new Promise((r) => setTimeout(r, 50));
    expect(traces()).toBe(51);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    server.close();
    expect(code).toBe(0);
    expect(lines(stderr).at(-1)).toMatch(/^cilium-events: watch: 55 events seen, \d+ shown, lost 18464758472219033606 /);
  });
});
