/**
 * pcapng (draft-ietf-opsawg-pcapng): a section header naming the writer, one interface
 * description block per (ifindex, link type) written before its first packet, and an enhanced
 * packet block per packet with the datapath's context in options — direction (`epb_flags`),
 * verdict (`epb_verdict`) and the `cilium monitor` line (`opt_comment`). In the host's byte
 * order, as pcapng intends (little-endian on x86-64 and arm64).
 */
import { version } from '../../package.json';
import type { ReleaseSpec } from '../decode/types.js';
import type { CapturePacket } from './capture-packet.js';
import { BaseCaptureWriter, type CaptureWriter, type CaptureWriterOptions } from './capture-writer.js';
import {
  BLOCK_EPB,
  BLOCK_IDB,
  BLOCK_SHB,
  BYTE_ORDER_MAGIC,
  EPB_FLAGS,
  EPB_VERDICT,
  IF_DESCRIPTION,
  IF_NAME,
  IF_TSRESOL,
  OPT_COMMENT,
  OPT_ENDOFOPT,
  pad4,
  SHB_USERAPPL,
  VERDICT_EBPF_TC,
} from './constants.js';
import { PcapError } from './errors.js';
import { checkTimestamp, splitUnits } from './timestamp.js';
import { LinkType } from './link-type.js';
import type { TimestampPrecision } from './pcap-writer.js';
import type { ByteSink } from './sink.js';

/**
 * Options of {@link createPcapngWriter}.
 *
 * @example
 * createPcapngWriter(sink, { release: '1.18', nodeName: 'worker-1', interfaceName: (i) => links.get(i) });
 */
export interface PcapngWriterOptions extends CaptureWriterOptions {
  /** `if_tsresol` of every interface: 6 (µs) or 9 (ns). Default `'ns'`. */
  precision?: TimestampPrecision;
  /** `if_name` of an ifindex (e.g. from `ip -j link`); also used in the comments' text. */
  interfaceName?: (ifindex: number) => string | undefined;
  /** The Cilium release the events came from, named in a section comment. */
  release?: ReleaseSpec;
  /** The node the events came from, named in a section comment. */
  nodeName?: string;
  /** `shb_userappl`. Default `cilium-events <version>`. */
  application?: string;
}

/**
 * pcapng lets each section use the byte order of the host that writes it (readers follow the
 * byte-order magic); writing in the host's lets aligned fields be plain `Uint32Array` stores.
 */
const LE = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
/** An option's code and length as one 32-bit word in host order. */
const optionHeader = (code: number, length: number): number => (LE ? ((length << 16) | code) >>> 0 : ((code << 16) | length) >>> 0);
const FLAGS_HEADER = optionHeader(EPB_FLAGS, 4);
const VERDICT_HEADER = optionHeader(EPB_VERDICT, 9);

const EPB_FIXED = 28;
const U32_MAX = 0xffff_ffff;
/** The last second whose nanoseconds fit the u64 timestamp (2^64 ns ≈ year 2554). */
const MAX_SECONDS = 18_446_744_072;

const utf8 = new TextEncoder();

/** An option as code and value bytes, for the rarely written blocks (SHB, IDB). */
type Option = [code: number, value: Uint8Array];

class PcapngWriter extends BaseCaptureWriter {
  readonly format = 'pcapng';
  private readonly tsresol: number;
  private readonly interfaceName: ((ifindex: number) => string | undefined) | undefined;
  /** Interface id by `linkType * 2^32 + (ifindex ?? 2^32 - 1)`. */
  private readonly interfaces = new Map<number, number>();
  private lastKey = -1;
  private lastId = 0;
  private readonly unitsPerSecond: number;
  /**
   * The start of the last packet's second in timestamp units, high and low halves: packets
   * within one second then only add their fraction (and carry).
   */
  private readonly second: [number, number] = [0, 0];
  private lastSecond = -1;

