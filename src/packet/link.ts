/** Link-layer headers: Ethernet II / 802.3, 802.1Q and 802.1ad (QinQ) tags, ARP. */
import { ipv4ToString, ipv6ToString, macToString } from './address.js';
import { u16, u8 } from './bytes.js';

// Layer fields are `declare`d and assigned in the constructor throughout src/packet: native
// class fields (define semantics) make constructing a layer about twice as slow in V8.

/** An Ethernet header (14 bytes). */
export class EthernetLayer {
  declare readonly kind: 'ethernet';
  /** The dissected buffer (shared by all layers of a packet). */
  declare readonly bytes: Uint8Array;
  /** Where this header starts in `bytes`. */
  declare readonly offset: number;
  /** Always 14. */
  declare readonly headerLength: number;
  /** Always false: Ethernet II declares no length. */
  declare readonly truncated: boolean;
  /**
   * The type/length field. Values of 0x0600 and above are EtherTypes; below that the field
   * is an 802.3 length (gopacket then calls the type `LLC`, see `etherTypeName`).
   */
  declare readonly etherType: number;
  constructor(bytes: Uint8Array, offset: number) {
    this.kind = 'ethernet';
    this.bytes = bytes;
    this.offset = offset;
    this.headerLength = 14;
    this.truncated = false;
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
  declare readonly kind: 'vlan';
  declare readonly offset: number;
  /** Always 4. */
  declare readonly headerLength: number;
  /** Always false. */
  declare readonly truncated: boolean;
  /** The EtherType that announced this tag (0x8100, 0x88a8 or 0x9100). */
  declare readonly tpid: number;
  /** Priority code point (3 bits). */
  declare readonly priority: number;
  /** Drop eligible indicator (formerly CFI). */
  declare readonly dropEligible: boolean;
  /** VLAN identifier (12 bits). */
  declare readonly vlanId: number;
  /** EtherType of what follows the tag. */
  declare readonly etherType: number;
  constructor(bytes: Uint8Array, offset: number, tpid: number) {
    this.kind = 'vlan';
    this.offset = offset;
    this.headerLength = 4;
    this.truncated = false;
    this.tpid = tpid;
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
  declare readonly kind: 'arp';
  declare readonly bytes: Uint8Array;
  declare readonly offset: number;
  /** Hardware type (1 = Ethernet). */
  declare readonly hardwareType: number;
  /** Protocol type (an EtherType; 0x0800 for IPv4). */
  declare readonly protocolType: number;
  /** Hardware address length in bytes. */
  declare readonly hardwareSize: number;
  /** Protocol address length in bytes. */
  declare readonly protocolSize: number;
  /** Operation: 1 request, 2 reply (3/4 RARP). */
  declare readonly operation: number;
  /** Fixed part plus the four addresses, clipped to the captured bytes. */
  declare readonly headerLength: number;
  /** True when the captured bytes end before the last address does. */
  declare readonly truncated: boolean;
  /** @param limit end of the bytes the message may use; at least 8 bytes past `offset`. */
  constructor(bytes: Uint8Array, offset: number, limit: number) {
    this.kind = 'arp';
    this.bytes = bytes;
    this.offset = offset;
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
