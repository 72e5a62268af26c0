/** Help texts: the program overview and one page per command. */
import { flagHelp, type FlagSpec } from './args.js';
import type { Command } from './command.js';

export const PROGRAM = 'cilium-events';

/** Every command accepts it. */
export const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', kind: 'bool', help: 'show this help' };

export function programHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `${PROGRAM} — decode Cilium datapath monitor events`,
    '',
    'Usage:',
    `  ${PROGRAM} <command> [flags] [FILE|-]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Flags:',
    '  -h, --help     show help (also: <command> --help)',
    '  -V, --version  print the version',
    '',
    'Input formats (--input, detected when unambiguous): hex (one event per line, # comments),',
    'bin (CEVBIN length-prefixed frames), ring (perf ring snapshot), gob (monitor socket stream),',
    'bpftool (bpftool -j map event_pipe output). See docs/cli.md.',
    '',
    'Examples:',
    ...commands.flatMap((c) => c.examples.slice(0, 2).map((e) => `  ${e}`)),
    '',
    'Exit status: 0 success, 1 bad input or undecodable events, 2 usage error.',
    '',
  ].join('\n');
}

export function commandHelp(c: Command): string {
  return [
    `Usage: ${PROGRAM} ${c.synopsis}`,
    '',
    ...c.description,
    '',
    'Flags:',
    ...flagHelp([...c.flags, HELP_FLAG]),
    '',
    'Examples:',
    ...c.examples.map((e) => `  ${e}`),
    '',
  ].join('\n');
}
