/** The layers and decoder sets of the gopacket re-implementation (`layers.ts`). */
import { goIPStringAt } from '../go-text.js';
import type { EtherTypeRegistry } from './names.js';

export type LayerName =
  | 'Ethernet'
  | 'IPv4'
  | 'IPv6'
  | 'ICMPv4'
  | 'ICMPv6'
  | 'TCP'
  | 'UDP'
  | 'SCTP'
  | 'VRRP'
  | 'IGMP'
  | 'VXLAN'
  | 'Geneve';

const NIL = new Uint8Array(0);

/**
 * gopacket's `BaseLayer`: Contents and Payload, kept as offsets into the buffer the parser ran
 * over (`bytes`). The views are made only when read (`-vv`, JSON, flows): on Node 20 each view
 * is a new typed array costing ~25 ns, and a connection summary needs none of them.
 */
export class BaseLayer {
  contentsStart = 0;
  contentsEnd = 0;
  payloadStart = 0;
  payloadEnd = 0;

  constructor(readonly bytes: Uint8Array) {}

  get contents(): Uint8Array {
    return this.bytes.subarray(this.contentsStart, this.contentsEnd);
  }

  get payload(): Uint8Array {
    return this.bytes.subarray(this.payloadStart, this.payloadEnd);
  }

  /** Contents `[start, split)`, Payload `[split, end)`: how most decoders slice their data. */
  split(start: number, split: number, end: number): void {
    this.contentsStart = start;
    this.contentsEnd = split;
    this.payloadStart = split;
    this.payloadEnd = end;
  }
}

export class EthernetLayer extends BaseLayer {
  /** EtherType after gopacket's rewrite of 802.3 lengths (< 0x600) to LLC (0). */
  etherType = 0;
  /** 802.3 length field, 0 for Ethernet II. */
  length = 0;

  get dst(): Uint8Array {
    return this.bytes.subarray(this.contentsStart, this.contentsStart + 6);
  }

  get src(): Uint8Array {
    return this.bytes.subarray(this.contentsStart + 6, this.contentsStart + 12);
  }
}

/** An IP layer's addresses: `addrAt` is where the source starts in `bytes` (-1: nil), the destination follows. */
export class IPLayer extends BaseLayer {
  addrAt = -1;

  constructor(
    bytes: Uint8Array,
    /** Address length: 4 or 16. */
    readonly addrLength: number,
  ) {
    super(bytes);
  }

  get src(): Uint8Array {
    return this.addrAt < 0 ? NIL : this.bytes.subarray(this.addrAt, this.addrAt + this.addrLength);
  }

  get dst(): Uint8Array {
    return this.addrAt < 0 ? NIL : this.bytes.subarray(this.addrAt + this.addrLength, this.addrAt + 2 * this.addrLength);
  }

  /** `net.IP.String()` of the source (`which` 0) or destination (1), read in place; nil is `<nil>`. */
  addrText(which: 0 | 1): string {
    return this.addrAt < 0 ? '<nil>' : goIPStringAt(this.bytes, this.addrAt + which * this.addrLength, this.addrLength);
  }
}

export class IPv4Layer extends IPLayer {
  version = 0;
  ihl = 0;
  tos = 0;
  length = 0;
  id = 0;
  flags = 0;
  fragOffset = 0;
  ttl = 0;
  protocol = 0;
  checksum = 0;
  /** Options as gopacket lists them (`data` undefined for EOL/NOP) and the bytes after EOL. */
  options: { type: number; data: Uint8Array | undefined }[] = [];
  padding: Uint8Array = NIL;

  constructor(bytes: Uint8Array) {
    super(bytes, 4);
  }
}

export class IPv6Layer extends IPLayer {
  version = 0;
  trafficClass = 0;
  flowLabel = 0;
  length = 0;
  nextHeader = 0;
  hopLimit = 0;
  /** The hop-by-hop header gopacket absorbs into the IPv6 layer, when there is one. */
  hopByHop: HopByHop | undefined = undefined;

  constructor(bytes: Uint8Array) {
    super(bytes, 16);
  }
}

export interface HopByHop {
  next: number;
  headerLength: number;
  actualLength: number;
  contents: Uint8Array;
  payload: Uint8Array;
  /** TLV options; Pad1 has type 0 and actual length 1. */
  options: { type: number; length: number; actualLength: number; data: Uint8Array }[];
}

/**
 * One TCP option as gopacket's loop records it: `data` is `OptionData` (nil for EndList, NOP
 * and MPTCP options); `text` is set for MPTCP options, whose `String()` gopacket formats from
 * the sub-structure it decoded.
 */
