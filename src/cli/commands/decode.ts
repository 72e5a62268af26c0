/** `cilium-events decode`: print events like `cilium monitor` (or as Hubble flows). */
import { UsageError, type ParsedArgs } from '../args.js';
import { EXIT_FAILURE, EXIT_OK, type Command, type CommandIO } from '../command.js';
import { filterFlags, filterOf, inputFlags, inputFormatOf, releaseOf } from '../event-flags.js';
import { runPipeline } from '../event-pipeline.js';
import { LineWriter } from '../line-writer.js';
import { openInput } from '../read-input.js';
import { loadLinks, loadNames } from '../context-files.js';
import { renderer, type OutputMode } from '../render.js';

function outputMode(args: ParsedArgs): OutputMode {
  const json = args.bools.has('json');
  const flow = args.bools.has('flow');
  if (json && flow) throw new UsageError('--json and --flow exclude each other');
  if (flow) return 'flow';
  // As in cilium monitor, JSON wins over -v.
  if (json) return 'json';
  if (args.bools.has('hex')) return 'hex';
  const verbose = args.counts.get('verbose') ?? 0;
  return verbose >= 2 ? 'dissect' : verbose === 1 ? 'verbose' : 'summary';
}

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
    { name: 'verbose', short: 'v', kind: 'count', help: 'verbose output; -vv dissects packets' },
    { name: 'hex', kind: 'bool', help: 'hex dump of packets (cilium monitor -vv --hex)' },
    { name: 'json', short: 'j', kind: 'bool', help: 'cilium monitor JSON, one object per line' },
    { name: 'flow', kind: 'bool', help: 'Hubble flow JSON (hubble observe -o json), one per line' },
    { name: 'numeric', short: 'n', kind: 'bool', help: 'identities as numbers' },
    { name: 'names', kind: 'value', valueName: 'FILE', help: 'JSON names: {"identities": {"ID": "label" | [labels]}, "endpoints": {"ID": "name"}}' },
    { name: 'links', kind: 'value', valueName: 'FILE', help: 'interface names from `ip -j link` output' },
    { name: 'node-name', kind: 'value', valueName: 'NAME', help: 'node_name of --flow output' },
    ...filterFlags,
  ],
  async run(args: ParsedArgs, io: CommandIO): Promise<number> {
    if (args.positionals.length > 1) throw new UsageError('decode takes at most one FILE');
    const options = { format: inputFormatOf(args), release: releaseOf(args), filter: filterOf(args) };
    const namesPath = args.values.get('names');
    const linksPath = args.values.get('links');
    const ctx = {
      numeric: args.bools.has('numeric'),
      names: namesPath === undefined ? undefined : await loadNames(namesPath),
      interfaceName: linksPath === undefined ? undefined : await loadLinks(linksPath),
      nodeName: args.values.get('node-name'),
    };
    const input = await openInput(args.positionals[0], io);
    const render = renderer(outputMode(args), ctx, (why) => io.stderr.write(`cilium-events: ${input.label}: no flow: ${why}\n`));
    const out = new LineWriter(io.stdout);
    let failures: number;
    try {
      failures = await runPipeline(input, options, io, {
        event: (ev, r) => {
          // Cilium prints nothing for some types at some verbosities (an empty string).
          const text = render.event(ev, r);
          if (text !== undefined && text !== '') out.line(text);
        },
        lost: (r) => out.line(render.lost(r)),
        other: (r) => {
          const line = render.other(r);
          if (line !== undefined) out.line(line);
        },
        pace: () => out.flushIfFull(),
        flush: () => out.flush(),
      });
    } finally {
      // Events before a framing error are printed before the error ends the run.
      await out.flush();
    }
    return failures > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};
