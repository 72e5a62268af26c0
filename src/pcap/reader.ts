/**
 * A small reader for classic pcap (µs and ns magic, either byte order) and pcapng (sections of
 * either byte order; interface, enhanced, simple and obsolete packet blocks; other blocks
 * skipped). It reads a whole file in memory: it is for checking what a writer produced and for
 * small captures, not a streaming parser.
 */
import type { PacketDirection } from './capture-packet.js';
import { PcapError } from './errors.js';
import { timestampFromNs, type Timestamp } from './timestamp.js';
import {
  BLOCK_EPB,
  BLOCK_IDB,
  BLOCK_PB,
  BLOCK_SHB,
  BLOCK_SPB,
  BYTE_ORDER_MAGIC,
  EPB_FLAGS,
  EPB_VERDICT,
  IF_DESCRIPTION,
  IF_NAME,
  IF_TSRESOL,
  OPT_COMMENT,
  OPT_ENDOFOPT,
  pad4,
  PCAP_MAGIC_NS,
  PCAP_MAGIC_US,
  SHB_USERAPPL,
} from './constants.js';

/**
 * A section header's options (pcapng).
 *
 * @example
 * readCapture(bytes).sections[0]?.application; // 'cilium-events 0.1.0'
 */
export interface CaptureSection {
  littleEndian: boolean;
  /** `shb_userappl`. */
  application: string | undefined;
  /** `opt_comment`s. */
  comments: string[];
}

/**
 * An interface: the classic file header, or a pcapng interface description block.
 *
 * @example
 * const { interfaces, packets } = readCapture(bytes);
 * interfaces[packets[0]!.interfaceId]?.linkType; // 1 (Ethernet) or 101 (raw IP)
 */
export interface CaptureInterface {
  /** Index of its section in {@link CaptureFile.sections} (0 for classic pcap). */
  section: number;
  linkType: number;
  snapLength: number;
  /** `if_name`. */
  name: string | undefined;
  /** `if_description`. */
  description: string | undefined;
  /** The `if_tsresol` byte (6 when absent; classic pcap: 6 or 9 by the magic). */
  tsresol: number;
}

/**
 * One packet record.
 *
 * @example
 * for (const p of readCapture(bytes).packets) console.log(p.timestamp.seconds, p.data.length, p.origLen, p.direction);
 */
export interface CapturedPacket {
  /** Index into {@link CaptureFile.interfaces}. */
  interfaceId: number;
  /** The time, at the interface's resolution. */
  timestamp: Timestamp;
  /** The captured bytes (a view into the input). */
  data: Uint8Array;
  origLen: number;
  /** `epb_flags`, when present. */
  flags: number | undefined;
  /** Direction bits of {@link flags}. */
  direction: PacketDirection | undefined;
  /** `epb_verdict` values (type octet first). */
  verdicts: Uint8Array[];
  /** `opt_comment`s. */
  comments: string[];
}

/**
 * A capture file read back.
 *
 * @example
 * const { format, interfaces, packets } = readCapture(bytes);
 */
export interface CaptureFile {
  format: 'pcap' | 'pcapng';
  /** pcapng: one per section header; classic pcap: none. */
  sections: CaptureSection[];
  interfaces: CaptureInterface[];
  packets: CapturedPacket[];
}

const utf8 = new TextDecoder('utf-8');

function bad(message: string, offset: number): PcapError {
  return new PcapError('bad-capture', message, { offset });
}

