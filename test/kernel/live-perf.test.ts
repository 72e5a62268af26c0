// watchPerfArray on the running kernel: a perf event array created here, a tiny BPF program
// (raw instructions, bpf-emitter.ts) run with BPF_PROG_TEST_RUN on several CPUs sends encoded
// drop, trace and debug events, and the source reads them live from its per-CPU rings. Then
// one ring is overflowed while nobody reads, so the kernel refuses samples and reports them
// in a lost record. Skips with the reason printed where not root, without bpf() or koffi.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createDecoder } from '../../src/decode/decode-event.js';
import type { EncodableEvent, Release } from '../../src/decode/types.js';
import { encodeEvent } from '../../src/encode/encode-event.js';
import { isLiveError } from '../../src/live/errors.js';
import { onlineCpus } from '../../src/live/perf/online-cpus.js';
import { watchPerfArray, type PerfArraySource } from '../../src/live/perf/watch.js';
import type { LiveRecord } from '../../src/live/types.js';
import { RAW_FIELDS } from '../helpers/event-arbitraries.js';
import { createEmitter, type Emitter } from './bpf-emitter.js';

const RELEASE: Release = '1.18';
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const ENOSPC = 28;
const EMPTY = new Uint8Array(0);

async function attempt(): Promise<{ emitter: Emitter; cpus: number[] } | string> {
  if (process.platform !== 'linux') return `needs Linux, this is ${process.platform}`;
  if (process.getuid?.() !== 0) return 'needs root (bpf(), perf_event_open)';
  try {
    await import('koffi');
  } catch {
    return 'the optional package koffi is not installed';
  }
  const cpus = onlineCpus().slice(0, 4);
  try {
    return { emitter: await createEmitter('ce_live_test', Math.max(...cpus) + 1), cpus };
  } catch (e) {
    return `the kernel did not provide the setup: ${(e as Error).message}`;
  }
}

const live = await attempt();
if (typeof live === 'string') console.warn(`live perf source tests skipped: ${live}`);

