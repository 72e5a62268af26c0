/** Loads the whole input named on the command line (a file, or standard input for `-`/none). */
import { readFile } from 'node:fs/promises';
import type { CommandIO } from './command.js';
import { UsageError } from './args.js';

export interface LoadedInput {
  bytes: Uint8Array;
  /** How to name the input in messages. */
  label: string;
}

async function readStream(stream: CommandIO['stdin']): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Reads `path`; throws `UsageError` when no input was named and stdin is a terminal. */
export async function loadInput(path: string | undefined, io: CommandIO): Promise<LoadedInput> {
  if (path === undefined || path === '-') {
    if (path === undefined && io.stdin.isTTY === true) throw new UsageError('no input: name a FILE or pipe events into standard input');
    return { bytes: await readStream(io.stdin), label: '<stdin>' };
  }
  return { bytes: await readFile(path), label: path };
}
