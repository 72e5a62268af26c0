/**
 * Where a capture writer's bytes go: one small interface, and adapters for the three places
 * the issue names — a Node stream, a WHATWG `WritableStream`, one `Uint8Array`. The adapters
 * are duck-typed, so this module (like the writers) imports nothing from Node and runs in
 * browsers.
 */

/**
 * A destination for chunks of a capture file.
 *
 * @example
 * // WebSocket.send copies the bytes, so the chunk can be reused at once.
 * const sink: ByteSink = { write: (chunk, release) => { socket.send(chunk); release(); } };
 */
export interface ByteSink {
  /**
   * Takes `chunk`. The sink may keep it; if it calls `release()` once it no longer needs the
   * bytes (they were copied or written out), the writer reuses the memory for a later chunk,
   * which saves allocating and zeroing it. A returned promise asks the writer to wait: it
   * resolves when the sink can take more and rejects when the sink failed.
   */
  write(chunk: Uint8Array, release: () => void): void | Promise<void>;
  /** Called once, by the writer's `close()`, after the last chunk. */
  close?(): void | Promise<void>;
}

/**
 * A sink that keeps everything, for captures small enough to hold in memory.
 *
 * @example
 * const sink: CollectSink = collectSink();
 */
export interface CollectSink extends ByteSink {
  /** The bytes written so far, as one array. */
  bytes(): Uint8Array;
}

/**
 * Collects the chunks; `bytes()` joins them.
 *
 * @example
 * const sink = collectSink();
 * const w = createPcapngWriter(sink);
 * w.writeEvent(ev);
 * await w.close();
 * const file = sink.bytes();
 */
export function collectSink(): CollectSink {
  const chunks: Uint8Array[] = [];
  let total = 0;
  return {
    write(chunk) {
      chunks.push(chunk);
      total += chunk.byteLength;
    },
    bytes() {
      const out = new Uint8Array(total);
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.byteLength;
      }
      return out;
    },
  };
}

/**
 * Writes to a WHATWG `WritableStream` (a browser download stream, `Deno.stdout.writable`,
 * a `fetch` upload body), waiting on its `ready` promise whenever its queue is full.
 *
 * @example
 * // In a browser, with the File System Access API:
 * const w = createPcapngWriter(webStreamSink(await fileHandle.createWritable()));
 */
export function webStreamSink(stream: WritableStream<Uint8Array>): ByteSink {
  const writer = stream.getWriter();
  return {
    write(chunk, release) {
      // A failed write errors the stream, which rejects `ready` and `close()`: that is where the
      // writer hears of it, so this promise's own rejection needs no handler of its own.
      writer.write(chunk).then(release, () => undefined);
      const room = writer.desiredSize;
      return room !== null && room > 0 ? undefined : writer.ready;
    },
    close: () => writer.close(),
  };
}

/**
 * The part of a Node `Writable` the adapter uses (so no Node types or modules are needed).
 *
 * @example
 * const out: NodeWritableLike = process.stdout;
 */
export interface NodeWritableLike {
  write(chunk: Uint8Array, callback?: (error?: Error | null) => void): boolean;
  end(callback?: (error?: Error | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close' | 'error', listener: (error: Error) => void): unknown;
}

/**
 * Writes to a Node `Writable` (a file stream, a socket, `process.stdout`), waiting for
 * `drain` when `write` asks to. The stream's `error` event is listened to from the start, so
 * a failing stream (ENOSPC, EPIPE, a closed socket) rejects the writer's next wait or its
 * `close()` instead of crashing the process.
 *
 * `end: false` leaves the stream open on close (for `process.stdout`, which cannot be ended);
 * close then waits until everything written has been handed to the system.
 *
 * @example
 * import { createWriteStream } from 'node:fs';
 * const w = createPcapngWriter(nodeStreamSink(createWriteStream('out.pcapng')));
 */
export function nodeStreamSink(stream: NodeWritableLike, options?: { end?: boolean }): ByteSink {
  let failure: { error: Error } | undefined;
  stream.on('error', (error) => {
    failure ??= { error };
  });
  // Resolves on `event`, `close` or `start`'s callback, rejects on the stream's error (whichever
  // comes first: Node hands the error to write and end callbacks before it emits it).
  const settle = (start: (done: (error?: Error | null) => void) => void, event: 'drain' | undefined): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (failure !== undefined) {
        reject(failure.error);
        return;
      }
      const finish = (error?: Error | null): void => {
        if (error) failure ??= { error };
        if (event !== undefined) stream.off(event, settled);
        stream.off('close', settled);
        stream.off('error', fail);
        if (failure !== undefined) reject(failure.error);
        else resolve();
      };
      const fail = (error: Error): void => finish(error);
      // `drain` and `close` arguments (a socket's hadError flag) are no errors of their own.
      const settled = (): void => finish();
      if (event !== undefined) stream.once(event, settled);
      stream.once('close', settled);
      stream.on('error', fail);
      start(finish);
    });
  return {
    write(chunk, release) {
      if (failure !== undefined) return Promise.reject(failure.error);
      // The callback runs once the chunk has been handed to the system, or with the error: Node
      // gives it there first, destroys the stream, and emits `error` only a tick later.
      const done = (error?: Error | null): void => {
        if (error) failure ??= { error };
        else release();
      };
      if (stream.write(chunk, done)) return undefined;
      return settle(() => undefined, 'drain');
    },
    close() {
      // The callback of an empty write runs once every earlier write has reached the system.
      if (options?.end === false) return settle((done) => stream.write(new Uint8Array(0), done), undefined);
      return settle((done) => stream.end(done), undefined);
    },
  };
}
