/** ICMPv4 (RFC 792) and ICMPv6 (RFC 4443) headers. */
import { u16, u8 } from './bytes.js';
import { icmpv4TypeCodeString, icmpv6TypeCodeString } from './names.js';

/** Type, code, checksum and the 4-byte rest of header. */
export const ICMP_HEADER_LENGTH = 8;

/** ICMPv4 error types, whose body quotes the invoking datagram's IP header. */
function isIcmpv4Error(type: number): boolean {
  return type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
}

/** ICMPv6 error types are 0–127 (RFC 4443 §2.1); the four defined ones quote the invoking packet. */
function isIcmpv6Error(type: number): boolean {
  return type >= 1 && type <= 4;
}

abstract class IcmpHeader {
  declare readonly offset: number;
  /** Always 8. */
  declare readonly headerLength: number;
  /** Always false: ICMP declares no length of its own. */
  declare readonly truncated: boolean;
  declare readonly type: number;
  declare readonly code: number;
  declare readonly checksum: number;
  /** Identifier (bytes 4–5); meaningful for echo and other query messages. */
  declare readonly id: number;
  /** Sequence number (bytes 6–7); meaningful for echo and other query messages. */
  declare readonly seq: number;
  constructor(bytes: Uint8Array, offset: number) {
    this.offset = offset;
    this.headerLength = ICMP_HEADER_LENGTH;
    this.truncated = false;
    this.type = u8(bytes, offset);
    this.code = u8(bytes, offset + 1);
    this.checksum = u16(bytes, offset + 2);
    this.id = u16(bytes, offset + 4);
    this.seq = u16(bytes, offset + 6);
  }
  /** True for error messages, whose body (after these 8 bytes) quotes the invoking packet. */
  abstract get isError(): boolean;
  /** gopacket's type-code text, as `cilium monitor` prints it (`EchoRequest`, `DestinationUnreachable(Port)`). */
  abstract get typeCode(): string;
}

/** An ICMPv4 header. See `invokingPacket` for the datagram an error quotes. */
export class Icmpv4Layer extends IcmpHeader {
  declare readonly kind: 'icmpv4';
  constructor(bytes: Uint8Array, offset: number) {
    super(bytes, offset);
    this.kind = 'icmpv4';
  }
  get isError(): boolean {
    return isIcmpv4Error(this.type);
  }
  get typeCode(): string {
    return icmpv4TypeCodeString(this.type, this.code);
  }
}

/** An ICMPv6 header. See `invokingPacket` for the packet an error quotes. */
export class Icmpv6Layer extends IcmpHeader {
  declare readonly kind: 'icmpv6';
  constructor(bytes: Uint8Array, offset: number) {
    super(bytes, offset);
    this.kind = 'icmpv6';
  }
  get isError(): boolean {
    return isIcmpv6Error(this.type);
  }
  get typeCode(): string {
    return icmpv6TypeCodeString(this.type, this.code);
  }
}
