/** The IPv4 header (RFC 791) and its options. */
import { ipv4ToString } from './address.js';
import { u16, u8 } from './bytes.js';

/** Length of the IPv4 header without options. */
export const IPV4_FIXED_LENGTH = 20;

/** One IPv4 option as found in the header. */
export interface Ipv4Option {
  /** Option type octet (copied flag, class and number), e.g. 7 record route, 148 router alert. */
  readonly type: number;
  /** Offset of the option in the dissected buffer. */
  readonly offset: number;
  /** Bytes the option occupies (1 for end-of-list and no-op). */
  readonly length: number;
}

/**
 * An IPv4 header. `truncated` means the captured bytes end before `totalLength` does (the
 * usual case for monitor events, which capture the first bytes of a packet) or before the
 * options do.
 */
export class Ipv4Layer {
  declare readonly kind: 'ipv4';
  /** The dissected buffer. */
  declare readonly bytes: Uint8Array;
  /** Where this header starts in `bytes`. */
  declare readonly offset: number;
  /** Version nibble (4 for a well-formed header; not checked, as gopacket does not either). */
  declare readonly version: number;
  /** Header length in 32-bit words. */
  declare readonly ihl: number;
  /** Type of service octet (DSCP << 2 | ECN). */
  declare readonly tos: number;
  /** Total length of the datagram as declared (0 is kept as 0; see `dissectPacket`). */
  declare readonly totalLength: number;
  /** Identification. */
  declare readonly id: number;
  /** The three flag bits (reserved 4, DF 2, MF 1), as gopacket's `IPv4Flag`. */
  declare readonly flags: number;
  /** Fragment offset in 8-byte units (multiply by 8 for bytes). */
  declare readonly fragmentOffset: number;
  /** Time to live. */
  declare readonly ttl: number;
  /** Protocol number of the payload (6 TCP, 17 UDP, 1 ICMP, 132 SCTP, …). */
  declare readonly protocol: number;
  /** Header checksum as transmitted. */
  declare readonly checksum: number;
  /** Header bytes present: `ihl * 4`, fewer when the options are cut, 20 when `ihl` < 5. */
  declare readonly headerLength: number;
  /** The options or the datagram (`totalLength`) run past the captured bytes. */
  declare readonly truncated: boolean;
  /** `ihl` below 5 or `totalLength` (when not 0) shorter than the header: gopacket rejects these. */
  declare readonly malformed: boolean;
  /**
   * @param limit end of the bytes this header may use (the buffer end, or the enclosing
   *   layer's declared end); at least 20 bytes past `offset`.
   */
  constructor(bytes: Uint8Array, offset: number, limit: number) {
    this.kind = 'ipv4';
    this.bytes = bytes;
    this.offset = offset;
    const b0 = u8(bytes, offset);
    this.version = b0 >> 4;
    this.ihl = b0 & 0x0f;
    this.tos = u8(bytes, offset + 1);
    this.totalLength = u16(bytes, offset + 2);
    this.id = u16(bytes, offset + 4);
    const flagsFragment = u16(bytes, offset + 6);
    this.flags = flagsFragment >> 13;
    this.fragmentOffset = flagsFragment & 0x1fff;
    this.ttl = u8(bytes, offset + 8);
    this.protocol = u8(bytes, offset + 9);
    this.checksum = u16(bytes, offset + 10);
    const declared = this.ihl * 4;
    this.malformed = this.ihl < 5 || (this.totalLength !== 0 && this.totalLength < declared);
    const wanted = this.malformed ? IPV4_FIXED_LENGTH : declared;
    this.headerLength = Math.min(wanted, limit - offset);
    this.truncated = this.headerLength < wanted || offset + this.totalLength > limit;
  }
  /** Differentiated services code point (upper six bits of `tos`). */
  get dscp(): number {
    return this.tos >> 2;
  }
  /** Explicit congestion notification (lower two bits of `tos`). */
  get ecn(): number {
    return this.tos & 3;
  }
  /** Don't-fragment flag. */
  get dontFragment(): boolean {
    return (this.flags & 2) !== 0;
  }
  /** More-fragments flag. */
  get moreFragments(): boolean {
    return (this.flags & 1) !== 0;
  }
  /** True for any fragment: MF set or a non-zero offset. gopacket stops before L4 on these. */
  get isFragment(): boolean {
    return this.moreFragments || this.fragmentOffset !== 0;
  }
  /** Source address, dotted quad. */
  get src(): string {
    return ipv4ToString(this.bytes, this.offset + 12);
  }
  /** Destination address, dotted quad. */
  get dst(): string {
    return ipv4ToString(this.bytes, this.offset + 16);
  }
  /** Bytes of options present (header minus the fixed 20). */
  get optionsLength(): number {
    return this.headerLength - IPV4_FIXED_LENGTH;
  }
  /**
   * The options, walked on demand. The walk stops at end-of-list, at a length that would
   * leave the header, or at an invalid length (< 2) — never past the captured header.
   */
  options(): Ipv4Option[] {
    const list: Ipv4Option[] = [];
    const end = this.offset + this.headerLength;
    let at = this.offset + IPV4_FIXED_LENGTH;
    while (at < end) {
      const type = u8(this.bytes, at);
      if (type === 0 || type === 1) {
        list.push({ type, offset: at, length: 1 });
        if (type === 0) break;
        at += 1;
        continue;
      }
      if (at + 1 >= end) break;
      const length = u8(this.bytes, at + 1);
      if (length < 2 || at + length > end) break;
      list.push({ type, offset: at, length });
      at += length;
    }
    return list;
  }
}
