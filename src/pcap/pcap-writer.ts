/**
 * Classic pcap (libpcap 2.4, as `tcpdump -w` writes it): a 24-byte file header, then a 16-byte
 * record header and the bytes of each packet. One link type per file; microsecond or
 * nanosecond timestamps by the magic number. Written little-endian, which every reader accepts.
 */
import type { CapturePacket } from './capture-packet.js';
import { BaseCaptureWriter, type CaptureWriter, type CaptureWriterOptions } from './capture-writer.js';
import type { SkipReason } from './event-packet.js';
import { PCAP_MAGIC_NS, PCAP_MAGIC_US } from './constants.js';
import { PcapError } from './errors.js';
import { checkTimestamp } from './timestamp.js';
import { LinkType, type LinkTypeNumber } from './link-type.js';
import type { ByteSink } from './sink.js';

/**
 * Timestamp resolution: classic pcap's magic 0xa1b2c3d4 (µs) or 0xa1b23c4d (ns); pcapng's
 * `if_tsresol` 6 or 9.
 *
 * @example
 * const precision: TimestampPrecision = 'us';
 */
export type TimestampPrecision = 'us' | 'ns';

/**
 * Options of {@link createPcapWriter}.
 *
 * @example
 * createPcapWriter(sink, { precision: 'us', linkType: LinkType.RawIp });
 */
export interface PcapWriterOptions extends CaptureWriterOptions {
  /** Default `'ns'`. */
  precision?: TimestampPrecision;
  /**
   * The file's link type. Packets of another link type are not written and count as
   * `skipped['link-type']`: a classic pcap file cannot say where such bytes start. Default
   * Ethernet. (pcapng holds both in one file.)
   */
  linkType?: LinkTypeNumber | number;
}

const FILE_HEADER = 24;
const RECORD_HEADER = 16;
const U32_MAX = 0xffff_ffff;

class PcapWriter extends BaseCaptureWriter {
  readonly format = 'pcap';
  private readonly linkType: number;
  private readonly nanos: boolean;

  constructor(sink: ByteSink, options: PcapWriterOptions) {
    super(sink, options, false);
    const precision = options.precision ?? 'ns';
    if (precision !== 'us' && precision !== 'ns') throw new PcapError('invalid-option', `precision must be 'us' or 'ns', not ${String(precision)}`);
    this.nanos = precision === 'ns';
    this.linkType = options.linkType ?? LinkType.Ethernet;
    if (!Number.isInteger(this.linkType) || this.linkType < 0 || this.linkType > 0xffff) {
      throw new PcapError('invalid-option', `linkType must be a u16, not ${this.linkType}`);
    }
    const at = this.out.reserve(FILE_HEADER);
    const v = this.out.view;
    v.setUint32(at, this.nanos ? PCAP_MAGIC_NS : PCAP_MAGIC_US, true);
    v.setUint16(at + 4, 2, true);
    v.setUint16(at + 6, 4, true);
    v.setInt32(at + 8, 0, true); // thiszone: times are UTC
    v.setUint32(at + 12, 0, true); // sigfigs
    v.setUint32(at + 16, this.snapLength, true);
    v.setUint32(at + 20, this.linkType, true);
  }

  protected override refuses(packet: CapturePacket): SkipReason | undefined {
    return (packet.linkType ?? LinkType.Ethernet) === this.linkType ? undefined : 'link-type';
  }

  writePacket(packet: CapturePacket): boolean {
    if (this.refuses(packet) !== undefined) {
      this.stats.skipped['link-type']++;
      return this.out.ready;
    }
    const t = packet.timestamp;
    checkTimestamp(t, U32_MAX, 'classic pcap');
    this.measure(packet);
    const { captured, original } = this;
    const at = this.out.reserve(RECORD_HEADER + captured);
    const v = this.out.view;
    v.setUint32(at, t.seconds, true);
    v.setUint32(at + 4, this.nanos ? t.nanoseconds : Math.floor(t.nanoseconds / 1000), true);
    v.setUint32(at + 8, captured, true);
    v.setUint32(at + 12, original, true);
    const data = packet.data;
    this.out.bytes.set(captured === data.length ? data : data.subarray(0, captured), at + RECORD_HEADER);
    return this.out.ready;
  }

}

/**
 * A classic pcap writer into `sink`; the file header is written at once.
 *
 * @example
 * import { createWriteStream } from 'node:fs';
 * import { createPcapWriter, nodeStreamSink } from 'cilium-events/pcap';
 * const w = createPcapWriter(nodeStreamSink(createWriteStream('drops.pcap')), { precision: 'us' });
 * for (const ev of events) if (!w.writeEvent(ev)) await w.drain();
 * await w.close();
 * console.error(w.stats.skipped); // { 'no-packet': …, 'empty-packet': …, 'link-type': … }
 */
export function createPcapWriter(sink: ByteSink, options: PcapWriterOptions = {}): CaptureWriter {
  return new PcapWriter(sink, options);
}
