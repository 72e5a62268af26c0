/**
 * Streaming counters over decoded events: drops by reason × direction × file:line, traces by
 * observation point, policy verdicts by match type × verdict, packets and bytes per message
 * type, and lost samples per CPU. Memory grows with the number of distinct keys, never with
 * the number of events.
 */
import type { Event } from '../decode/types.js';
import { hubbleVerdict, hubbleVerdicts } from '../filter/hubble.js';
import { monitorTypes } from '../filter/monitor.js';

/** One drop row: the key and its counts. */
export interface DropCount {
  /** Drop code (133). */
  reason: number;
  /** C name (`DROP_POLICY`), or `null` if this release does not define the code. */
  reasonName: string | null;
  /** Cilium's description (`Policy denied`), or `null`. */
  reasonText: string | null;
  /**
   * `ingress` when the drop names a destination endpoint (the datapath only fills `dst_id`
   * when dropping on the way into an endpoint), else `egress`.
   */
  direction: 'ingress' | 'egress';
  /** Source file name (`bpf_lxc.c`), or `unknown(<id>)` as `cilium monitor` prints an unknown id. */
  file: string;
  line: number;
  packets: number;
  /** Sum of original packet lengths. */
  bytes: number;
}

/** One row of a counter table: its key and the packets and bytes counted under it. */
export interface CountRow {
  key: string;
  packets: number;
  bytes: number;
}

/** What {@link Counters.snapshot} returns; plain JSON. */
export interface CountersSnapshot {
  /** Events seen per `cilium monitor --type` name (`unknown` for unknown types). */
  events: Record<string, number>;
  /** Events that carried a packet, and the sum of their original lengths. */
  packets: number;
  bytes: number;
  /** Sorted by packets, most first. */
  drops: DropCount[];
  /** Traces by observation point (C name). */
  traces: CountRow[];
  /** Policy verdicts by `<match type> <verdict>` (`POLICY_MATCH_L3_L4 FORWARDED`). */
  policyVerdicts: CountRow[];
  /** Lost samples per CPU (`unknown` when the source does not say which). */
  lost: { cpu: number | 'unknown'; samples: number }[];
  lostTotal: number;
  /** Records of neither kind (gob payload types other than sample/lost, other perf records). */
  otherRecords: number;
  /** Inputs that could not be decoded. */
  errors: number;
}

const typeNames = new Map<number, string>(Object.entries(monitorTypes).map(([name, n]) => [n, name]));

/**
 * Rows are found by a number made of the event's key fields, and made (with their text key,
 * shared by numbers that name the same row) the first time a number is seen: counting an
 * event then allocates nothing. Releases get small indexes so that keys stay exact doubles.
 */
const releaseIndexes = new Map<string, number>();
function releaseIndex(release: string): number {
  let i = releaseIndexes.get(release);
  if (i === undefined) releaseIndexes.set(release, (i = releaseIndexes.size));
  return i;
}

/** The row named `key` in `rows`, made empty when missing. */
function rowOf(rows: Map<string, CountRow>, key: string): CountRow {
  let row = rows.get(key);
  if (row === undefined) rows.set(key, (row = { key, packets: 0, bytes: 0 }));
  return row;
}


const byPackets = (a: { packets: number }, b: { packets: number }): number => b.packets - a.packets;

/**
 * Accumulates counts as events stream by.
 *
 * @example
 * const c = new Counters();
 * for (const ev of events) c.add(ev);
 * c.addLost(3, 17);
 * console.log(JSON.stringify(c.snapshot()));
 */
export class Counters {
  private readonly events = new Map<string, number>();
  private packets = 0;
  private bytes = 0;
  private readonly drops = new Map<string, DropCount>();
  private readonly traces = new Map<string, CountRow>();
  private readonly verdicts = new Map<string, CountRow>();
  private readonly lost = new Map<number | 'unknown', number>();
  private errors = 0;
  private others = 0;

  /** The rows above by numeric key (see {@link releaseIndex}). */
  private readonly dropRows = new Map<number, DropCount>();
  private readonly traceRows = new Map<number, CountRow>();
  private readonly verdictRows = new Map<number, CountRow>();

