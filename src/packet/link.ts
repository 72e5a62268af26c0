/** Link-layer headers: Ethernet II / 802.3, 802.1Q and 802.1ad (QinQ) tags, ARP. */
import { ipv4ToString, ipv6ToString, macToString } from './address.js';
import { u16, u8 } from './bytes.js';

/** An Ethernet header (14 bytes). */
export class EthernetLayer {
  readonly kind = 'ethernet' as const;
  readonly headerLength = 14;
  /** Always false: Ethernet II declares no length. */
  readonly truncated = false;
  /**
   * The type/length field. Values of 0x0600 and above are EtherTypes; below that the field
   * is an 802.3 length (gopacket then calls the type `LLC`, see `etherTypeName`).
   */
  readonly etherType: number;
  constructor(
    /** The dissected buffer (shared by all layers of a packet). */
    readonly bytes: Uint8Array,
    /** Where this header starts in `bytes`. */
    readonly offset: number,
  ) {
    this.etherType = u16(bytes, offset + 12);
  }
  /** Destination MAC, e.g. `ff:ff:ff:ff:ff:ff`. */
  get dst(): string {
    return macToString(this.bytes, this.offset);
  }
  /** Source MAC. */
  get src(): string {
    return macToString(this.bytes, this.offset + 6);
  }
}

/** EtherTypes that announce a VLAN tag: 802.1Q, 802.1ad, and the pre-standard QinQ 0x9100. */
export function isVlanTpid(etherType: number): boolean {
  return etherType === 0x8100 || etherType === 0x88a8 || etherType === 0x9100;
}

/** One 802.1Q / 802.1ad tag (4 bytes: TCI then the next EtherType). */
export class VlanLayer {
  readonly kind = 'vlan' as const;
  readonly headerLength = 4;
  readonly truncated = false;
  /** Priority code point (3 bits). */
  readonly priority: number;
  /** Drop eligible indicator (formerly CFI). */
  readonly dropEligible: boolean;
  /** VLAN identifier (12 bits). */
  readonly vlanId: number;
  /** EtherType of what follows the tag. */
  readonly etherType: number;
  constructor(
    bytes: Uint8Array,
    readonly offset: number,
    /** The EtherType that announced this tag (0x8100, 0x88a8 or 0x9100). */
    readonly tpid: number,
  ) {
    const tci = u16(bytes, offset);
    this.priority = tci >> 13;
    this.dropEligible = (tci & 0x1000) !== 0;
    this.vlanId = tci & 0x0fff;
    this.etherType = u16(bytes, offset + 2);
  }
}

/** Fixed part of an ARP message, before the addresses. */
export const ARP_FIXED_LENGTH = 8;

/** An ARP message (RFC 826). Addresses are read lazily, as far as the captured bytes go. */
export class ArpLayer {
  readonly kind = 'arp' as const;
  /** Hardware type (1 = Ethernet). */
  readonly hardwareType: number;
  /** Protocol type (an EtherType; 0x0800 for IPv4). */
  readonly protocolType: number;
  /** Hardware address length in bytes. */
  readonly hardwareSize: number;
  /** Protocol address length in bytes. */
  readonly protocolSize: number;
  /** Operation: 1 request, 2 reply (3/4 RARP). */
  readonly operation: number;
  /** Fixed part plus the four addresses, clipped to the captured bytes. */
  readonly headerLength: number;
  /** True when the captured bytes end before the last address does. */
  readonly truncated: boolean;
  constructor(
    readonly bytes: Uint8Array,
    readonly offset: number,
    limit: number,
  ) {
    this.hardwareType = u16(bytes, offset);
    this.protocolType = u16(bytes, offset + 2);
    this.hardwareSize = u8(bytes, offset + 4);
    this.protocolSize = u8(bytes, offset + 5);
    this.operation = u16(bytes, offset + 6);
    const full = ARP_FIXED_LENGTH + 2 * (this.hardwareSize + this.protocolSize);
    this.truncated = offset + full > limit;
    this.headerLength = this.truncated ? limit - offset : full;
  }
  /** Sender hardware address (colon hex), or null when not captured. */
  get senderHardwareAddress(): string | null {
    return this.hardware(ARP_FIXED_LENGTH);
  }
  /** Sender protocol address (IP text for 4- or 16-byte addresses), or null when not captured. */
  get senderProtocolAddress(): string | null {
    return this.protocol(ARP_FIXED_LENGTH + this.hardwareSize);
  }
  /** Target hardware address, or null when not captured. */
  get targetHardwareAddress(): string | null {
    return this.hardware(ARP_FIXED_LENGTH + this.hardwareSize + this.protocolSize);
  }
  /** Target protocol address, or null when not captured. */
  get targetProtocolAddress(): string | null {
    return this.protocol(ARP_FIXED_LENGTH + 2 * this.hardwareSize + this.protocolSize);
  }
  private hardware(at: number): string | null {
    if (at + this.hardwareSize > this.headerLength) return null;
    return macToString(this.bytes, this.offset + at, this.hardwareSize);
  }
  private protocol(at: number): string | null {
    if (at + this.protocolSize > this.headerLength) return null;
    const start = this.offset + at;
    if (this.protocolSize === 4) return ipv4ToString(this.bytes, start);
    if (this.protocolSize === 16) return ipv6ToString(this.bytes, start);
    return macToString(this.bytes, start, this.protocolSize);
  }
}