  constructor(sink: ByteSink, options: PcapngWriterOptions) {
    const withNames = options.interfaceName === undefined || options.comment === false ? options : { ...options, comment: { interfaceName: options.interfaceName, ...options.comment } };
    super(sink, withNames, true);
    const precision = options.precision ?? 'ns';
    if (precision !== 'us' && precision !== 'ns') throw new PcapError('invalid-option', `precision must be 'us' or 'ns', not ${String(precision)}`);
    this.tsresol = precision === 'ns' ? 9 : 6;
    this.unitsPerSecond = precision === 'ns' ? 1_000_000_000 : 1_000_000;
    this.interfaceName = options.interfaceName;
    const shb: Option[] = [[SHB_USERAPPL, utf8.encode(options.application ?? `cilium-events ${version}`)]];
    if (options.release !== undefined) shb.push([OPT_COMMENT, utf8.encode(`Cilium release ${options.release}`)]);
    if (options.nodeName !== undefined) shb.push([OPT_COMMENT, utf8.encode(`node ${options.nodeName}`)]);
    const fixed = new Uint8Array(16);
    const f = new DataView(fixed.buffer);
    f.setUint32(0, BYTE_ORDER_MAGIC, LE);
    f.setUint16(4, 1, LE); // major version
    f.setUint16(6, 0, LE); // minor version
    f.setBigInt64(8, -1n, LE); // section length: not given, the file is a stream
    this.block(BLOCK_SHB, fixed, shb);
  }

  writePacket(packet: CapturePacket): boolean {
    const id = this.interfaceOf(packet.ifindex, packet.linkType ?? LinkType.Ethernet);
    const t = packet.timestamp;
    const ns = t.nanoseconds;
    // A second already seen was checked then; only the nanoseconds are new.
    if (t.seconds !== this.lastSecond) {
      checkTimestamp(t, MAX_SECONDS, 'pcapng');
      splitUnits(t.seconds, this.unitsPerSecond, this.second);
      this.lastSecond = t.seconds;
    } else if (!(ns >>> 0 === ns && ns < 1_000_000_000)) {
      checkTimestamp(t, MAX_SECONDS, 'pcapng');
    }
    let high = this.second[0];
    let low = this.second[1] + (this.tsresol === 9 ? ns : Math.floor(ns / 1000));
    if (low >= 0x1_0000_0000) {
      low -= 0x1_0000_0000;
      high++;
    }
    this.measure(packet);
    const { captured, original } = this;
    const comment = packet.comment === undefined ? undefined : utf8.encode(packet.comment);
    const options =
      (comment === undefined ? 0 : 4 + pad4(comment.length)) +
      (packet.direction === undefined ? 0 : 8) +
      (packet.verdict === undefined ? 0 : 16);
    const length = EPB_FIXED + pad4(captured) + (options === 0 ? 0 : options + 4) + 4;
    const at = this.out.reserve(length);
    // Blocks start 32-bit aligned, so their aligned fields are single word stores.
    const w = this.out.words;
    const b = this.out.bytes;
    let i = at >> 2;
    w[i] = BLOCK_EPB;
    w[i + 1] = length;
    w[i + 2] = id;
    w[i + 3] = high;
    w[i + 4] = low;
    w[i + 5] = captured;
    w[i + 6] = original;
    i += 7 + (pad4(captured) >> 2);
    // Zero the last word first, then copy: the padding after the bytes ends up zero.
    if ((captured & 3) !== 0) w[i - 1] = 0;
    const data = packet.data;
    b.set(captured === data.length ? data : data.subarray(0, captured), at + EPB_FIXED);
    if (options !== 0) {
      if (comment !== undefined) {
        const words = pad4(comment.length) >> 2;
        w[i] = optionHeader(OPT_COMMENT, comment.length);
        if ((comment.length & 3) !== 0) w[i + words] = 0;
        b.set(comment, (i + 1) * 4);
        i += 1 + words;
      }
      if (packet.direction !== undefined) {
        w[i] = FLAGS_HEADER;
        w[i + 1] = packet.direction === 'inbound' ? 1 : 2;
        i += 2;
      }
      if (packet.verdict !== undefined) {
        w[i] = VERDICT_HEADER;
        w[i + 3] = 0; // the 3 padding bytes (the rest of the word is overwritten below)
        const o = (i + 1) * 4;
        b[o] = VERDICT_EBPF_TC;
        // A u64 tc action in the section's byte order, unaligned after the type octet.
        this.out.view.setUint32(o + (LE ? 1 : 5), packet.verdict, LE);
        this.out.view.setInt32(o + (LE ? 5 : 1), packet.verdict < 0 ? -1 : 0, LE);
        i += 4;
      }
      w[i++] = OPT_ENDOFOPT;
    }
    w[i] = length;
    return this.out.ready;
  }

