/**
 * How `decode` prints: the `cilium monitor` formats (summary, `-v`, `-vv`, `--hex`,
 * `--json`) through the formatter, or Hubble flows (`--flow`) as JSON lines. Lost-sample
 * records print as `cilium monitor` prints them, or as Hubble's `lost_events` in flow mode.
 */
import type { Event } from '../decode/types.js';
import { FormatError, formatEvent, toFlow, type FormatMode } from '../format/index.js';
import type { NameFile } from './context-files.js';
import type { LostInput, OtherInput, SampleInput } from '../sources/types.js';

export type OutputMode = FormatMode | 'flow';

export interface Renderer {
  /** The event's text, or `undefined` where Cilium prints nothing for it (see {@link skippable}). */
  event(event: Event, record: SampleInput): string | undefined;
  lost(record: LostInput): string;
  other(record: OtherInput): string | undefined;
}

/**
 * Runs a formatter call; events Cilium itself would print nothing for (an L7 record, an
 * unreadable agent payload, a packet Hubble's parser rejects) give `undefined` instead of
 * failing the run. `note` hears why, for packets Hubble rejects.
 */
function skippable(f: () => string, note: (why: string) => void): string | undefined {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof FormatError) || e.code === 'invalid-option') throw e;
    if (e.code === 'packet-decode-failed') note(e.message);
    return undefined;
  }
}

const cpuText = (cpu: number | undefined): string => `CPU ${String(cpu ?? 0).padStart(2, '0')}:`;

/** What the agent would know: names from `--names`, `--links`, `--node-name`. */
export interface RenderContext {
  numeric: boolean;
  names: NameFile | undefined;
  interfaceName: ((ifindex: number) => string | undefined) | undefined;
  nodeName: string | undefined;
}

export function renderer(mode: OutputMode, ctx: RenderContext, note: (why: string) => void): Renderer {
  if (mode === 'flow') {
    const options = {
      ...(ctx.interfaceName && { interfaceName: ctx.interfaceName }),
      ...(ctx.names && { identityLabels: ctx.names.identityLabels }),
      ...(ctx.nodeName !== undefined && { nodeName: ctx.nodeName }),
    };
    return {
      event: (ev) => skippable(() => JSON.stringify({ flow: toFlow(ev, options) }), note),
      // protojson: uint64 as a decimal string, the Int32Value wrapper as its plain value.
      lost: (r) =>
        JSON.stringify({
          lost_events: { source: 'PERF_EVENT_RING_BUFFER', num_events_lost: String(r.count), cpu: r.cpu ?? 0 },
        }),
      other: () => undefined,
    };
  }
  const names = ctx.names && { identities: ctx.names.identities, endpoints: ctx.names.endpoints };
  const { numeric, interfaceName } = ctx;
  return {
    // The formatter's strings end with Go's trailing newline where Go prints one; the line
    // writer adds one where they do not.
    event: (ev, r) =>
      skippable(
        () => formatEvent(ev, { mode, numeric, names, interfaceName, cpu: r.cpu ?? 0, sample: r.data }),
        note,
      ),
    lost: (r) => `${cpuText(r.cpu)} Lost ${r.count} events`,
    other: (r) => `Unknown payload type: ${r.recordType}, ${cpuText(r.cpu)} Lost 0 events`,
  };
}
