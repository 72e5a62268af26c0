/**
 * The printing side shared by `decode` and `watch`: the output flags (the `cilium monitor`
 * formats and Hubble flows, with names for identities, endpoints and interfaces) and the
 * pipeline handlers that print each record through a {@link LineWriter}.
 */
import { UsageError, type FlagSpec, type ParsedArgs } from './args.js';
import { loadLinks, loadNames } from './context-files.js';
import type { PipelineHandlers } from './event-pipeline.js';
import type { LineWriter } from './line-writer.js';
import type { OutputMode, RenderContext, Renderer } from './render.js';

export const outputFlags: FlagSpec[] = [
  { name: 'verbose', short: 'v', kind: 'count', help: 'verbose output; -vv dissects packets' },
  { name: 'hex', kind: 'bool', help: 'hex dump of packets (cilium monitor -vv --hex)' },
  { name: 'json', short: 'j', kind: 'bool', help: 'cilium monitor JSON, one object per line' },
  { name: 'flow', kind: 'bool', help: 'Hubble flow JSON (hubble observe -o json), one per line' },
  { name: 'numeric', short: 'n', kind: 'bool', help: 'identities as numbers' },
  { name: 'names', kind: 'value', valueName: 'FILE', help: 'JSON names: {"identities": {"ID": "label" | [labels]}, "endpoints": {"ID": "name"}}' },
  { name: 'links', kind: 'value', valueName: 'FILE', help: 'interface names from `ip -j link` output' },
  { name: 'node-name', kind: 'value', valueName: 'NAME', help: 'node_name of --flow output' },
];

export function outputMode(args: ParsedArgs): OutputMode {
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

/** What `--numeric`, `--names`, `--links` and `--node-name` give the formatters. */
export async function renderContextOf(args: ParsedArgs): Promise<RenderContext> {
  const namesPath = args.values.get('names');
  const linksPath = args.values.get('links');
  return {
    numeric: args.bools.has('numeric'),
    names: namesPath === undefined ? undefined : await loadNames(namesPath),
    interfaceName: linksPath === undefined ? undefined : await loadLinks(linksPath),
    nodeName: args.values.get('node-name'),
  };
}

/** Handlers printing each record as `render` makes it; `shown` counts the events printed. */
export function printHandlers(render: Renderer, out: LineWriter): PipelineHandlers & { readonly shown: number } {
  let shown = 0;
  return {
    get shown() {
      return shown;
    },
    event: (ev, r) => {
      // Cilium prints nothing for some types at some verbosities (an empty string).
      const text = render.event(ev, r);
      if (text === undefined || text === '') return;
      out.line(text);
      shown++;
    },
    lost: (r) => out.line(render.lost(r)),
    other: (r) => {
      const line = render.other(r);
      if (line !== undefined) out.line(line);
    },
    pace: () => out.flushIfFull(),
    flush: () => out.flush(),
  };
}
