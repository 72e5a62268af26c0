/**
 * IGMPv1/v2 (RFC 2236) and VRRPv2 (RFC 3768): the two IP protocols besides TCP/UDP/SCTP/ICMP
 * that `cilium monitor` summaries and Hubble flows name.
 */
import { ipv4ToString } from './address.js';
import { u16, u8 } from './bytes.js';
import { igmpTypeName, vrrpTypeName } from './names.js';

/** IGMPv1/v2 message length (v3 queries and reports are longer; their first 8 bytes read the same). */
export const IGMP_LENGTH = 8;
/** VRRPv2 fixed part before the addresses. */
export const VRRP_FIXED_LENGTH = 8;

/** An IGMP message header. */
export class IgmpLayer {
  declare readonly kind: 'igmp';
  declare readonly bytes: Uint8Array;
  declare readonly offset: number;
  /** Always 8. */
  declare readonly headerLength: number;
  /** Always false. */
  declare readonly truncated: boolean;
  /** Message type (0x11 query, 0x12/0x16/0x22 reports, 0x17 leave). */
  declare readonly type: number;
  /** Max response time octet, raw (tenths of a second in v2). */
  declare readonly maxResponseTime: number;
  declare readonly checksum: number;
  constructor(bytes: Uint8Array, offset: number) {
    this.kind = 'igmp';
    this.bytes = bytes;
    this.offset = offset;
    this.headerLength = IGMP_LENGTH;
    this.truncated = false;
    this.type = u8(bytes, offset);
    this.maxResponseTime = u8(bytes, offset + 1);
    this.checksum = u16(bytes, offset + 2);
  }
  /** Group address, dotted quad. */
  get groupAddress(): string {
    return ipv4ToString(this.bytes, this.offset + 4);
  }
  /** gopacket's `IGMPType.String()`. */
  get typeName(): string {
    return igmpTypeName(this.type);
  }
}

/** A VRRPv2 advertisement. */
export class VrrpLayer {
  declare readonly kind: 'vrrp';
  declare readonly bytes: Uint8Array;
  declare readonly offset: number;
  declare readonly version: number;
  /** Packet type (1 = advertisement). */
  declare readonly type: number;
  /** Virtual router id. */
  declare readonly virtualRouterId: number;
  declare readonly priority: number;
  /** Count of IPv4 addresses that follow the fixed part. */
  declare readonly addressCount: number;
  declare readonly authType: number;
  /** Advertisement interval in seconds. */
  declare readonly advertInterval: number;
  declare readonly checksum: number;
  /** Fixed part plus the addresses, clipped to the captured bytes. */
  declare readonly headerLength: number;
  /** The addresses run past the captured bytes. */
  declare readonly truncated: boolean;
  /** @param limit end of the bytes the message may use; at least 8 bytes past `offset`. */
  constructor(bytes: Uint8Array, offset: number, limit: number) {
    this.kind = 'vrrp';
    this.bytes = bytes;
    this.offset = offset;
    const b0 = u8(bytes, offset);
    this.version = b0 >> 4;
    this.type = b0 & 0x0f;
    this.virtualRouterId = u8(bytes, offset + 1);
    this.priority = u8(bytes, offset + 2);
    this.addressCount = u8(bytes, offset + 3);
    this.authType = u8(bytes, offset + 4);
    this.advertInterval = u8(bytes, offset + 5);
    this.checksum = u16(bytes, offset + 6);
    const full = VRRP_FIXED_LENGTH + 4 * this.addressCount;
    this.truncated = offset + full > limit;
    this.headerLength = this.truncated ? limit - offset : full;
  }
  /** gopacket's `VRRPv2Type.String()`. */
  get typeName(): string {
    return vrrpTypeName(this.type);
  }
  /** The virtual addresses that were captured, dotted quads. */
  get addresses(): string[] {
    const list: string[] = [];
    for (let at = VRRP_FIXED_LENGTH; at + 4 <= this.headerLength; at += 4) list.push(ipv4ToString(this.bytes, this.offset + at));
    return list;
  }
}
