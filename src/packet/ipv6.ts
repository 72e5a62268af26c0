/** The IPv6 header (RFC 8200) and the walk over its extension headers. */
import { ipv6ToString } from './address.js';
import { u16, u32, u8 } from './bytes.js';

/** Length of the fixed IPv6 header. */
export const IPV6_FIXED_LENGTH = 40;

/** At most this many extension headers are walked; RFC 8200 chains are far shorter. */
export const MAX_IPV6_EXTENSIONS = 16;

/** Protocol numbers of the extension headers walked: hop-by-hop, routing, fragment, AH, destination options. */
export const IPV6_HOP_BY_HOP = 0;
const IPV6_ROUTING = 43;
export const IPV6_FRAGMENT = 44;
const IPV6_AUTH = 51;
const IPV6_DEST_OPTS = 60;

/** One extension header in the chain. */
export interface Ipv6Extension {
  /** Its protocol number (0, 43, 44, 51 or 60). */
  readonly type: number;
  /** Where it starts in the dissected buffer. */
  readonly offset: number;
  /** Its length in bytes, as declared. */
  readonly length: number;
}

/** The fragment extension header's fields. */
export interface Ipv6Fragment {
  /** Fragment offset in 8-byte units. */
  readonly fragmentOffset: number;
  /** M flag. */
  readonly moreFragments: boolean;
  /** Identification. */
  readonly id: number;
}

const NO_EXTENSIONS: readonly Ipv6Extension[] = Object.freeze([]);

function isExtension(type: number): boolean {
  return (
    type === IPV6_HOP_BY_HOP ||
    type === IPV6_ROUTING ||
    type === IPV6_FRAGMENT ||
    type === IPV6_AUTH ||
    type === IPV6_DEST_OPTS
  );
}

/**
 * An IPv6 header with its extension headers. `protocol` is the upper-layer protocol after
 * the chain; `headerLength` covers the fixed header and every extension walked.
 */
export class Ipv6Layer {
  declare readonly kind: 'ipv6';
  /** The dissected buffer. */
  declare readonly bytes: Uint8Array;
  /** Where this header starts in `bytes`. */
  declare readonly offset: number;
  /** Version nibble (6 for a well-formed header). */
  declare readonly version: number;
  /** Traffic class octet. */
  declare readonly trafficClass: number;
  /** Flow label (20 bits). */
  declare readonly flowLabel: number;
  /** Payload length as declared (0 for jumbograms and GSO packets). */
  declare readonly payloadLength: number;
  /** Next header of the fixed header (the first extension, or the upper-layer protocol). */
  declare readonly nextHeader: number;
  /** Hop limit. */
  declare readonly hopLimit: number;
  /** Extension headers in order (shared empty array when there are none). */
  declare readonly extensions: readonly Ipv6Extension[];
  /** Upper-layer protocol after the extension headers (59 = no next header). */
  declare readonly protocol: number;
  /** The fragment header, when there is one. */
  declare readonly fragment: Ipv6Fragment | null;
  /** Fixed header plus the extension headers walked (and the start of a cut one). */
  declare readonly headerLength: number;
  /** The payload or an extension header runs past the captured bytes. */
  declare readonly truncated: boolean;
  /** True when an extension header was cut short by the end of the bytes. */
  declare readonly extensionCut: boolean;
  /**
   * The walk stopped on an inconsistency: more than {@link MAX_IPV6_EXTENSIONS} extension
   * headers, or one reaching past the declared payload length.
   */
  declare readonly malformed: boolean;
  /**
   * @param limit end of the bytes this header may use; at least 40 bytes past `offset`.
   */
  constructor(bytes: Uint8Array, offset: number, limit: number) {
    this.kind = 'ipv6';
    this.bytes = bytes;
    this.offset = offset;
    const word0 = u32(bytes, offset);
    this.version = word0 >>> 28;
    this.trafficClass = (word0 >>> 20) & 0xff;
    this.flowLabel = word0 & 0xfffff;
    this.payloadLength = u16(bytes, offset + 4);
    this.nextHeader = u8(bytes, offset + 6);
    this.hopLimit = u8(bytes, offset + 7);

    // Extensions live inside the declared payload; past it (or past the bytes) is a cut.
    const declaredEnd = this.payloadLength === 0 ? limit : offset + IPV6_FIXED_LENGTH + this.payloadLength;
    const end = Math.min(limit, declaredEnd);
    let extensions: Ipv6Extension[] | null = null;
    let fragment: Ipv6Fragment | null = null;
    let type = this.nextHeader;
    let at = offset + IPV6_FIXED_LENGTH;
    let cut = false;
    let malformed = false;
    while (isExtension(type)) {
      if ((extensions?.length ?? 0) === MAX_IPV6_EXTENSIONS) {
        malformed = true;
        break;
      }
      const fixed = type === IPV6_FRAGMENT ? 8 : 2;
      if (at + fixed > end) {
        // Past the declared payload but within the bytes: the lengths disagree.
        if (end < limit) malformed = true;
        else cut = true;
        break;
      }
      const length = type === IPV6_FRAGMENT ? 8 : type === IPV6_AUTH ? (u8(bytes, at + 1) + 2) * 4 : (u8(bytes, at + 1) + 1) * 8;
      if (at + length > end) {
        if (end < limit) malformed = true;
        else cut = true;
        break;
      }
      if (type === IPV6_FRAGMENT) {
        const word = u16(bytes, at + 2);
        fragment = { fragmentOffset: word >> 3, moreFragments: (word & 1) !== 0, id: u32(bytes, at + 4) };
      }
      (extensions ??= []).push({ type, offset: at, length });
      type = u8(bytes, at);
      at += length;
    }
    this.extensions = extensions ?? NO_EXTENSIONS;
    this.fragment = fragment;
    this.protocol = type;
    // A cut extension header still belongs to this layer, as cut options do to IPv4 and TCP.
    this.headerLength = (cut ? end : at) - offset;
    this.extensionCut = cut;
    this.malformed = malformed;
    this.truncated = cut || declaredEnd > limit;
  }
  /** Source address, Go `net.IP.String()` text. */
  get src(): string {
    return ipv6ToString(this.bytes, this.offset + 8);
  }
  /** Destination address, Go `net.IP.String()` text. */
  get dst(): string {
    return ipv6ToString(this.bytes, this.offset + 24);
  }
  /** True when a fragment header is present (gopacket stops before L4 on any extension but hop-by-hop). */
  get isFragment(): boolean {
    return this.fragment !== null;
  }
}
