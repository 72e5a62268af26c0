/** `cilium-events decode`: print events like `cilium monitor` (or as Hubble flows). */
import { UsageError, type ParsedArgs } from '../args.js';
import { EXIT_FAILURE, EXIT_OK, type Command, type CommandIO } from '../command.js';
import { filterFlags, filterOf, inputFlags, inputFormatOf, releaseOf } from '../event-flags.js';
import { runPipeline } from '../event-pipeline.js';
import { LineWriter } from '../line-writer.js';
import { outputFlags, outputMode, printHandlers, renderContextOf } from '../print-events.js';
import { openInput } from '../read-input.js';
import { renderer } from '../render.js';

export const decodeCommand: Command = {
  name: 'decode',
  summary: 'print monitor events as cilium monitor does, or as Hubble flows',
  synopsis: 'decode [flags] [FILE|-]',
  description: [
    'Reads FILE (or standard input) and prints one event per line in the format of `cilium monitor`',
    '(summary; -v verbose; -vv packet dissection; --hex hex dump; --json JSON lines) or, with',
    '--flow, as Hubble flows (`hubble observe -o json`). Filters combine with AND; repeated values',
    'of one filter (or comma-separated ones) combine with OR.',
  ],
  examples: [
    'cilium-events decode events.hex',
    'cilium-events decode -v --type drop --release 1.17 capture.gob',
    'cilium-events decode --flow --ip 10.0.0.0/8 --port 443 ring.bin | jq .flow.verdict',
    'bpftool -j map event_pipe pinned /sys/fs/bpf/tc/globals/cilium_events | cilium-events decode --input bpftool -',
  ],
  flags: [
    ...inputFlags,
    ...outputFlags,
    ...filterFlags,
  ],
  async run(args: ParsedArgs, io: CommandIO): Promise<number> {
    if (args.positionals.length > 1) throw new UsageError('decode takes at most one FILE');
    const options = { format: inputFormatOf(args), release: releaseOf(args), filter: filterOf(args) };
    const ctx = await renderContextOf(args);
    const input = await openInput(args.positionals[0], io);
    const render = renderer(outputMode(args), ctx, (why) => io.stderr.write(`cilium-events: ${input.label}: no flow: ${why}\n`));
    const out = new LineWriter(io.stdout);
    let failures: number;
    try {
      failures = await runPipeline(input, options, io, printHandlers(render, out));
    } finally {
      // Events before a framing error are printed before the error ends the run.
      await out.flush();
    }
    return failures > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};
