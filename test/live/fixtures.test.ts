// watchSocket on the byte streams go/monitor-server.go recorded (fixtures/NAME-N.gob, one per
// connection), replayed by a Node server in chunks of every size, so the socket source stays
// tested against the real gob encoder's output where Go is missing. Also the failure paths no
// well-behaved encoder produces: framing errors, abort, missing and refusing sockets.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLiveError } from '../../src/live/errors.js';
import { watchSocket } from '../../src/live/socket.js';
import type { LiveRecord } from '../../src/live/types.js';
import { comparable, expectedRecords, FIXTURES } from './monitor-script.js';

const dir = mkdtempSync(join(tmpdir(), 'monitor-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FAST_RETRY = { initialDelayMs: 5, maxDelayMs: 20 };

/** Deterministic chunk sizes from 1 byte up, so messages split everywhere. */
function chunks(bytes: Uint8Array, seed: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let s = seed;
  for (let at = 0; at < bytes.length; ) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const n = 1 + (s % 97);
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}

async function write(socket: Socket, parts: Uint8Array[]): Promise<void> {
  socket.on('error', () => {}); // the reader may hang up first (framing error, size limit)
  for (const p of parts) {
    if (socket.destroyed) return;
    socket.write(p);
    // A turn of the event loop between writes, so reads see the split.
    await new Promise((r) => setImmediate(r));
  }
}

/** Serves `connections` (byte streams) one per accepted connection, each closed after its bytes. */
async function replay(name: string, connections: Uint8Array[], seed: number): Promise<{ server: Server; path: string; served: Promise<void> }> {
  const path = join(dir, `${name}-${seed}.sock`);
  let next = 0;
  let finish: () => void;
  const served = new Promise<void>((r) => (finish = r));
  const server = createServer((socket) => {
    const bytes = connections[next++];
    if (bytes === undefined) return socket.destroy();
    void write(socket, chunks(bytes, seed + next)).then(() => {
      socket.end();
      if (next === connections.length) finish();
    });
  });
  await new Promise<void>((r) => server.listen(path, r));
  return { server, path, served };
}

async function readAll(path: string, served: Promise<void>, options = {}): Promise<LiveRecord[]> {
  const source = await watchSocket({ path, reconnect: FAST_RETRY, ...options });
  const records: LiveRecord[] = [];
  const reading = (async () => {
    for await (const r of source) records.push(r);
  })();
  await served;
  await new Promise((r) => setTimeout(r, 50));
  await source.close();
  await reading;
  return records;
}

const names = [...new Set(readdirSync(FIXTURES).filter((f) => f.endsWith('.script')).map((f) => f.replace(/\.script$/, '')))];

describe('watchSocket on recorded Go gob streams', () => {
  it('has the fixtures', () => expect(names.sort()).toEqual(['corrupt', 'cut', 'events', 'restart']));

  for (const name of names) {
    const connections = readdirSync(FIXTURES)
      .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.gob'))
      .sort()
      .map((f) => new Uint8Array(readFileSync(join(FIXTURES, f))));
    const want = expectedRecords(readFileSync(join(FIXTURES, `${name}.script`), 'utf8'));
    for (const seed of [1, 2, 3]) {
      it(`${name} (chunking ${seed}): the records the script sent, in order`, async () => {
        const { server, path, served } = await replay(name, connections, seed);
        try {
          expect((await readAll(path, served)).map(comparable)).toEqual(want);
        } finally {
          server.close();
        }
      });
    }
  }

  it('reports a skipped message with its offset in the connection', async () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'corrupt-1.gob')));
    const { server, path, served } = await replay('offset', [bytes], 9);
    try {
      const skipped = (await readAll(path, served)).find((r) => r.kind === 'skipped');
      // The malformed message (01 80) follows the definition and the first sample; the
      // offset is where it starts.
      const definition = 1 + bytes[0]!;
      expect(bytes[definition]).toBeLessThan(0x80); // a one-byte length prefix
      const sample = definition + 1 + bytes[definition]!;
      expect(bytes.subarray(sample, sample + 2)).toEqual(Uint8Array.from([0x01, 0x80]));
      expect(skipped).toMatchObject({ kind: 'skipped', offset: sample });
    } finally {
      server.close();
    }
  });
});

describe('watchSocket failure paths', () => {
  const events = new Uint8Array(readFileSync(join(FIXTURES, 'events-1.gob')));

  it('a framing error ends the connection; the reconnect starts a fresh session (resynchronised)', async () => {
    // An impossible length byte (0xf7: a 9-byte length) after the first messages.
    const broken = Buffer.concat([events.subarray(0, 200), Buffer.from([0xf7, 1, 2, 3])]);
    const { server, path, served } = await replay('framing', [broken, events], 4);
    try {
      const records = (await readAll(path, served)).map(comparable);
      const skipped = records.findIndex((r) => r.kind === 'skipped');
      expect(records[skipped]).toEqual({ kind: 'skipped', code: 'bad-gob' });
      // Everything of the second connection arrives whole.
      expect(records.slice(skipped + 1)).toEqual(expectedRecords(readFileSync(join(FIXTURES, 'events.script'), 'utf8')));
    } finally {
      server.close();
    }
  });

  it('a message over the size limit is reported, never buffered', async () => {
    const { server, path, served } = await replay('large', [events], 5);
    try {
      const records = await readAll(path, served, { maxMessageBytes: 100 });
      expect(records.map((r) => r.kind === 'skipped' && r.error.code)).toContain('gob-too-large');
    } finally {
      server.close();
    }
  });

  it('ends cleanly when its signal aborts, even while waiting for data', async () => {
    const server = createServer(() => {});
    const path = join(dir, 'idle.sock');
    await new Promise<void>((r) => server.listen(path, r));
    try {
      const ac = new AbortController();
      const source = await watchSocket({ path, signal: ac.signal });
      setTimeout(() => ac.abort(), 30);
      const records: LiveRecord[] = [];
      for await (const r of source) records.push(r);
      expect(records).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('an already aborted signal: nothing is yielded and the connection is closed', async () => {
    let closed!: () => void;
    const hungUp = new Promise<void>((r) => (closed = r));
    const server = createServer((socket) => socket.on('close', closed));
    const path = join(dir, 'aborted.sock');
    await new Promise<void>((r) => server.listen(path, r));
    try {
      const source = await watchSocket({ path, signal: AbortSignal.abort() });
      const records: LiveRecord[] = [];
      for await (const r of source) records.push(r);
      expect(records).toEqual([]);
      await hungUp;
    } finally {
      server.close();
    }
  });

  it('a missing socket and a path nothing listens on are errors that name the path', async () => {
    const missing = join(dir, 'nothing-here.sock');
    const e1 = await watchSocket({ path: missing }).catch((e: unknown) => e);
    expect(isLiveError(e1) && e1.code).toBe('socket-missing');
    expect((e1 as Error).message).toContain(missing);
    const file = join(dir, 'not-a-socket');
    writeFileSync(file, '');
    const e2 = await watchSocket({ path: file }).catch((e: unknown) => e);
    expect(isLiveError(e2) && e2.code).toBe('socket-refused');
    expect((e2 as Error).message).toContain(file);
  });
});