function readClassic(bytes: Uint8Array, v: DataView, le: boolean, nanos: boolean): CaptureFile {
  if (bytes.byteLength < 24) throw bad('the pcap file header is cut short', 0);
  const iface: CaptureInterface = {
    section: 0,
    linkType: v.getUint32(20, le) & 0x0fff_ffff,
    snapLength: v.getUint32(16, le),
    name: undefined,
    description: undefined,
    tsresol: nanos ? 9 : 6,
  };
  const packets: CapturedPacket[] = [];
  for (let at = 24; at < bytes.byteLength; ) {
    if (at + 16 > bytes.byteLength) throw bad('a record header is cut short', at);
    const captured = v.getUint32(at + 8, le);
    if (at + 16 + captured > bytes.byteLength) throw bad(`a record's ${captured} bytes run past the end`, at);
    const frac = v.getUint32(at + 4, le);
    packets.push({
      interfaceId: 0,
      timestamp: { seconds: v.getUint32(at, le), nanoseconds: nanos ? frac : frac * 1000 },
      data: bytes.subarray(at + 16, at + 16 + captured),
      origLen: v.getUint32(at + 12, le),
      flags: undefined,
      direction: undefined,
      verdicts: [],
      comments: [],
    });
    at += 16 + captured;
  }
  return { format: 'pcap', sections: [], interfaces: [iface], packets };
}

/** Options from `at` to `end`: code → values, in order. */
function readOptions(bytes: Uint8Array, v: DataView, le: boolean, at: number, end: number): Map<number, Uint8Array[]> {
  const out = new Map<number, Uint8Array[]>();
  while (at + 4 <= end) {
    const code = v.getUint16(at, le);
    const length = v.getUint16(at + 2, le);
    if (code === OPT_ENDOFOPT) break;
    if (at + 4 + length > end) throw bad(`option ${code} runs past its block`, at);
    const list = out.get(code) ?? [];
    list.push(bytes.subarray(at + 4, at + 4 + length));
    out.set(code, list);
    at += 4 + pad4(length);
  }
  return out;
}

const text = (values: Uint8Array[] | undefined): string[] => (values ?? []).map((b) => utf8.decode(b));

/** ns from a pcapng timestamp in units of `tsresol` (10^-n, or 2^-n with the high bit). */
function toNs(units: bigint, tsresol: number): bigint {
  if ((tsresol & 0x80) !== 0) return (units * 1_000_000_000n) >> BigInt(tsresol & 0x7f);
  return tsresol <= 9 ? units * 10n ** BigInt(9 - tsresol) : units / 10n ** BigInt(tsresol - 9);
}

/** Smallest length of each block type read, fixed fields and trailing length included. */
const FIXED_BYTES = new Map<number, number>([
  [BLOCK_SHB, 28],
  [BLOCK_IDB, 20],
  [BLOCK_EPB, 32],
  [BLOCK_PB, 32],
  [BLOCK_SPB, 16],
]);

