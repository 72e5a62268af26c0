/**
 * Opens the input named on the command line — a file, or standard input for `-` or none — as
 * a stream of chunks, with its size when the system knows it (for detection and progress).
 */
import { createReadStream, fstat } from 'node:fs';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { UsageError } from './args.js';
import type { CommandIO } from './command.js';

export interface OpenedInput {
  /** How to name the input in messages. */
  label: string;
  /** Length in bytes, when the input is a regular file. */
  size: number | undefined;
  chunks: AsyncIterable<Uint8Array>;
}

const fstatFd = promisify(fstat);

/**
 * Bytes per file read: large enough that reads and their promise hops are rare, small enough
 * that the records of one read do not outlive a young-generation collection (1 MiB was slower).
 */
const READ_CHUNK = 1 << 18;

/** Size of standard input when it is redirected from a regular file, else `undefined`. */
async function stdinSize(): Promise<number | undefined> {
  try {
    const s = await fstatFd(0);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

/** Opens `path`; throws `UsageError` when no input was named and stdin is a terminal. */
export async function openInput(path: string | undefined, io: CommandIO): Promise<OpenedInput> {
  if (path === undefined || path === '-') {
    if (path === undefined && io.stdin.isTTY === true) throw new UsageError('no input: name a FILE or pipe events into standard input');
    return { label: '<stdin>', size: io.stdin === process.stdin ? await stdinSize() : undefined, chunks: io.stdin };
  }
  // stat first, so a missing or unreadable file is reported before anything is printed.
  const info = await stat(path);
  return { label: path, size: info.isFile() ? info.size : undefined, chunks: createReadStream(path, { highWaterMark: READ_CHUNK }) };
}
