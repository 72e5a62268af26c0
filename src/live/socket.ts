/**
 * The agent's monitor socket (`monitor1_2.sock`), the source `cilium monitor` reads: one gob
 * session per connection carrying `Payload` values. Read incrementally with the gob decoder of
 * `cilium-events/sources`; reconnects with backoff when the agent restarts.
 */
import { connect, type Socket } from 'node:net';
import { SourceError } from '../sources/errors.js';
import { messageRecord } from '../sources/gob/monitor-payloads.js';
import { GobStream } from '../sources/gob/stream.js';
import { BoundedQueue } from './bounded-queue.js';
import { LiveError } from './errors.js';
import type { LiveRecord, LiveSource } from './types.js';

/**
 * Where the agent serves the monitor API (Cilium's `defaults.MonitorSockPath1_2`).
 *
 * @example
 * await watchSocket({ path: process.env.CILIUM_MONITOR ?? DEFAULT_MONITOR_SOCKET });
 */
export const DEFAULT_MONITOR_SOCKET = '/var/run/cilium/monitor1_2.sock';

/** A change of connection, for logging. */
export type ConnectionEvent =
  | { readonly state: 'connected'; readonly attempt: number }
  /** The connection ended; `error` when it ended with one. */
  | { readonly state: 'disconnected'; readonly error: Error | undefined }
  /** The next attempt is in `delayMs`; `error` is why the last one failed, if one did. */
  | { readonly state: 'retrying'; readonly delayMs: number; readonly error: Error | undefined };

/** Options of {@link watchSocket}. */
export interface WatchSocketOptions {
  /** Default {@link DEFAULT_MONITOR_SOCKET}. */
  path?: string;
  /** Ends the source cleanly: iteration stops without an error. */
  signal?: AbortSignal;
  /**
   * Reconnect after the connection ends (an agent restart): the first retry after
   * `initialDelayMs` (default 100), doubling up to `maxDelayMs` (default 5000). `false` ends
   * the source instead. The first connection is never retried: its failure is thrown.
   */
  reconnect?: false | { initialDelayMs?: number; maxDelayMs?: number };
  /** Records queued for a slow consumer before new ones are dropped (and counted). Default 65536. */
  maxQueuedRecords?: number;
  /** Bytes of queued sample data before new records are dropped (and counted). Default 32 MiB. */
  maxQueuedBytes?: number;
  /** Largest gob message accepted; a larger one ends the connection. Default 1 MiB. */
  maxMessageBytes?: number;
  /** Hears connections, disconnections and retries. */
  onConnection?: (event: ConnectionEvent) => void;
}

function errnoOf(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/** Explains a failed first connection: what is wrong and what to check. */
function connectError(path: string, e: unknown): LiveError {
  const code = errnoOf(e);
  const options = { cause: e };
  switch (code) {
    case 'ENOENT':
      return new LiveError('socket-missing', `no monitor socket at ${path}: is the Cilium agent running on this node, and is /var/run/cilium mounted here? (--socket PATH names another)`, options);
    case 'ECONNREFUSED':
      return new LiveError('socket-refused', `${path} refuses connections: the agent is not serving its monitor API (starting or restarting?)`, options);
    case 'EACCES':
    case 'EPERM':
      return new LiveError('socket-denied', `permission denied connecting to ${path}: run as root, or as a user allowed to write to the socket`, options);
    case 'ENOTSOCK':
      return new LiveError('socket-failed', `${path} is not a unix socket`, options);
    default:
      return new LiveError('socket-failed', `cannot connect to ${path}: ${(e as Error).message}`, options);
  }
}

function open(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    const failed = (e: Error): void => reject(e);
    socket.once('error', failed);
    socket.once('connect', () => {
      socket.off('error', failed);
      resolve(socket);
    });
  });
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** `offset`: where the skipped message starts, when known; else where the error is. */
const skipped = (error: SourceError, offset = error.offset): LiveRecord => ({ kind: 'skipped', error, offset, cpu: undefined, line: undefined });

/**
 * Reads one connection into `queue` until it closes; resolves with the error it closed with.
 * A malformed message is queued as a `skipped` record and the session goes on; a framing
 * error (after which message boundaries are unknown) ends the connection, so the reconnect
 * starts a fresh gob session: that is how the stream resynchronises.
 */