function readNg(bytes: Uint8Array, v: DataView): CaptureFile {
  const file: CaptureFile = { format: 'pcapng', sections: [], interfaces: [], packets: [] };
  let le = true;
  // Interface ids are per section: this section's first entry in file.interfaces.
  let base = 0;
  for (let at = 0; at < bytes.byteLength; ) {
    if (at + 12 > bytes.byteLength) throw bad('a block header is cut short', at);
    const typeLe = v.getUint32(at, true);
    if (typeLe === BLOCK_SHB) {
      const magic = v.getUint32(at + 8, true);
      if (magic !== BYTE_ORDER_MAGIC && magic !== 0x4d3c2b1a) throw bad('a section header has no byte-order magic', at);
      le = magic === BYTE_ORDER_MAGIC;
      base = file.interfaces.length;
    }
    const type = v.getUint32(at, le);
    const length = v.getUint32(at + 4, le);
    if (length < 12 || length % 4 !== 0) throw bad(`block length ${length} is not a multiple of 4 of at least 12`, at);
    if (at + length > bytes.byteLength) throw bad(`a block of ${length} bytes runs past the end`, at);
    if (v.getUint32(at + length - 4, le) !== length) throw bad('a block\'s trailing length differs from its leading one', at);
    const fixed = FIXED_BYTES.get(type) ?? 12;
    if (length < fixed) throw bad(`a block of type ${type} is ${length} bytes, shorter than its ${fixed} bytes of fixed fields`, at);
    const end = at + length - 4;
    if (type === BLOCK_SHB) {
      const o = readOptions(bytes, v, le, at + 24, end);
      file.sections.push({ littleEndian: le, application: text(o.get(SHB_USERAPPL))[0], comments: text(o.get(OPT_COMMENT)) });
    } else if (type === BLOCK_IDB) {
      const o = readOptions(bytes, v, le, at + 16, end);
      file.interfaces.push({
        section: file.sections.length - 1,
        linkType: v.getUint16(at + 8, le),
        snapLength: v.getUint32(at + 12, le),
        name: text(o.get(IF_NAME))[0],
        description: text(o.get(IF_DESCRIPTION))[0],
        tsresol: o.get(IF_TSRESOL)?.[0]?.[0] ?? 6,
      });
    } else if (type === BLOCK_EPB || type === BLOCK_PB) {
      // The obsolete packet block has a u16 interface id and a u16 drop count where EPB has a u32 id.
      const interfaceId = base + (type === BLOCK_EPB ? v.getUint32(at + 8, le) : v.getUint16(at + 8, le));
      const iface = file.interfaces[interfaceId];
      if (iface === undefined || iface.section !== file.sections.length - 1) throw bad(`a packet names interface ${interfaceId - base}, not described before it`, at);
      const captured = v.getUint32(at + 20, le);
      const dataEnd = at + 28 + captured;
      if (dataEnd > end) throw bad(`a packet's ${captured} captured bytes run past its block`, at);
      const o = readOptions(bytes, v, le, at + 28 + pad4(captured), end);
      const flags = type === BLOCK_EPB ? o.get(EPB_FLAGS)?.[0] : undefined;
      const flagValue = flags === undefined || flags.byteLength < 4 ? undefined : new DataView(flags.buffer, flags.byteOffset, 4).getUint32(0, le);
      const dir = flagValue === undefined ? 0 : flagValue & 3;
      file.packets.push({
        interfaceId,
        timestamp: timestampFromNs(toNs((BigInt(v.getUint32(at + 12, le)) << 32n) | BigInt(v.getUint32(at + 16, le)), iface.tsresol)),
        data: bytes.subarray(at + 28, dataEnd),
        origLen: v.getUint32(at + 24, le),
        flags: flagValue,
        direction: dir === 1 ? 'inbound' : dir === 2 ? 'outbound' : undefined,
        verdicts: type === BLOCK_EPB ? (o.get(EPB_VERDICT) ?? []) : [],
        comments: text(o.get(OPT_COMMENT)),
      });
    } else if (type === BLOCK_SPB) {
      const iface = file.interfaces[base];
      if (iface === undefined || iface.section !== file.sections.length - 1) throw bad('a simple packet block comes before any interface', at);
      const origLen = v.getUint32(at + 8, le);
      const captured = Math.min(origLen, iface.snapLength === 0 ? origLen : iface.snapLength, end - at - 12);
      file.packets.push({
        interfaceId: base,
        timestamp: { seconds: 0, nanoseconds: 0 },
        data: bytes.subarray(at + 12, at + 12 + captured),
        origLen,
        flags: undefined,
        direction: undefined,
        verdicts: [],
        comments: [],
      });
    }
    at += length;
  }
  return file;
}

/**
 * Reads a classic pcap or pcapng file. Throws `PcapError` (`bad-capture`, with the offset of
 * the offending record or block) for anything malformed.
 *
 * @example
 * import { readCapture } from 'cilium-events/pcap';
 * const { interfaces, packets } = readCapture(new Uint8Array(await file.arrayBuffer()));
 * for (const p of packets) console.log(interfaces[p.interfaceId]?.name, p.data.length, p.origLen, p.comments[0]);
 */
export function readCapture(bytes: Uint8Array): CaptureFile {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 4) throw bad('too short for a capture file', 0);
  const magicLe = v.getUint32(0, true);
  const magicBe = v.getUint32(0, false);
  if (magicLe === BLOCK_SHB) return readNg(bytes, v);
  if (magicLe === PCAP_MAGIC_US || magicLe === PCAP_MAGIC_NS) return readClassic(bytes, v, true, magicLe === PCAP_MAGIC_NS);
  if (magicBe === PCAP_MAGIC_US || magicBe === PCAP_MAGIC_NS) return readClassic(bytes, v, false, magicBe === PCAP_MAGIC_NS);
  throw bad('neither a pcap nor a pcapng magic number', 0);
}
