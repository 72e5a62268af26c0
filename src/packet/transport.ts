/** Transport headers: TCP (RFC 9293), UDP (RFC 768), SCTP common header (RFC 9260). */
import { u16, u32, u8 } from './bytes.js';

/** Length of the TCP header without options. */
export const TCP_FIXED_LENGTH = 20;
/** Length of the UDP header. */
export const UDP_LENGTH = 8;
/** Length of the SCTP common header. */
export const SCTP_COMMON_LENGTH = 12;

/** Bits of {@link TcpLayer.flags}: the flags octet, with NS (from the data-offset octet) as bit 8. */
export const TcpFlag = {
  FIN: 0x001,
  SYN: 0x002,
  RST: 0x004,
  PSH: 0x008,
  ACK: 0x010,
  URG: 0x020,
  ECE: 0x040,
  CWR: 0x080,
  NS: 0x100,
} as const;

/** Flag names in the order Cilium prints them (Hubble's `TCP Flags:` summary; `cilium monitor` prints the first four). */
const FLAG_ORDER: readonly (keyof typeof TcpFlag)[] = ['SYN', 'ACK', 'RST', 'FIN', 'PSH', 'URG', 'ECE', 'CWR', 'NS'];

/**
 * Names of the flags set in `flags`, in Cilium's order: SYN, ACK, RST, FIN, PSH, URG, ECE,
 * CWR, NS. `cilium monitor` summaries show only SYN/ACK/RST/FIN: mask the rest off first.
 *
 * @example
 * tcpFlagNames(TcpFlag.SYN | TcpFlag.ACK).join(', ') // 'SYN, ACK'
 * tcpFlagNames(flags & (TcpFlag.SYN | TcpFlag.ACK | TcpFlag.RST | TcpFlag.FIN))
 */
export function tcpFlagNames(flags: number): string[] {
  const names: string[] = [];
  for (const name of FLAG_ORDER) if ((flags & TcpFlag[name]) !== 0) names.push(name);
  return names;
}

/** A TCP header. Flags are both the raw `flags` bits and one boolean per flag. */
export class TcpLayer {
  declare readonly kind: 'tcp';
  declare readonly offset: number;
  declare readonly srcPort: number;
  declare readonly dstPort: number;
  /** Sequence number. */
  declare readonly seq: number;
  /** Acknowledgment number. */
  declare readonly ackNumber: number;
  /** Data offset in 32-bit words. */
  declare readonly dataOffset: number;
  /** Flag bits, see {@link TcpFlag}. */
  declare readonly flags: number;
  declare readonly window: number;
  declare readonly checksum: number;
  declare readonly urgentPointer: number;
  /** Header bytes present: `dataOffset * 4`, fewer when options are cut, 20 when `dataOffset` < 5. */
  declare readonly headerLength: number;
  /** The options run past the captured bytes. */
  declare readonly truncated: boolean;
  /** `dataOffset` below 5: gopacket rejects this. */
  declare readonly malformed: boolean;
  /** @param limit end of the bytes the segment may use; at least 20 bytes past `offset`. */
  constructor(bytes: Uint8Array, offset: number, limit: number) {
    this.kind = 'tcp';
    this.offset = offset;
    this.srcPort = u16(bytes, offset);
    this.dstPort = u16(bytes, offset + 2);
    this.seq = u32(bytes, offset + 4);
    this.ackNumber = u32(bytes, offset + 8);
    const b12 = u8(bytes, offset + 12);
    this.dataOffset = b12 >> 4;
    this.flags = ((b12 & 1) << 8) | u8(bytes, offset + 13);
    this.window = u16(bytes, offset + 14);
    this.checksum = u16(bytes, offset + 16);
    this.urgentPointer = u16(bytes, offset + 18);
    this.malformed = this.dataOffset < 5;
    const wanted = this.malformed ? TCP_FIXED_LENGTH : this.dataOffset * 4;
    this.headerLength = Math.min(wanted, limit - offset);
    this.truncated = this.headerLength < wanted;
  }
  get fin(): boolean {
    return (this.flags & TcpFlag.FIN) !== 0;
  }
  get syn(): boolean {
    return (this.flags & TcpFlag.SYN) !== 0;
  }
  get rst(): boolean {
    return (this.flags & TcpFlag.RST) !== 0;
  }
  get psh(): boolean {
    return (this.flags & TcpFlag.PSH) !== 0;
  }
  get ack(): boolean {
    return (this.flags & TcpFlag.ACK) !== 0;
  }
  get urg(): boolean {
    return (this.flags & TcpFlag.URG) !== 0;
  }
  get ece(): boolean {
    return (this.flags & TcpFlag.ECE) !== 0;
  }
  get cwr(): boolean {
    return (this.flags & TcpFlag.CWR) !== 0;
  }
  get ns(): boolean {
    return (this.flags & TcpFlag.NS) !== 0;
  }
  /** Bytes of options present (header minus the fixed 20). */
  get optionsLength(): number {
    return this.headerLength - TCP_FIXED_LENGTH;
  }
}

/** A UDP header. */
export class UdpLayer {
  declare readonly kind: 'udp';
  declare readonly offset: number;
  /** Always 8. */
  declare readonly headerLength: number;
  declare readonly srcPort: number;
  declare readonly dstPort: number;
  /** Length field (header + data; 0 for jumbograms). */
  declare readonly length: number;
  declare readonly checksum: number;
  /** The datagram (`length`) runs past the captured bytes. */
  declare readonly truncated: boolean;
  /** `length` of 1–7: shorter than the header itself, which gopacket rejects. */
  declare readonly malformed: boolean;
  /** @param limit end of the bytes the datagram may use; at least 8 bytes past `offset`. */
  constructor(bytes: Uint8Array, offset: number, limit: number) {
    this.kind = 'udp';
    this.offset = offset;
    this.headerLength = UDP_LENGTH;
    this.srcPort = u16(bytes, offset);
    this.dstPort = u16(bytes, offset + 2);
    this.length = u16(bytes, offset + 4);
    this.checksum = u16(bytes, offset + 6);
    this.malformed = this.length !== 0 && this.length < UDP_LENGTH;
    this.truncated = offset + this.length > limit;
  }
}

/** An SCTP common header (the chunks follow as payload). */
export class SctpLayer {
  declare readonly kind: 'sctp';
  declare readonly offset: number;
  /** Always 12. */
  declare readonly headerLength: number;
  /** Always false: the common header declares no length. */
  declare readonly truncated: boolean;
  declare readonly srcPort: number;
  declare readonly dstPort: number;
  /** Verification tag. */
  declare readonly verificationTag: number;
  /** CRC32c checksum as transmitted. */
  declare readonly checksum: number;
  constructor(bytes: Uint8Array, offset: number) {
    this.kind = 'sctp';
    this.offset = offset;
    this.headerLength = SCTP_COMMON_LENGTH;
    this.truncated = false;
    this.srcPort = u16(bytes, offset);
    this.dstPort = u16(bytes, offset + 2);
    this.verificationTag = u32(bytes, offset + 4);
    this.checksum = u32(bytes, offset + 8);
  }
}