/** Reads a source in the background; `until` waits for the records a test expects. */
function collect(source: PerfArraySource): { records: LiveRecord[]; until(n: (r: LiveRecord[]) => boolean, ms?: number): Promise<void>; stop(): Promise<void> } {
  const records: LiveRecord[] = [];
  const done = (async () => {
    for await (const r of source) records.push(r);
  })();
  return {
    records,
    async until(enough, ms = 5000) {
      const end = Date.now() + ms;
      while (!enough(records)) {
        if (Date.now() > end) throw new Error(`timed out with ${records.length} records`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async stop() {
      await source.close();
      await done;
    },
  };
}

function events(cpu: number): EncodableEvent[] {
  const common = { release: RELEASE, source: 100 + cpu, hash: 7 * cpu };
  const packet = Uint8Array.from({ length: 60 }, (_, i) => (i * 13 + cpu) & 0xff);
  return [
    { type: 1, subtype: 133, ...common, origLen: 60, capLen: 60, version: 1, extVersion: 0, srcLabel: 1000 + cpu, dstLabel: 2, dstId: 11, line: 42, file: 3, extError: -3, ifindex: 5, flags: 0, ipTraceId: 0n, extension: EMPTY, packet },
    { type: 4, subtype: 3, ...common, origLen: 60, capLen: 60, version: 1, extVersion: 0, srcLabel: 7, dstLabel: 6, dstId: 12, reason: 1, flags: 2, ifindex: 9, origIpBytes: new Uint8Array(16), ipTraceId: 0n, extension: EMPTY, packet },
    { type: 2, subtype: 4, ...common, arg1: cpu, arg2: 2, arg3: 3 },
  ];
}

describe.skipIf(typeof live === 'string')('watchPerfArray on the running kernel', () => {
  const { emitter, cpus } = typeof live === 'string' ? { emitter: undefined as unknown as Emitter, cpus: [] } : live;
  const decode = createDecoder({ release: RELEASE });
  afterAll(() => emitter?.close());

  it('reads events sent on several CPUs live, each from its own CPU ring, and decodes them', async () => {
    const source = await watchPerfArray({ map: emitter.mapId, cpus, pageCount: 2 });
    expect(source.cpus).toEqual(cpus);
    expect(source.map).toEqual({ id: emitter.mapId, name: 'ce_live_test' });
    const reader = collect(source);
    const sent = new Map<number, EncodableEvent[]>();
    for (const cpu of cpus) {
      sent.set(cpu, events(cpu));
      for (const ev of events(cpu)) expect(emitter.emit(cpu, encodeEvent(ev, { release: RELEASE }))).toBe(0);
    }
    await reader.until((r) => r.length >= cpus.length * 3);
    await reader.stop();
    expect(reader.records.every((r) => r.kind === 'sample')).toBe(true);
    for (const cpu of cpus) {
      const got = reader.records.filter((r) => r.cpu === cpu).map((r) => (r.kind === 'sample' ? decode(r.data) : r));
      const want = sent.get(cpu)!;
      expect(got).toHaveLength(want.length);
      got.forEach((ev, i) => {
        const w = want[i] as unknown as Record<string, unknown>;
        for (const f of RAW_FIELDS[String(w.type)]!) expect((ev as unknown as Record<string, unknown>)[f], `cpu ${cpu} #${i} ${f}`).toEqual(w[f]);
      });
    }
  });

  it('reports the samples the kernel refused while the ring was full as a lost record of that CPU', async () => {
    const cpu = cpus[cpus.length - 1]!;
    const source = await watchPerfArray({ map: emitter.mapId, cpus: [cpu], pageCount: 1 });
    const payload = encodeEvent(events(cpu)[0]!, { release: RELEASE });
    // Nothing reads while the 4 KiB ring fills: the kernel refuses samples with -ENOSPC.
    const results = Array.from({ length: 64 }, () => emitter.emit(cpu, payload));
    const accepted = results.filter((r) => r === 0).length;
    const refused = results.filter((r) => r === -ENOSPC).length;
    expect(refused).toBeGreaterThan(0);
    expect(accepted + refused).toBe(results.length);
    const reader = collect(source);
    await reader.until((r) => r.length >= accepted);
    // The kernel writes the lost record in front of the next sample that fits.
    expect(emitter.emit(cpu, payload)).toBe(0);
    await reader.until((r) => r.length >= accepted + 2);
    await reader.stop();
    const kinds = reader.records.map((r) => r.kind);
    expect(kinds).toEqual([...Array(accepted).fill('sample'), 'lost', 'sample']);
    expect(reader.records[accepted]).toMatchObject({ kind: 'lost', reason: 'kernel', count: refused, cpu });
  });

  it('opens a pinned map by path', async (ctx) => {
    // A private bpffs, so the test neither needs /sys/fs/bpf mounted nor leaves anything there.
    const dir = mkdtempSync(join(tmpdir(), 'bpffs-'));
    try {
      execFileSync('mount', ['-t', 'bpf', 'bpf', dir], { stdio: 'pipe' });
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      ctx.skip(`cannot mount a bpffs: ${(e as Error).message}`);
    }
    try {
      const path = join(dir, 'events');
      emitter.pin(path);
      const source = await watchPerfArray({ map: path, cpus: [cpus[0]!], pageCount: 1 });
      expect(source.map.id).toBe(emitter.mapId);
      const reader = collect(source);
      expect(emitter.emit(cpus[0]!, Uint8Array.from([2, 4, 0, 0]))).toBe(0);
      await reader.until((r) => r.length >= 1);
      await reader.stop();
      expect(reader.records[0]).toMatchObject({ kind: 'sample', cpu: cpus[0] });
    } finally {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a map named cilium_events unless forced, and a map that is not a perf event array", async () => {
    const cilium = await createEmitter('cilium_events', 1);
    try {
      const refused = await watchPerfArray({ map: cilium.mapId, cpus: [0], pageCount: 1 }).catch((e: unknown) => e);
      expect(isLiveError(refused) && refused.code).toBe('map-in-use');
      expect(String((refused as Error).message)).toContain('watchSocket');
      const forced = await watchPerfArray({ map: cilium.mapId, cpus: [0], pageCount: 1, force: true });
      await forced.close();
    } finally {
      cilium.close();
    }
    const missing = await watchPerfArray({ map: 0x7ffffff0 }).catch((e: unknown) => e);
    expect(isLiveError(missing) && missing.code).toBe('syscall-failed');
    expect(String((missing as Error).message)).toContain('ENOENT');
  });

  it.skipIf(!existsSync(CLI))('cilium-events watch --map prints them and ends on SIGINT with the per-CPU summary', async () => {
    const cpu = cpus[0]!;
    const child = spawn(process.execPath, [CLI, 'watch', '--map', String(emitter.mapId), '--json', '--type', 'drop', '--release', RELEASE], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    const [drop, trace] = events(cpu).map((ev) => encodeEvent(ev, { release: RELEASE }));
    // Until the command has installed its ring, the helper finds no perf event (-ENOENT).
    const until = Date.now() + 10_000;
    while (emitter.emit(cpu, drop!) !== 0) {
      if (Date.now() > until) throw new Error(`watch never installed its rings: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(emitter.emit(cpu, trace!)).toBe(0);
    for (let i = 0; i < 100 && !stdout.includes('\n'); i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim())).toMatchObject({ type: 'drop', cpu: `CPU ${String(cpu).padStart(2, '0')}:` });
    expect(stderr.trim()).toBe('cilium-events: watch: 2 events seen, 1 shown, lost 0');
  });

  it('ends cleanly when its signal aborts', async () => {
    const ac = new AbortController();
    const source = await watchPerfArray({ map: emitter.mapId, cpus, pageCount: 1, signal: ac.signal });
    const reader = collect(source);
    setTimeout(() => ac.abort(), 50);
    await reader.stop();
    expect(reader.records).toEqual([]);
  });
});
