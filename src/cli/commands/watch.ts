/**
 * `cilium-events watch`: live events, printed as `decode` prints them, from the agent's
 * monitor socket (default) or, without the agent, from a perf event array. Ends on SIGINT or
 * SIGTERM with a one-line summary on stderr: events seen and shown, samples lost per CPU.
 */
import { createWriteStream } from 'node:fs';
import { isLiveError } from '../../live/errors.js';
import { watchPerfArray } from '../../live/perf/watch.js';
import { DEFAULT_MONITOR_SOCKET, watchSocket, type ConnectionEvent } from '../../live/socket.js';
import type { LiveRecord, LiveSource } from '../../live/types.js';
import { UsageError, type ParsedArgs } from '../args.js';
import { EXIT_FAILURE, EXIT_OK, type Command, type CommandIO } from '../command.js';
import { createDispatcher, undecodableMessage } from '../event-pipeline.js';
import { filterFlags, filterOf, inputFlags, releaseOf } from '../event-flags.js';
import { LineWriter } from '../line-writer.js';
import { outputFlags, outputMode, printHandlers, renderContextOf } from '../print-events.js';
import { createPcapngWriter, nodeStreamSink, timestampFromMs, type CaptureWriter } from '../../pcap/index.js';
import type { PipelineHandlers } from '../event-pipeline.js';
import { renderer } from '../render.js';

const releaseFlags = inputFlags.filter((f) => f.name === 'release');

