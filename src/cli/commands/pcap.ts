/**
 * `cilium-events pcap`: the packets of the events read (with every input format and filter of
 * `decode`) as a pcapng or classic pcap file, to a file or standard output, and a summary on
 * stderr of what was written and what was skipped and why.
 */
import { open } from 'node:fs/promises';
import type { Event } from '../../decode/types.js';
import { monitorTypes } from '../../filter/index.js';
import { createPcapngWriter, createPcapWriter, isPcapError, LinkType, nodeStreamSink, type ByteSink, type CaptureWriter, type SkipReason, type Timestamp } from '../../pcap/index.js';
import { UsageError, type ParsedArgs } from '../args.js';
import { EXIT_FAILURE, EXIT_OK, type Command, type CommandIO } from '../command.js';
import { loadLinks, loadNames } from '../context-files.js';
import { filterFlags, filterOf, inputFlags, inputFormatOf, releaseOf } from '../event-flags.js';
import { runPipeline } from '../event-pipeline.js';
import { openInput } from '../read-input.js';

const PREFIX = 'cilium-events pcap:';

function choice<T extends string>(args: ParsedArgs, flag: string, allowed: readonly T[], fallback: T): T {
  const v = args.values.get(flag);
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, not ${JSON.stringify(v)}`);
  return v as T;
}

/** `--boot-time SECONDS` (Unix time, fraction allowed), read exactly (no float rounding). */
function bootTime(args: ParsedArgs): Timestamp | undefined {
  const v = args.values.get('boot-time');
  if (v === undefined) return undefined;
  const m = /^(\d+)(?:\.(\d{1,9}))?$/.exec(v);
  if (m === null) throw new UsageError(`--boot-time: ${JSON.stringify(v)} is not a Unix time in seconds (e.g. 1733000000.25)`);
  return { seconds: Number(m[1]), nanoseconds: Number((m[2] ?? '').padEnd(9, '0')) };
}

function snapLength(args: ParsedArgs): number | undefined {
  const v = args.values.get('snap-length');
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 0xffffffff) throw new UsageError(`--snap-length: ${JSON.stringify(v)} is not a length from 1 to 4294967295`);
  return n;
}

/** The output file, opened before any input is read so a bad path fails at once. */
async function openOutput(path: string, io: CommandIO): Promise<ByteSink> {
  // Standard output stays open for whoever shares it; a file is ended and closed.
  if (path === '-') return nodeStreamSink(io.stdout, { end: false });
  const handle = await open(path, 'w');
  return nodeStreamSink(handle.createWriteStream());
}

const typeNames = new Map<number, string>(Object.entries(monitorTypes).map(([name, n]) => [n, name]));
const typeName = (ev: Event): string => (ev.type === 'unknown' ? `type ${ev.messageType}` : (typeNames.get(ev.type) ?? `type ${ev.type}`));
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Why events were skipped, per message type, for the summary. */
class SkipTally {
  private readonly byReason = new Map<SkipReason, Map<string, number>>();
  add(reason: SkipReason, ev: Event): void {
    const types = this.byReason.get(reason) ?? new Map<string, number>();
    const name = typeName(ev);
    types.set(name, (types.get(name) ?? 0) + 1);
    this.byReason.set(reason, types);
  }
  /** `linkTypeAdvice`: what to do about packets of the other link type (classic pcap). */
  lines(linkTypeAdvice: string): string[] {
    const text: Record<SkipReason, string> = {
      'no-packet': 'without packet bytes',
      'empty-packet': 'that captured 0 packet bytes',
      'link-type': `whose packets have another link type than the file's (${linkTypeAdvice})`,
    };
    return [...this.byReason].map(([reason, types]) => {
      const total = [...types.values()].reduce((a, b) => a + b, 0);
      const detail = [...types].map(([name, n]) => `${n} ${name}`).join(', ');
      return `${PREFIX} skipped ${plural(total, 'event')} ${text[reason]}: ${detail}`;
    });
  }
}

