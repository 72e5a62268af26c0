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
  readonly kind = 'igmp' as const;
  readonly headerLength = IGMP_LENGTH;
  readonly truncated = false;
  /** Message type (0x11 query, 0x12/0x16/0x22 reports, 0x17 leave). */
  readonly type: number;
  /** Max response time octet, raw (tenths of a second in v2). */
  readonly maxResponseTime: number;
  readonly checksum: number;
  constructor(
    readonly bytes: Uint8Array,
    readonly offset: number,
  ) {
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
  readonly kind = 'vrrp' as const;
  readonly version: number;
  /** Packet type (1 = advertisement). */
  readonly type: number;
  /** Virtual router id. */
  readonly virtualRouterId: number;
  readonly priority: number;
  /** Count of IPv4 addresses that follow the fixed part. */
  readonly addressCount: number;
  readonly authType: number;
  /** Advertisement interval in seconds. */
  readonly advertInterval: number;
  readonly checksum: number;
  /** Fixed part plus the addresses, clipped to the captured bytes. */
  readonly headerLength: number;
  /** The addresses run past the captured bytes. */
  readonly truncated: boolean;
  /** @param limit end of the bytes the message may use; at least 8 bytes past `offset`. */
  constructor(
    readonly bytes: Uint8Array,
    readonly offset: number,
    limit: number,
  ) {
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