/** Samples lost, per CPU (`reader` for those this process dropped), printed in the summary. */
class LostCounts {
  private readonly byKey = new Map<string, bigint>();
  add(r: Extract<LiveRecord, { kind: 'lost' }>): void {
    const key = r.reason === 'reader' ? 'reader' : `CPU ${String(r.cpu ?? 0).padStart(2, '0')}`;
    this.byKey.set(key, (this.byKey.get(key) ?? 0n) + BigInt(r.count));
  }
  /** `lost 0`, or `lost 17 (CPU 00: 5, CPU 03: 2, reader: 10)`. */
  toString(): string {
    let total = 0n;
    for (const n of this.byKey.values()) total += n;
    if (total === 0n) return 'lost 0';
    const parts = [...this.byKey].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}: ${n}`);
    return `lost ${total} (${parts.join(', ')})`;
  }
}

/** SIGINT/SIGTERM (or the caller's signal) as one AbortSignal; `release` removes the handlers. */
function stopSignal(io: CommandIO): { signal: AbortSignal; release(): void } {
  const ac = new AbortController();
  const stop = (): void => ac.abort();
  io.signal?.addEventListener('abort', stop, { once: true });
  if (io.signal?.aborted) ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: ac.signal,
    release: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

/**
 * `--pcap FILE`: the packets of the events shown also go to a pcapng file, dated when they
 * arrived; output and file wait for each other, so a slow disk paces the run like a slow pipe.
 */
function teePcap(handlers: PipelineHandlers, writer: CaptureWriter): PipelineHandlers {
  return {
    ...handlers,
    event: (ev, r) => {
      const printed = handlers.event(ev, r);
      const written = writer.writeEvent(ev, { timestamp: timestampFromMs(Date.now()), sample: r.data });
      if (written) return printed;
      return printed === undefined ? writer.drain() : printed.then(() => writer.drain());
    },
  };
}

function mapOf(text: string): string | number {
  return /^\d+$/.test(text) ? Number(text) : text;
}

export const watchCommand: Command = {
  name: 'watch',
  summary: 'print live events from the agent\'s monitor socket or a perf event array',
  synopsis: 'watch [flags] [--socket PATH | --map PATH|ID]',
  description: [
    'Prints events as they happen, in the formats and with the filters of `decode`. By default it',
    `reads the Cilium agent's monitor socket (${DEFAULT_MONITOR_SOCKET}), what \`cilium monitor\``,
    'reads, and reconnects when the agent restarts. --map reads a perf event array directly (Linux,',
    'root, the optional package koffi); it refuses Cilium\'s own cilium_events map, whose events would',
    'be taken from the agent, unless --force. Ctrl-C ends it with a summary line on stderr: events',
    'seen and shown, samples lost per CPU (reader: dropped here because output fell behind).',
  ],
  examples: [
    'cilium-events watch --type drop',
    'cilium-events watch --flow --ip 10.0.0.0/8 | jq .flow.verdict',
    'cilium-events watch --socket /run/cilium/monitor1_2.sock -v',
    'cilium-events watch --map /sys/fs/bpf/my_events --json',
  ],
  flags: [
    { name: 'socket', kind: 'value', valueName: 'PATH', help: `the agent's monitor socket (default ${DEFAULT_MONITOR_SOCKET})` },
    { name: 'map', kind: 'value', valueName: 'PATH|ID', help: 'a pinned perf event array or map id, read without the agent' },
    { name: 'force', kind: 'bool', help: 'with --map: read cilium_events even though the agent loses those events meanwhile' },
    { name: 'pcap', kind: 'value', valueName: 'FILE', help: 'also write the packets of the events shown to FILE (pcapng)' },
    ...releaseFlags,
    ...outputFlags,
    ...filterFlags,
  ],
  async run(args: ParsedArgs, io: CommandIO): Promise<number> {
    if (args.positionals.length > 0) throw new UsageError('watch reads no FILE: name --socket PATH or --map PATH');
    const socketPath = args.values.get('socket');
    const map = args.values.get('map');
    if (socketPath !== undefined && map !== undefined) throw new UsageError('--socket and --map exclude each other');
    if (args.bools.has('force') && map === undefined) throw new UsageError('--force applies to --map only');
    const options = { release: releaseOf(args), filter: filterOf(args) };
    const mode = outputMode(args);
    const ctx = await renderContextOf(args);
    const label = map ?? socketPath ?? DEFAULT_MONITOR_SOCKET;
    const note = (text: string): void => void io.stderr.write(`cilium-events: ${label}: ${text}\n`);
    const connection = (e: ConnectionEvent): void => {
      if (e.state === 'disconnected' && e.error === undefined) note('connection closed; reconnecting');
      else if (e.state === 'disconnected') note(`connection lost (${e.error?.message}); reconnecting`);
      else if (e.state === 'connected' && e.attempt > 0) note('reconnected');
    };

    const stop = stopSignal(io);
    let source: LiveSource;
    try {
      source =
        map === undefined
          ? await watchSocket({ path: label, signal: stop.signal, onConnection: connection })
          : await watchPerfArray({ map: mapOf(map), force: args.bools.has('force'), signal: stop.signal });
    } catch (e) {
      stop.release();
      if (!isLiveError(e)) throw e;
      io.stderr.write(`cilium-events: ${e.message}\n`);
      return EXIT_FAILURE;
    }

    const out = new LineWriter(io.stdout);
    const printing = printHandlers(renderer(mode, ctx, (why) => note(`no flow: ${why}`)), out);
    const pcapPath = args.values.get('pcap');
    const pcap =
      pcapPath === undefined
        ? undefined
        : createPcapngWriter(nodeStreamSink(createWriteStream(pcapPath)), {
            ...(options.release !== undefined && { release: options.release }),
            ...(ctx.interfaceName && { interfaceName: ctx.interfaceName }),
            ...(ctx.nodeName !== undefined && { nodeName: ctx.nodeName }),
          });
    const handlers = pcap === undefined ? printing : teePcap(printing, pcap);
    let failures = 0;
    const dispatch = createDispatcher(options, handlers, (e, r) => {
      failures++;
      io.stderr.write(undecodableMessage(`${label}: CPU ${r.cpu ?? 0}`, r, e));
    });
    let seen = 0;
    const lost = new LostCounts();
    // Lines reach the terminal once the records that arrived together are printed: a flush
    // scheduled behind them runs when the source has nothing more at hand.
    let flushing = false;
    const flushSoon = (): void => {
      if (flushing) return;
      flushing = true;
      setImmediate(() => {
        flushing = false;
        void handlers.flush();
      });
    };
    try {
      for await (const r of source) {
        if (r.kind === 'skipped') {
          note(`offset ${r.offset}: message skipped: ${r.error.message}`);
          continue;
        }
        if (r.kind === 'sample') seen++;
        else if (r.kind === 'lost') lost.add(r);
        const handled = dispatch(r);
        if (handled !== undefined) await handled;
        const paced = handlers.pace();
        if (paced !== undefined) await paced;
        flushSoon();
      }
    } finally {
      stop.release();
      await out.flush();
      await pcap?.close();
    }
    const packets = pcap === undefined ? '' : `, ${pcap.stats.packets} packets to ${pcapPath}`;
    io.stderr.write(`cilium-events: watch: ${seen} events seen, ${printing.shown} shown, ${lost}${packets}\n`);
    return failures > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};
