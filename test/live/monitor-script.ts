// The scripts of go/monitor-server.go: what a script makes the server send, as the records
// watchSocket must yield, and how to build and start the server with the Go toolchain.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { LiveRecord } from '../../src/live/types.js';

const SOURCE = fileURLToPath(new URL('./go/monitor-server.go', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

const fromHex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const u64 = (text: string): number | bigint => {
  const v = BigInt(text);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? v : Number(v);
};

/** A record as the test compares it (offsets left out). */
export type Expected =
  | { kind: 'sample'; cpu: number; data: Uint8Array }
  | { kind: 'lost'; cpu: number; count: number | bigint; reason: 'kernel' }
  | { kind: 'other'; cpu: number; recordType: number; data: Uint8Array }
  | { kind: 'skipped'; code: string };

function payload(f: string[]): Expected | undefined {
  if (f[0] === 'sample') return { kind: 'sample', cpu: Number(f[1]), data: fromHex(f[2]!) };
  if (f[0] === 'lost') return { kind: 'lost', cpu: Number(f[1]), count: u64(f[2]!), reason: 'kernel' };
  if (f[0] === 'other') {
    const type = BigInt(f[1]!);
    // A Type beyond 2^53 cannot be a record type: the message is skipped, the stream goes on.
    if (type > BigInt(Number.MAX_SAFE_INTEGER) || type < -BigInt(Number.MAX_SAFE_INTEGER)) return { kind: 'skipped', code: 'bad-gob' };
    return { kind: 'other', cpu: Number(f[2]), recordType: Number(type), data: fromHex(f[3]!) };
  }
  return undefined;
}

/** The records a script makes watchSocket yield, in order. `raw` steps give what `raw` says in a comment: `raw HEX skipped`. */
export function expectedRecords(script: string): Expected[] {
  const out: Expected[] = [];
  const lines = script.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  for (let i = 0; i < lines.length; i++) {
    const f = lines[i]!.split(/\s+/);
    const p = payload(f);
    if (p) out.push(p);
    else if (f[0] === 'repeat') for (let n = Number(f[1]); n > 0; n--) out.push(payload(f.slice(2))!);
    else if (f[0] === 'raw' && f[2] === 'skipped') out.push({ kind: 'skipped', code: 'bad-gob' });
    else if (f[0] === 'cut') {
      i++; // the cut message never arrives whole
      out.push({ kind: 'skipped', code: 'bad-gob' });
    }
  }
  return out;
}

/** A live record in the shape of {@link Expected}. */
export function comparable(r: LiveRecord): Expected | { kind: 'lost'; reason: 'reader'; count: number | bigint } {
  switch (r.kind) {
    case 'sample':
      return { kind: 'sample', cpu: r.cpu!, data: r.data };
    case 'lost':
      return r.reason === 'reader' ? { kind: 'lost', reason: 'reader', count: r.count } : { kind: 'lost', cpu: r.cpu!, count: r.count, reason: 'kernel' };
    case 'other':
      return { kind: 'other', cpu: r.cpu!, recordType: r.recordType, data: r.data! };
    case 'skipped':
      return { kind: 'skipped', code: r.error.code };
  }
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: 120_000 }, (err, _out, stderr) => (err ? reject(new Error(stderr.trim() || err.message)) : resolve()));
  });
}

/** Builds the server into `dir`; the reason as a string when there is no working Go. */
export function buildServer(dir: string): Promise<string | { exe: string }> {
  return buildGoProgram(SOURCE, dir, 'monitor-server');
}

/** Builds the one-file Go program `source` into `dir/name`; the reason as a string when there is no working Go. */
export async function buildGoProgram(source: string, dir: string, name: string): Promise<string | { exe: string }> {
  const candidates = [process.env.GO, '/usr/lib/go-1.25/bin/go', '/usr/lib/go/bin/go', 'go'].filter((g): g is string => g !== undefined);
  const exe = join(dir, name);
  // A module-less build of one file from the standard library: no network, no go.mod.
  // The build cache stays where Go keeps it (warm across runs) unless there is no home for it.
  const homeless = process.env.HOME === undefined && process.env.GOCACHE === undefined;
  const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', ...(homeless && { GOCACHE: join(dir, 'gocache'), GOPATH: join(dir, 'gopath') }) };
  const failures: string[] = [];
  for (const go of candidates) {
    if (go.includes('/') && !existsSync(go)) continue;
    try {
      await run(go, ['build', '-o', exe, source], env);
      return { exe };
    } catch (e) {
      failures.push(`${go}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return `no working Go toolchain (apt-get install golang-go)${failures.length ? `: ${failures.join(' | ')}` : ''}`;
}

export interface Server {
  process: ChildProcess;
  /** Resolves at the next "listening" line (the socket accepts connections). */
  listening(): Promise<void>;
  /** Resolves when the script is done and the server has exited. */
  exited: Promise<number | null>;
}

export function startServer(exe: string, socket: string, script: string, record?: string): Server {
  const child = spawn(exe, ['-socket', socket, '-script', script, ...(record ? ['-record', record] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  const waiting: (() => void)[] = [];
  let pendingListens = 0;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('listening')) return;
    const next = waiting.shift();
    if (next) next();
    else pendingListens++;
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  return {
    process: child,
    listening: () =>
      new Promise((resolve) => {
        if (pendingListens > 0) {
          pendingListens--;
          resolve();
        } else waiting.push(resolve);
      }),
    exited: new Promise((resolve) =>
      child.on('exit', (code) => {
        if (code !== 0 && stderr) console.warn(stderr);
        resolve(code);
      }),
    ),
  };
}
