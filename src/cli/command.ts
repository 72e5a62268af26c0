/** The shape every CLI command has, so `main` can list, document and run them uniformly. */
import type { Readable, Writable } from 'node:stream';
import type { FlagSpec, ParsedArgs } from './args.js';

export interface CommandIO {
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean };
  /** Ends a long-running command (`watch`) as SIGINT would; for callers other than the executable. */
  signal?: AbortSignal;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Synopsis after the program name: `decode [flags] [FILE|-]`. */
  synopsis: string;
  /** Paragraphs shown under the synopsis. */
  description: string[];
  examples: string[];
  flags: FlagSpec[];
  /** Runs the command; resolves to the exit status. Throws UsageError for bad usage. */
  run(args: ParsedArgs, io: CommandIO): Promise<number>;
}

/** Exit statuses. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