  /** Counts one decoded event. */
  add(e: Event): void {
    const name = typeNames.get(e.type === 'unknown' ? e.messageType : e.type) ?? 'unknown';
    this.events.set(name, (this.events.get(name) ?? 0) + 1);
    switch (e.type) {
      case 1: {
        this.packet(e.origLen);
        // subtype and file are bytes, line a u16: below 2^33 per release.
        const id = releaseIndex(e.release) * 2 ** 33 + ((e.subtype * 2 + (e.dstId !== 0 ? 1 : 0)) * 256 + e.file) * 65536 + e.line;
        const row = this.dropRows.get(id) ?? this.dropRow(e, id);
        row.packets++;
        row.bytes += e.origLen;
        break;
      }
      case 4: {
        this.packet(e.origLen);
        const id = releaseIndex(e.release) * 256 + e.subtype;
        let row = this.traceRows.get(id);
        if (row === undefined) this.traceRows.set(id, (row = rowOf(this.traces, e.subtypeName ?? String(e.subtype))));
        row.packets++;
        row.bytes += e.origLen;
        break;
      }
      case 5: {
        this.packet(e.origLen);
        const verdict = hubbleVerdict(e);
        const id = (releaseIndex(e.release) * 256 + e.matchType) * hubbleVerdicts.length + hubbleVerdicts.indexOf(verdict);
        let row = this.verdictRows.get(id);
        if (row === undefined) {
          row = rowOf(this.verdicts, `${e.matchTypeName ?? String(e.matchType)} ${verdict}`);
          this.verdictRows.set(id, row);
        }
        row.packets++;
        row.bytes += e.origLen;
        break;
      }
      case 3:
        this.packet(e.origLen);
        break;
      case 6:
        this.packet(e.origLen);
        break;
    }
  }

  /** The drop row of `e` (empty when new), filed under numeric key `id` too. */
  private dropRow(e: Extract<Event, { type: 1 }>, id: number): DropCount {
    const direction = e.dstId !== 0 ? 'ingress' : 'egress';
    // As Go's `api.BPFFileName` names an id the release does not know.
    const file = e.fileName ?? `unknown(${e.file})`;
    const key = `${e.subtype}|${direction}|${file}|${e.line}`;
    let row = this.drops.get(key);
    if (row === undefined) {
      row = {
        reason: e.subtype,
        reasonName: e.subtypeName ?? null,
        reasonText: e.subtypeText ?? null,
        direction,
        file,
        line: e.line,
        packets: 0,
        bytes: 0,
      };
      this.drops.set(key, row);
    }
    this.dropRows.set(id, row);
    return row;
  }

  /** Counts samples the kernel refused on `cpu` (from perf LOST records or gob `Type 2` payloads). */
  addLost(cpu: number | undefined, samples: number): void {
    const key = cpu ?? 'unknown';
    this.lost.set(key, (this.lost.get(key) ?? 0) + samples);
  }

  /** Counts a record that is neither an event nor a lost count. */
  addOther(): void {
    this.others++;
  }

  /** Counts an input that could not be decoded. */
  addError(): void {
    this.errors++;
  }

  private packet(length: number): void {
    this.packets++;
    this.bytes += length;
  }

  snapshot(): CountersSnapshot {
    const lost = [...this.lost]
      .map(([cpu, samples]) => ({ cpu, samples }))
      .sort((a, b) => (a.cpu === 'unknown' ? 1 : b.cpu === 'unknown' ? -1 : a.cpu - b.cpu));
    return {
      events: Object.fromEntries([...this.events].sort(([a], [b]) => a.localeCompare(b))),
      packets: this.packets,
      bytes: this.bytes,
      drops: [...this.drops.values()].map((d) => ({ ...d })).sort(byPackets),
      traces: [...this.traces.values()].map((r) => ({ ...r })).sort(byPackets),
      policyVerdicts: [...this.verdicts.values()].map((r) => ({ ...r })).sort(byPackets),
      lost,
      lostTotal: lost.reduce((n, l) => n + l.samples, 0),
      otherRecords: this.others,
      errors: this.errors,
    };
  }
}