function pump(socket: Socket, queue: BoundedQueue, maxMessageBytes: number): Promise<Error | undefined> {
  const gob = new GobStream({ resync: true, maxMessageBytes });
  return new Promise((resolve) => {
    let failure: Error | undefined;
    socket.on('data', (chunk: Buffer) => {
      // Plain Uint8Array views, so records compare and serialise as in the other sources.
      const messages = gob.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      for (const m of messages) {
        const r = messageRecord(m);
        if (r instanceof SourceError) queue.push(skipped(r, m.offset));
        // The agent forwards the kernel's lost records: a full perf ring, not this reader.
        else queue.push(r.kind === 'lost' ? { ...r, reason: 'kernel' } : r);
      }
      if (gob.error !== undefined) {
        queue.push(skipped(gob.error));
        failure = gob.error;
        socket.destroy();
      }
    });
    socket.on('error', (e) => {
      failure ??= e;
    });
    socket.on('close', () => {
      if (gob.error === undefined) {
        try {
          gob.end();
        } catch (e) {
          // Cut mid-message: the partial message is reported, its bytes are gone.
          if (!(e instanceof SourceError)) throw e;
          queue.push(skipped(e));
          failure ??= e;
        }
      }
      resolve(failure);
    });
  });
}

/**
 * Connects to the agent's monitor socket and yields its records as they arrive: samples
 * (decode `data` with `decodeEvent`), lost counts, payloads of other types, and `skipped`
 * messages. Resolves once connected; a socket that is missing or refuses the connection
 * rejects with a {@link LiveError} naming the path and what to check. Later disconnections
 * are retried with backoff (an agent restart).
 *
 * @example
 * const ac = new AbortController();
 * process.once('SIGINT', () => ac.abort());
 * const decode = createDecoder();
 * for await (const r of await watchSocket({ signal: ac.signal })) {
 *   if (r.kind === 'sample') console.log(decode(r.data).type);
 *   else if (r.kind === 'lost') console.warn(`lost ${r.count} (${r.reason})`);
 * }
 */
export async function watchSocket(options: WatchSocketOptions = {}): Promise<LiveSource> {
  const path = options.path ?? DEFAULT_MONITOR_SOCKET;
  const retry = options.reconnect === false ? undefined : { initialDelayMs: 100, maxDelayMs: 5000, ...options.reconnect };
  const maxMessageBytes = options.maxMessageBytes ?? 1 << 20;
  const limits = { maxRecords: options.maxQueuedRecords ?? 65536, maxBytes: options.maxQueuedBytes ?? 32 << 20 };
  if (!(limits.maxRecords >= 1 && limits.maxBytes >= 1 && maxMessageBytes >= 1)) {
    throw new LiveError('invalid-option', 'maxQueuedRecords, maxQueuedBytes and maxMessageBytes must be at least 1');
  }
  const stop = new AbortController();
  const outer = options.signal;
  const forward = (): void => stop.abort();
  if (outer?.aborted) stop.abort();
  else outer?.addEventListener('abort', forward, { once: true });
  const notify = options.onConnection ?? ((): void => {});

  let socket: Socket;
  try {
    socket = await open(path);
  } catch (e) {
    throw connectError(path, e);
  }
  notify({ state: 'connected', attempt: 0 });
  const queue = new BoundedQueue(limits);

  const run = async (): Promise<void> => {
    let current: Socket | undefined = socket;
    const hangUp = (): void => {
      current?.destroy();
    };
    stop.signal.addEventListener('abort', hangUp, { once: true });
    let attempt = 0;
    let delay = 0;
    let lastError: Error | undefined;
    while (!stop.signal.aborted) {
      if (current !== undefined) {
        const error = await pump(current, queue, maxMessageBytes);
        current = undefined;
        if (stop.signal.aborted) break;
        notify({ state: 'disconnected', error });
        if (retry === undefined) break;
        delay = retry.initialDelayMs;
        lastError = undefined;
      } else if (retry !== undefined) {
        // The last attempt failed (the agent is still restarting): wait longer, up to the limit.
        delay = Math.min(Math.max(delay * 2, 1), retry.maxDelayMs);
      }
      notify({ state: 'retrying', delayMs: delay, error: lastError });
      await pause(delay, stop.signal);
      if (stop.signal.aborted) break;
      attempt++;
      try {
        current = await open(path);
        notify({ state: 'connected', attempt });
      } catch (e) {
        lastError = e as Error;
      }
    }
    // Aborted before the pump ran (or while a reconnect was opening): close that socket too.
    current?.destroy();
    stop.signal.removeEventListener('abort', hangUp);
    // A long-lived caller signal must not keep this source reachable.
    outer?.removeEventListener('abort', forward);
    queue.close();
  };
  const finished = run();

  const close = async (): Promise<void> => {
    stop.abort();
    queue.discard();
    await finished;
  };
  return {
    close,
    async *[Symbol.asyncIterator](): AsyncGenerator<LiveRecord, void, undefined> {
      try {
        for (;;) {
          const r = await queue.take();
          if (r === undefined) return;
          yield r;
        }
      } finally {
        await close();
      }
    },
  };
}