export interface TCPOption {
  kind: number;
  data: Uint8Array | undefined;
  text: string | undefined;
}

export class TCPLayer extends BaseLayer {
  srcPort = 0;
  dstPort = 0;
  seq = 0;
  ack = 0;
  dataOffset = 0;
  /** Byte 13 of the header: FIN 0x01 … CWR 0x80. */
  flags = 0;
  ns = false;
  window = 0;
  checksum = 0;
  urgent = 0;
  /** The options, the bytes after an EndList option, and whether an MPTCP option was seen. */
  options: TCPOption[] = [];
  padding: Uint8Array = NIL;
  multipath = false;
}

export class PortsLayer extends BaseLayer {
  srcPort = 0;
  dstPort = 0;
}

export class UDPLayer extends PortsLayer {
  length = 0;
  checksum = 0;
}

export class ICMPLayer extends BaseLayer {
  type = 0;
  code = 0;
  checksum = 0;
}

export interface VRRPLayer {
  version: number;
  type: number;
  vrid: number;
  priority: number;
  count: number;
  authType: number;
  adverInt: number;
  checksum: number;
  addresses: Uint8Array[];
  contents: Uint8Array;
}

export interface IGMPLayer {
  type: number;
  /** Raw max-response code (gopacket turns it into a duration). */
  maxResponse: number;
  checksum: number;
  group: Uint8Array;
}

export class TunnelLayer extends BaseLayer {
  vni = 0;
  /** Geneve protocol type (an EtherType); VXLAN always carries Ethernet. */
  protocol = 0;
  /** VXLAN flag bytes 0-1 and group policy id; Geneve version/options header bits. */
  flags = 0;
  policyId = 0;
  /** Geneve options: class, type, flags, length, data. */
  options: { cls: number; type: number; flags: number; length: number; data: Uint8Array }[] = [];
}

/** The outcome of one `DecodeLayers` call. Fields hold the last layer of each kind decoded. */
export interface DecodedLayers {
  names: LayerName[];
  /** gopacket's error text when a layer failed to decode (the failing layer is not in `names`). */
  error: string | undefined;
  /** gopacket's `Truncated` feedback flag. */
  truncated: boolean;
  /**
   * gopacket's name of the layer type decoding stopped at for want of a decoder, when bytes
   * were left (`Payload`, `ARP`, `TLS`, …). Parsers without `IgnoreUnsupported` report it.
   */
  unsupported: string | undefined;
  ethernet?: EthernetLayer;
  ipv4?: IPv4Layer;
  ipv6?: IPv6Layer;
  tcp?: TCPLayer;
  udp?: UDPLayer;
  sctp?: PortsLayer;
  icmpv4?: ICMPLayer;
  icmpv6?: ICMPLayer;
  vrrp?: VRRPLayer;
  igmp?: IGMPLayer;
  vxlan?: TunnelLayer;
  geneve?: TunnelLayer;
}

/** Which decoders a parser was built with (differs per Cilium release). */
export interface DecoderSet {
  /** VRRPv2 and IGMPv1/2 decoders (Cilium 1.19). */
  vrrpAndIgmp: boolean;
  /** VXLAN and Geneve decoders (only in the overlay parser). */
  tunnels: boolean;
  /** EtherTypes the gopacket build registers: `raw` (≥ v1.4) decodes as IPv4, `mdp` (≥ v1.3). */
  etherTypes: EtherTypeRegistry;
  /**
   * TCP option kind 30: `'decode'` (gopacket v1.3–v1.5 decode the MPTCP sub-option without
   * checking its length against the header), `'checked'` (v1.6 also rejects length 0),
   * `'generic'` (v1.1.19: an ordinary TLV option). Defaults to `'decode'`.
   */
  mptcp?: 'generic' | 'decode' | 'checked';
  /**
   * The order in which gopacket's IPv4 decoder fills its (reused) struct, which shows when an
   * IPv4 layer decodes twice in one packet and the second fails or returns early:
   * `'v1.1'` (v1.1.19) sets every header field before its checks; `'v1.3.1'` sets them after
   * the options and returns early at an End-of-Options option without setting them; `'v1.3.2'`
   * (later) breaks out of the options loop instead. Defaults to `'v1.3.2'`.
   */
  ipv4Order?: 'v1.1' | 'v1.3.1' | 'v1.3.2';
  /** gopacket v1.6 resets Geneve `Options` per decode (before, they accumulate). */
  geneveOptionsReset?: boolean;
}
