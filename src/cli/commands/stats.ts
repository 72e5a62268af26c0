/** `cilium-events stats`: counters over a capture, as a table or JSON. */
import { Counters, formatCountersTable } from '../../stats/index.js';
import { UsageError, type ParsedArgs } from '../args.js';
import { EXIT_FAILURE, EXIT_OK, type Command, type CommandIO } from '../command.js';
import { filterFlags, filterOf, inputFlags, inputFormatOf, releaseOf } from '../event-flags.js';
import { runPipeline } from '../event-pipeline.js';
import { openInput } from '../read-input.js';

export const statsCommand: Command = {
  name: 'stats',
  summary: 'count drops, traces, policy verdicts, packets and lost samples',
  synopsis: 'stats [flags] [FILE|-]',
  description: [
    'Reads FILE (or standard input) and prints counters: events per type; drops by reason,',
    'direction and source file:line; traces by observation point; policy verdicts by match type;',
    'packets and bytes; lost samples per CPU. The filters of `decode` apply.',
  ],
  examples: ['cilium-events stats capture.gob', 'cilium-events stats --json --type drop events.hex | jq .drops'],
  flags: [...inputFlags, { name: 'json', short: 'j', kind: 'bool', help: 'print the counters as one JSON object' }, ...filterFlags],
  async run(args: ParsedArgs, io: CommandIO): Promise<number> {
    if (args.positionals.length > 1) throw new UsageError('stats takes at most one FILE');
    const options = { format: inputFormatOf(args), release: releaseOf(args), filter: filterOf(args) };
    const input = await openInput(args.positionals[0], io);
    const counters = new Counters();
    const failures = await runPipeline(input, options, io, {
      event: (ev) => counters.add(ev),
      lost: (r) => counters.addLost(r.cpu, Number(r.count)),
      other: () => counters.addOther(),
      pace: () => undefined,
      flush: () => undefined,
    });
    for (let n = 0; n < failures; n++) counters.addError();
    const snapshot = counters.snapshot();
    io.stdout.write(args.bools.has('json') ? `${JSON.stringify(snapshot)}\n` : formatCountersTable(snapshot));
    return failures > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};
