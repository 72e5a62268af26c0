/**
 * Dispatches the command line to a command and maps outcomes to exit statuses: 0 done,
 * 1 unreadable input or undecodable events, 2 usage errors.
 */
import { version } from '../../package.json';
import { parseArgs, UsageError } from './args.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CommandIO } from './command.js';
import { commands } from './commands/index.js';
import { InputError } from './event-pipeline.js';
import { commandHelp, HELP_FLAG, PROGRAM, programHelp } from './help.js';

function fail(io: CommandIO, message: string, status: number, hint?: string): number {
  io.stderr.write(`${PROGRAM}: ${message}\n${hint === undefined ? '' : `${hint}\n`}`);
  return status;
}

export async function run(argv: readonly string[], io: CommandIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(programHelp(commands));
    return EXIT_USAGE;
  }
  if (first === '-h' || first === '--help') {
    io.stdout.write(programHelp(commands));
    return EXIT_OK;
  }
  if (first === '-V' || first === '--version') {
    io.stdout.write(`${version}\n`);
    return EXIT_OK;
  }
  const helpTopic = first === 'help' ? rest[0] : undefined;
  const command = commands.find((c) => c.name === (helpTopic ?? first));
  if (first === 'help' && helpTopic === undefined) {
    io.stdout.write(programHelp(commands));
    return EXIT_OK;
  }
  if (command === undefined) {
    return fail(io, `unknown command ${JSON.stringify(helpTopic ?? first)}`, EXIT_USAGE, `Run '${PROGRAM} --help' for the commands.`);
  }
  if (helpTopic !== undefined) {
    io.stdout.write(commandHelp(command));
    return EXIT_OK;
  }
  const hint = `Run '${PROGRAM} ${command.name} --help' for usage.`;
  try {
    const args = parseArgs(rest, [...command.flags, HELP_FLAG]);
    if (args.bools.has('help')) {
      io.stdout.write(commandHelp(command));
      return EXIT_OK;
    }
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) return fail(io, e.message, EXIT_USAGE, hint);
    if (e instanceof InputError) return fail(io, e.message, EXIT_FAILURE);
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && 'path' in (e as object)) {
      return fail(io, `cannot read ${(e as NodeJS.ErrnoException).path}: ${code}`, EXIT_FAILURE);
    }
    throw e;
  }
}