  /** The id of the interface block for (ifindex, link type), written on first use. */
  private interfaceOf(ifindex: number | undefined, linkType: number): number {
    const key = linkType * 0x1_0000_0000 + (ifindex ?? U32_MAX);
    if (key === this.lastKey) return this.lastId;
    let id = this.interfaces.get(key);
    if (id === undefined) {
      if (!Number.isInteger(linkType) || linkType < 0 || linkType > 0xffff) throw new PcapError('invalid-packet', `linkType must be a u16, not ${linkType}`);
      id = this.interfaces.size;
      this.interfaces.set(key, id);
      this.writeInterface(ifindex, linkType);
    }
    this.lastKey = key;
    this.lastId = id;
    return id;
  }

  private writeInterface(ifindex: number | undefined, linkType: number): void {
    const fixed = new Uint8Array(8);
    const f = new DataView(fixed.buffer);
    f.setUint16(0, linkType, LE);
    f.setUint32(4, this.snapLength, LE);
    const name = ifindex === undefined ? undefined : this.interfaceName?.(ifindex);
    const options: Option[] = [];
    if (name !== undefined) options.push([IF_NAME, utf8.encode(name)]);
    // Policy verdicts and most debug captures name no interface: one block holds them all.
    options.push([IF_DESCRIPTION, utf8.encode(ifindex === undefined ? 'no ifindex in the event' : `ifindex ${ifindex}`)]);
    options.push([IF_TSRESOL, Uint8Array.of(this.tsresol)]);
    this.block(BLOCK_IDB, fixed, options);
  }

  /** A block with a fixed part and options (for SHB and IDB; EPBs are written inline for speed). */
  private block(type: number, fixed: Uint8Array, options: Option[]): void {
    const body = options.reduce((n, [, value]) => n + 4 + pad4(value.byteLength), 0) + (options.length > 0 ? 4 : 0);
    const length = 8 + fixed.byteLength + body + 4;
    const at = this.out.reserve(length);
    const v = this.out.view;
    const b = this.out.bytes;
    v.setUint32(at, type, LE);
    v.setUint32(at + 4, length, LE);
    b.set(fixed, at + 8);
    let o = at + 8 + fixed.byteLength;
    for (const [code, value] of options) {
      v.setUint16(o, code, LE);
      v.setUint16(o + 2, value.byteLength, LE);
      if ((value.byteLength & 3) !== 0) v.setUint32(o + pad4(value.byteLength), 0, LE);
      b.set(value, o + 4);
      o += 4 + pad4(value.byteLength);
    }
    if (options.length > 0) {
      v.setUint32(o, OPT_ENDOFOPT, LE);
      o += 4;
    }
    v.setUint32(o, length, LE);
  }
}

/**
 * A pcapng writer into `sink`; the section header is written at once, interface blocks as
 * their first packet comes.
 *
 * @example
 * import { createPcapngWriter, collectSink } from 'cilium-events/pcap';
 * const sink = collectSink();
 * const w = createPcapngWriter(sink, { release: '1.18', nodeName: 'worker-1' });
 * for (const ev of events) w.writeEvent(ev, { timestamp: timestampFromMs(Date.now()) });
 * await w.close();
 * download(sink.bytes());
 */
export function createPcapngWriter(sink: ByteSink, options: PcapngWriterOptions = {}): CaptureWriter {
  return new PcapngWriter(sink, options);
}
