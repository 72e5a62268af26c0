/**
 * From a decoded event to the packet a capture file holds: its bytes and original length,
 * link type, interface, direction, verdict, timestamp, and the `cilium monitor` line as a
 * comment. Events without packet bytes are reported as a {@link SkipReason}, never as empty
 * packets.
 */
import type { Event } from '../decode/types.js';
import { FormatError } from '../format/errors.js';
import { formatEvent } from '../format/format-event.js';
import type { FormatOptions } from '../format/context.js';
import { TcAction, type CapturePacket, type PacketDirection } from './capture-packet.js';
import { linkTypeOf, type PacketEvent } from './link-type.js';
import { addTimestamps, timestampFromMs, timestampFromNs, type Timestamp } from './timestamp.js';

/**
 * Why an event was not written.
 *
 * @example
 * createPcapngWriter(sink, { onSkip: (reason: SkipReason, ev) => console.warn(reason, ev.type) });
 */
export type SkipReason =
  /** Its type carries no packet (debug messages, socket traces, L7 and agent records). */
  | 'no-packet'
  /** Its type can carry one, but this event captured 0 bytes. */
  | 'empty-packet'
  /** Classic pcap holds one link type per file; the packet has another. */
  | 'link-type';

/**
 * Options of {@link eventPacket} that stay the same for a whole capture.
 *
 * @example
 * const options: EventPacketOptions = { bootTime: { seconds: 1_733_000_000, nanoseconds: 0 }, comment: { numeric: true } };
 */
export interface EventPacketOptions {
  /**
   * Wall-clock time of the node's boot: added to a recorder capture's `tv_boot` (ns since
   * boot) to date it. Default the epoch (recorder times then count from boot, in 1970).
   */
  bootTime?: Timestamp;
  /** The receive time for events the caller gives no timestamp. Default: the current time. */
  now?: () => Timestamp;
  /**
   * The `cilium monitor` summary line as the packet's comment, printed with these options
   * (`mode` is always `'summary'`); `false` for none. Default `{}`.
   */
  comment?: Omit<FormatOptions, 'mode' | 'sample' | 'cpu'> | false;
}

/**
 * Per-event inputs of {@link eventPacket}.
 *
 * @example
 * eventPacket(ev, { timestamp: timestampFromMs(Date.now()), sample: record.data });
 */
export interface EventTime {
  /** When the event was received (recorder captures are dated by their own `tv_boot`). */
  timestamp?: Timestamp;
  /** The perf sample the event was decoded from, for a byte-exact comment (see `FormatOptions.sample`). */
  sample?: Uint8Array;
}

/** The receive-time fallback. */
const wallClock = (): Timestamp => timestampFromMs(Date.now());
const EPOCH: Timestamp = { seconds: 0, nanoseconds: 0 };

function hasPacket(ev: Event): ev is PacketEvent {
  return ev.type === 1 || ev.type === 3 || ev.type === 4 || ev.type === 5 || ev.type === 6;
}

/**
 * Direction from the datapath's point of view: the trace observation point (`TRACE_FROM_*`
 * received, `TRACE_TO_*` sent), the policy verdict's and recorder's direction bits, the debug
 * capture point; for drops the rule `stats` uses (a destination endpoint id means the packet
 * was on its way in).
 */
function directionOf(ev: PacketEvent): PacketDirection | undefined {
  switch (ev.type) {
    case 1:
      return ev.dstId !== 0 ? 'inbound' : 'outbound';
    case 3:
      if (ev.subtypeName === 'DBG_CAPTURE_DELIVERY') return 'outbound';
      return ev.subtypeName?.startsWith('DBG_CAPTURE_FROM_') ? 'inbound' : undefined;
    case 4:
      if (ev.subtypeName?.startsWith('TRACE_FROM_')) return 'inbound';
      return ev.subtypeName?.startsWith('TRACE_TO_') ? 'outbound' : undefined;
    case 5:
      return ev.isIngress ? 'inbound' : ev.isEgress ? 'outbound' : undefined;
    case 6:
      return ev.subtypeName === 'CAPTURE_INGRESS' ? 'inbound' : ev.subtypeName === 'CAPTURE_EGRESS' ? 'outbound' : undefined;
  }
}

/** Only drops and policy verdicts decide a packet's fate; traces and captures observe it. */
function verdictOf(ev: PacketEvent): number | undefined {
  if (ev.type === 1) return TcAction.Shot;
  if (ev.type === 5) return ev.verdict < 0 ? TcAction.Shot : ev.verdict > 0 ? TcAction.Redirect : TcAction.Ok;
  return undefined;
}

/** The interface: drops and traces name it; debug captures only at delivery and from the LB. */
function ifindexOf(ev: PacketEvent): number | undefined {
  if (ev.type === 1 || ev.type === 4) return ev.ifindex;
  if (ev.type === 3 && (ev.subtypeName === 'DBG_CAPTURE_DELIVERY' || ev.subtypeName === 'DBG_CAPTURE_FROM_LB')) return ev.arg1;
  return undefined;
}

/**
 * The summary's first line, or `undefined` where `cilium monitor` prints none for the event.
 * Recorder captures print their packet's layers on the lines after it; a comment is one line.
 */
function summaryOf(ev: PacketEvent, options: Omit<FormatOptions, 'mode'>): string | undefined {
  try {
    const text = formatEvent(ev, { ...options, mode: 'summary' });
    const end = text.indexOf('\n');
    const line = end < 0 ? text : text.slice(0, end);
    return line === '' ? undefined : line;
  } catch (e) {
    if (e instanceof FormatError) return undefined;
    throw e;
  }
}

/**
 * The packet of `ev` as a capture file holds it, or why there is none.
 *
 * @example
 * const p = eventPacket(ev, { timestamp: receivedAt });
 * if (typeof p === 'string') skipped[p]++;
 * else writer.writePacket(p);
 */
export function eventPacket(ev: Event, time: EventTime = {}, options: EventPacketOptions = {}): CapturePacket | SkipReason {
  if (!hasPacket(ev)) return 'no-packet';
  if (ev.packet.length === 0) return 'empty-packet';
  const timestamp = ev.type === 6 ? addTimestamps(timestampFromNs(ev.tvBoot), options.bootTime ?? EPOCH) : (time.timestamp ?? (options.now ?? wallClock)());
  const comment = options.comment === false ? undefined : summaryOf(ev, { ...options.comment, ...(time.sample && { sample: time.sample }) });
  return {
    data: ev.packet,
    origLen: ev.origLen,
    linkType: linkTypeOf(ev),
    timestamp,
    ifindex: ifindexOf(ev),
    direction: directionOf(ev),
    verdict: verdictOf(ev),
    comment,
  };
}
