/**
 * What the classic pcap and the pcapng writer share: the output buffer, the counters, the
 * event path (event → packet → block), the length rules, and the backpressure contract.
 */
import type { Event } from '../decode/types.js';
import type { CapturePacket } from './capture-packet.js';
import { ChunkOutput } from './chunk-output.js';
import { PcapError } from './errors.js';
import { eventPacket, type EventPacketOptions, type EventTime, type SkipReason } from './event-packet.js';
import type { ByteSink } from './sink.js';

/**
 * Counters of one writer, for the summary a tool prints at the end.
 *
 * @example
 * const { packets, skipped } = writer.stats;
 * console.error(`${packets} packets, ${skipped['no-packet']} events without one`);
 */
export interface CaptureStats {
  /** Packets written. */
  packets: number;
  /** Packet bytes written (captured lengths, without the format's headers). */
  bytes: number;
  /** Packets whose captured length is less than their original length. */
  truncated: number;
  /** Events (or packets, for `link-type`) not written, by reason. */
  skipped: Record<SkipReason, number>;
}

/**
 * Options every capture writer takes.
 *
 * @example
 * const options: CaptureWriterOptions = { snapLength: 65535, bootTime };
 */
export interface CaptureWriterOptions extends EventPacketOptions {
  /**
   * Most bytes kept of one packet (the file's snap length). Longer packets are cut to it and
   * keep their original length, so readers show them as truncated. Default 262144, the most
   * Wireshark accepts.
   */
  snapLength?: number;
  /** Hears each event {@link CaptureWriter.writeEvent} does not write, and why (also counted in `stats.skipped`). */
  onSkip?: (reason: SkipReason, event: Event) => void;
}

/**
 * Writes packets and events into a capture file, as a stream.
 *
 * The write methods are synchronous and return `false` when the sink asked to wait; then
 * `await drain()` before writing more, as with a Node stream. Honouring that keeps memory
 * constant for any number of packets. A failed sink surfaces as a `PcapError` with code
 * `write-failed` from the next `drain()`, `close()` or write that reaches the sink.
 *
 * @example
 * for (const ev of events) if (!writer.writeEvent(ev)) await writer.drain();
 * await writer.close();
 */
export interface CaptureWriter {
  readonly format: 'pcap' | 'pcapng';
  /** Writes one packet (classic pcap: skipped and counted if its link type is not the file's). */
  writePacket(packet: CapturePacket): boolean;
  /** Writes the packet of `event`; events without one are skipped and counted in {@link stats}. */
  writeEvent(event: Event, time?: EventTime): boolean;
  /** Hands everything buffered to the sink; resolves when the sink can take more. */
  drain(): Promise<void>;
  /** Drains and closes the sink. */
  close(): Promise<void>;
  readonly stats: CaptureStats;
}

/**
 * The default snap length: the largest Wireshark accepts for Ethernet.
 *
 * @example
 * createPcapWriter(sink, { snapLength: DEFAULT_SNAP_LENGTH });
 */
export const DEFAULT_SNAP_LENGTH = 262_144;
const U32_MAX = 0xffff_ffff;

export abstract class BaseCaptureWriter implements CaptureWriter {
  abstract readonly format: 'pcap' | 'pcapng';
  readonly stats: CaptureStats = { packets: 0, bytes: 0, truncated: 0, skipped: { 'no-packet': 0, 'empty-packet': 0, 'link-type': 0 } };
  protected readonly out: ChunkOutput;
  protected readonly snapLength: number;
  private readonly eventOptions: EventPacketOptions;
  private readonly onSkip: ((reason: SkipReason, event: Event) => void) | undefined;

  /** `keepsComments`: false for formats without comments, which then skip the (costly) summary line. */
  constructor(sink: ByteSink, options: CaptureWriterOptions, keepsComments: boolean) {
    const snap = options.snapLength ?? DEFAULT_SNAP_LENGTH;
    if (!Number.isInteger(snap) || snap < 1 || snap > U32_MAX) {
      throw new PcapError('invalid-option', `snapLength must be an integer from 1 to ${U32_MAX}, not ${snap}`);
    }
    this.snapLength = snap;
    this.eventOptions = keepsComments ? options : { ...options, comment: false };
    this.onSkip = options.onSkip;
    this.out = new ChunkOutput(sink);
  }

  abstract writePacket(packet: CapturePacket): boolean;

  writeEvent(event: Event, time?: EventTime): boolean {
    const p = eventPacket(event, time, this.eventOptions);
    const reason = typeof p === 'string' ? p : this.refuses(p);
    if (reason !== undefined) {
      this.stats.skipped[reason]++;
      this.onSkip?.(reason, event);
      return this.out.ready;
    }
    return this.writePacket(p as CapturePacket);
  }

  /** Why this file cannot hold `packet` (classic pcap: another link type), else `undefined`. */
  protected refuses(_packet: CapturePacket): SkipReason | undefined {
    return undefined;
  }

  drain(): Promise<void> {
    return this.out.drain();
  }

  close(): Promise<void> {
    return this.out.close();
  }

  /** {@link measure}'s result for the packet being written: the bytes kept, … */
  protected captured = 0;
  /** … and the length on the wire. */
  protected original = 0;

  /**
   * Captured and original length of `packet` into {@link captured} and {@link original} (fields,
   * not a returned object, to keep the per-packet path free of allocations): cut to the snap
   * length, the original never below the bytes present.
   *
   * Here and on the writers' other per-packet paths `length`, not `byteLength` (equal for a
   * `Uint8Array`): Node 20's V8 compiles `length` to a load but `byteLength` to a call of the
   * getter, ~10 ns, as much as half the cost of copying a small packet (bench/pcap.bench.mjs).
   */
  protected measure(packet: CapturePacket): void {
    const present = packet.data.length;
    const captured = present > this.snapLength ? this.snapLength : present;
    const orig = packet.origLen ?? present;
    if (orig >>> 0 !== orig) throw new PcapError('invalid-packet', `origLen ${orig} is not a u32`);
    const original = orig < present ? present : orig;
    this.stats.packets++;
    this.stats.bytes += captured;
    if (captured < original) this.stats.truncated++;
    this.captured = captured;
    this.original = original;
  }
}