export const pcapCommand: Command = {
  name: 'pcap',
  summary: 'write the captured packets as a pcapng or pcap file for Wireshark and tshark',
  synopsis: 'pcap [flags] -o OUT [FILE|-]',
  description: [
    'Reads FILE (or standard input) like `decode` and writes the packets of drop, trace, policy verdict,',
    'debug capture and recorder events to OUT (`-` for standard output). pcapng (the default, or with',
    '--format pcapng) keeps one interface per ifindex and link type (Ethernet, or raw IP for L3 devices),',
    'the direction and verdict of each packet, and the `cilium monitor` line as its comment. Classic',
    'pcap (--format pcap, or an OUT ending in .pcap) holds one link type: --link-type picks it, and',
    'packets of the other are skipped and counted. Events without packet bytes are skipped and counted.',
    'Packets are dated when read, recorder captures by their boot-time stamp plus --boot-time.',
  ],
  examples: [
    'cilium-events pcap -o drops.pcapng --type drop capture.gob',
    'cilium-events pcap --format pcap --precision us -o out.pcap events.hex',
    'cilium-events pcap -o - --links links.json ring.bin | wireshark -k -i -',
  ],
  flags: [
    ...inputFlags,
    { name: 'output', short: 'o', kind: 'value', valueName: 'OUT', help: 'the capture file to write; - for standard output (required)' },
    { name: 'format', short: 'f', kind: 'value', valueName: 'FORMAT', help: 'pcapng or pcap (default: pcap for an OUT ending in .pcap, else pcapng)' },
    { name: 'precision', kind: 'value', valueName: 'UNIT', help: 'timestamp resolution: ns or us (default ns)' },
    { name: 'link-type', kind: 'value', valueName: 'TYPE', help: 'classic pcap: ethernet or raw-ip packets (default ethernet)' },
    { name: 'snap-length', kind: 'value', valueName: 'N', help: 'most bytes kept per packet (default 262144)' },
    { name: 'no-comments', kind: 'bool', help: 'pcapng: leave out the cilium monitor line of each packet' },
    { name: 'links', kind: 'value', valueName: 'FILE', help: 'interface names (if_name, and in comments) from `ip -j link` output' },
    { name: 'names', kind: 'value', valueName: 'FILE', help: 'JSON names for the comments: {"identities": {...}, "endpoints": {...}}' },
    { name: 'numeric', short: 'n', kind: 'bool', help: 'identities as numbers in the comments' },
    { name: 'node-name', kind: 'value', valueName: 'NAME', help: 'pcapng: the node, named in the section header' },
    { name: 'boot-time', kind: 'value', valueName: 'SECONDS', help: "Unix time of the node's boot, to date recorder captures" },
    ...filterFlags,
  ],
  async run(args: ParsedArgs, io: CommandIO): Promise<number> {
    if (args.positionals.length > 1) throw new UsageError('pcap takes at most one FILE');
    const outPath = args.values.get('output');
    if (outPath === undefined) throw new UsageError('pcap needs -o OUT (a file, or - for standard output)');
    const outLabel = outPath === '-' ? 'standard output' : outPath;
    const format = choice(args, 'format', ['pcapng', 'pcap'] as const, outPath.endsWith('.pcap') ? 'pcap' : 'pcapng');
    const precision = choice(args, 'precision', ['ns', 'us'] as const, 'ns');
    const linkType = choice(args, 'link-type', ['ethernet', 'raw-ip'] as const, 'ethernet');
    if (format === 'pcapng' && args.values.has('link-type')) throw new UsageError('--link-type is for --format pcap; pcapng holds every link type');
    const release = releaseOf(args);
    const options = { format: inputFormatOf(args), release, filter: filterOf(args) };
    const namesPath = args.values.get('names');
    const linksPath = args.values.get('links');
    const names = namesPath === undefined ? undefined : await loadNames(namesPath);
    const interfaceName = linksPath === undefined ? undefined : await loadLinks(linksPath);
    const skips = new SkipTally();
    const common = { snapLength: snapLength(args), bootTime: bootTime(args), precision, onSkip: (reason: SkipReason, ev: Event) => skips.add(reason, ev) };
    const input = await openInput(args.positionals[0], io);

    let sink: ByteSink;
    try {
      sink = await openOutput(outPath, io);
    } catch (e) {
      io.stderr.write(`${PREFIX} cannot write ${outPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return EXIT_FAILURE;
    }
    const writer: CaptureWriter =
      format === 'pcap'
        ? createPcapWriter(sink, { ...common, linkType: linkType === 'raw-ip' ? LinkType.RawIp : LinkType.Ethernet })
        : createPcapngWriter(sink, {
            ...common,
            interfaceName,
            release,
            nodeName: args.values.get('node-name'),
            comment: args.bools.has('no-comments')
              ? false
              : { numeric: args.bools.has('numeric'), ...(names && { names: { identities: names.identities, endpoints: names.endpoints } }) },
          });
    let lost = 0n;
    let mustWait = false;
    let failures: number;
    try {
      failures = await runPipeline(input, options, io, {
        event: (ev, r) => {
          mustWait = !writer.writeEvent(ev, { sample: r.data });
        },
        lost: (r) => {
          lost += BigInt(r.count);
        },
        other: () => undefined,
        pace: async () => {
          if (mustWait) await writer.drain();
        },
        flush: () => writer.drain(),
      });
      await writer.close();
    } catch (e) {
      if (isPcapError(e)) {
        io.stderr.write(`${PREFIX} ${outLabel}: ${e.message}\n`);
        return EXIT_FAILURE;
      }
      // Unreadable input (framing errors): the packets before it still make a complete file.
      await writer.close().catch(() => undefined);
      throw e;
    }
    const { packets, truncated } = writer.stats;
    const kind = format === 'pcap' ? `pcap, ${linkType}` : 'pcapng';
    const advice = `use --format pcapng, or --link-type ${linkType === 'ethernet' ? 'raw-ip' : 'ethernet'}`;
    io.stderr.write(
      [
        `${PREFIX} wrote ${plural(packets, 'packet')} to ${outLabel} (${kind})${truncated > 0 ? `, ${truncated} shorter than on the wire` : ''}`,
        ...skips.lines(advice),
        ...(lost > 0n ? [`${PREFIX} ${lost} ${lost === 1n ? 'sample' : 'samples'} lost in the perf ring before capture`] : []),
        '',
      ].join('\n'),
    );
    return failures > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};
