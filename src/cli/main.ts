/**
 * The `cilium-events` executable. Output to a closed pipe (`| head`) ends the process quietly
 * with status 0, as Unix tools do.
 */
import { run } from './run.js';

function quietOnEpipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

quietOnEpipe(process.stdout);
quietOnEpipe(process.stderr);

run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
  (status) => {
    process.exitCode = status;
  },
  (e: unknown) => {
    process.stderr.write(`cilium-events: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
