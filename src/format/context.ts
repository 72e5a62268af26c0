/**
 * The per-call settings every message formatter reads: release dialect, `-n`, CPU prefix,
 * interface names, user name maps, and the packet bytes as Go slices them.
 */
import type { Event, ReleaseSpec } from '../decode/types.js';
import { BYTES, PACKET_START } from '../decode/internal.js';
import type { ReleaseTables } from '../table-types.js';
import { getTables, resolveRelease } from '../tables.js';
import { dialectOf, type Dialect } from './dialect.js';
import type { NameMaps } from './identity.js';

/**
 * Output modes, after `cilium monitor`'s flags: `summary` (no flag), `verbose` (`-v`),
 * `dissect` (`-vv`), `hex` (`-vv --hex`), `json` (`--json`).
 */
export type FormatMode = 'summary' | 'verbose' | 'dissect' | 'hex' | 'json';

/** Options of `formatEvent`: the output mode, the release to reproduce, and names for identities, endpoints and interfaces. */
export interface FormatOptions {
  /** Default `'summary'`. */
  mode?: FormatMode;
  /**
   * Release whose output to reproduce, as decoding accepts it (`'1.18'`, `'v1.17.2'`); default
   * the release the event was decoded with.
   */
  release?: ReleaseSpec;
  /** CPU the record came from, for the `CPU 03:` prefix (verbose, hex, JSON). Default 0. */
  cpu?: number;
  /** `-n/--numeric`: identities (and endpoints) as numbers. Default `false`. */
  numeric?: boolean;
  /**
   * Interface name of an ifindex (the monitor's link cache); `undefined` prints the ifindex in
   * decimal, which is also the default for every ifindex.
   */
  interfaceName?: (ifindex: number) => string | undefined;
  /** Optional names for identities and endpoint ids. */
  names?: NameMaps;
  /**
   * The raw perf sample the event was decoded from. Go hands everything after the header —
   * including up to 7 bytes of perf padding after the packet — to its packet printers; pass the
   * sample (a view over the same buffer as the event) to reproduce that exactly. Without it the
   * packet is exactly `capLen` bytes.
   */
  sample?: Uint8Array;
}

/** A decoded record with a packet; decoded events also carry where the packet starts in their bytes. */
export interface PacketRecord {
  readonly packet: Uint8Array;
  readonly [BYTES]?: Uint8Array;
  readonly [PACKET_START]?: number;
}

export interface FormatContext {
  dialect: Dialect;
  /** Generated display texts of the release (`texts.traceObservationPoints`, …). */
  tables: ReleaseTables;
  numeric: boolean;
  names: NameMaps | undefined;
  cpuPrefix: string;
  ifname(ifindex: number): string;
  /** The bytes Go's printers see after the header of `ev`'s record. */
  goData(ev: PacketRecord): Uint8Array;
}

/** A display text of the release's tables, `undefined` when the release has none for `key`. */
export function tableText(ctx: FormatContext, group: string, key: number): string | undefined {
  return ctx.tables.texts[group]?.[String(key)];
}

/** Go `fmt.Sprintf("CPU %02d:", cpu)`. */
export function cpuPrefix(cpu: number): string {
  return `CPU ${String(cpu).padStart(2, '0')}:`;
}

/** `cpuPrefix` of the CPUs a machine has, made once: every event builds a context. */
const CPU_PREFIXES: readonly string[] = Array.from({ length: 256 }, (_, cpu) => cpuPrefix(cpu));

export function makeContext(event: Event, options: FormatOptions): FormatContext {
  const sample = options.sample;
  const lookup = options.interfaceName;
  // Resolved once, as decodeEvent does: a patch version picks the pin that covers it.
  const release = resolveRelease(options.release ?? event.release);
  return {
    dialect: dialectOf(release),
    tables: getTables(release),
    numeric: options.numeric ?? false,
    names: options.names,
    cpuPrefix: CPU_PREFIXES[options.cpu ?? 0] ?? cpuPrefix(options.cpu ?? 0),
    ifname: (ifindex) => lookup?.(ifindex) ?? String(ifindex),
    goData(ev) {
      if (sample === undefined) return ev.packet;
      // Decoded from `sample` itself: the packet's offset is known, no view or getter to read.
      // (formatSample shadows `packet` where Go reads a legacy drop's data from elsewhere.)
      const start = ev[PACKET_START];
      if (ev[BYTES] === sample && start !== undefined && !Object.hasOwn(ev, 'packet')) return sample.subarray(start);
      return sliceOfSample(ev.packet, sample);
    },
  };
}

/** `packet` extended to the end of `sample` when it is a view into it, else itself. */
function sliceOfSample(packet: Uint8Array, sample: Uint8Array): Uint8Array {
  if (sample.buffer !== packet.buffer) return packet;
  const start = packet.byteOffset - sample.byteOffset;
  if (start < 0 || start > sample.length) return packet;
  return sample.subarray(start);
}
