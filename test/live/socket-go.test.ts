// watchSocket against the real gob encoder: go/monitor-server.go serves Payload values the
// way the agent's monitor1_2 listener writes them. Skips with the reason printed where Go is
// missing (fixtures.test.ts replays recorded streams there).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { watchSocket, type ConnectionEvent } from '../../src/live/socket.js';
import type { LiveRecord } from '../../src/live/types.js';
import { buildServer, comparable, expectedRecords, FIXTURES, startServer } from './monitor-script.js';
import { DROP } from './scripts.js';

const dir = mkdtempSync(join(tmpdir(), 'monitor-go-'));
const built = await buildServer(dir);
if (typeof built === 'string') console.warn(`Go monitor-server tests skipped: ${built}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FAST_RETRY = { initialDelayMs: 20, maxDelayMs: 100 };

/** Runs a script against watchSocket until the server is done; the records and connection events. */
async function serve(name: string): Promise<{ records: LiveRecord[]; events: ConnectionEvent[] }> {
  const exe = (built as { exe: string }).exe;
  const socket = join(dir, `${name}.sock`);
  const server = startServer(exe, socket, join(FIXTURES, `${name}.script`));
  await server.listening();
  const events: ConnectionEvent[] = [];
  const source = await watchSocket({ path: socket, reconnect: FAST_RETRY, onConnection: (e) => events.push(e) });
  const records: LiveRecord[] = [];
  const reading = (async () => {
    for await (const r of source) records.push(r);
  })();
  expect(await server.exited).toBe(0);
  // The last connection's close reaches us after the server exits; give it a moment.
  await new Promise((r) => setTimeout(r, 100));
  await source.close();
  await reading;
  return { records, events };
}

describe.skipIf(typeof built === 'string')('watchSocket on streams of the Go gob encoder', () => {
  for (const name of ['events', 'corrupt', 'cut', 'restart']) {
    it(`${name}: yields what the script sent`, async () => {
      const { records } = await serve(name);
      const script = readFileSync(join(FIXTURES, `${name}.script`), 'utf8');
      expect(records.map(comparable)).toEqual(expectedRecords(script));
    });
  }

  it('carries u64 lost counts exactly, beyond 2^53 as bigint', async () => {
    const { records } = await serve('events');
    const lost = records.filter((r) => r.kind === 'lost').map((r) => (r.kind === 'lost' ? r.count : 0));
    expect(lost).toEqual([7, 18446744073709551615n, 9007199254740993n, 9007199254740991]);
  });

  it('reconnects after an agent restart, with connection events', async () => {
    const { events } = await serve('restart');
    const states = events.map((e) => e.state);
    expect(states[0]).toBe('connected');
    expect(states).toContain('retrying');
    expect(states.filter((s) => s === 'connected').length).toBeGreaterThanOrEqual(2);
    // While the socket was gone (300 ms), retries failed and the delay doubled each time, up
    // to the limit. (Under heavy load the first retry may already find it back: no failures.)
    const delays = events.flatMap((e) => (e.state === 'retrying' && e.error !== undefined ? [e.delayMs] : []));
    // After a success the delay starts over (the server's exit at the end fails retries again).
    delays.forEach((d, i) => {
      const previous = delays[i - 1];
      const next = previous === undefined ? undefined : Math.min(previous * 2, FAST_RETRY.maxDelayMs);
      expect([FAST_RETRY.initialDelayMs * 2, next]).toContain(d);
    });
  });

  it('a slow consumer gets every record or a reader lost count for it, with the queue bounded', async () => {
    const total = 20000;
    const scriptPath = join(dir, 'slow.script');
    writeFileSync(scriptPath, `repeat ${total} sample 3 ${DROP}\n`);
    const exe = (built as { exe: string }).exe;
    const socket = join(dir, 'slow.sock');
    const server = startServer(exe, socket, scriptPath);
    await server.listening();
    const source = await watchSocket({ path: socket, reconnect: false, maxQueuedRecords: 256 });
    let samples = 0;
    let dropped = 0;
    let n = 0;
    for await (const r of source) {
      if (r.kind === 'sample') samples++;
      else if (r.kind === 'lost' && r.reason === 'reader') dropped += Number(r.count);
      // Far slower than the server (at most 6400 records/s), even on a loaded machine.
      if (++n % 64 === 0) await new Promise((res) => setTimeout(res, 10));
    }
    expect(await server.exited).toBe(0);
    expect(dropped).toBeGreaterThan(0);
    expect(samples + dropped).toBe(total);
  });
});
