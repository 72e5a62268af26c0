/**
 * Runs the gopacket parsers a release builds for one captured packet: the L2 or L3-device parser
 * chosen by the record flags, then, for VXLAN/Geneve records, the overlay parser over the outer
 * UDP payload. Shared by the connection summary, the JSON dissect summary and the Hubble flow.
 */
import type { Dialect } from './dialect.js';
import type { DecodedLayers, DecoderSet } from './gopacket/layer-types.js';
import { decodeLayers } from './gopacket/layers.js';

/** The record flags that steer packet decoding (drop/trace flags byte, policy-verdict bits). */
export interface PacketFlags {
  isL3Device: boolean;
  isIPv6: boolean;
  isVXLAN: boolean;
  isGeneve: boolean;
}

export const ETHERNET_START: PacketFlags = { isL3Device: false, isIPv6: false, isVXLAN: false, isGeneve: false };

export interface PacketDecode {
  outer: DecodedLayers;
  /** The overlay parser's result, when the record says VXLAN/Geneve and the dialect decodes it. */
  overlay: DecodedLayers | undefined;
}

/** The decoders and gopacket behaviours of `dialect`'s parsers (the overlay adds tunnels). */
export function decoderSet(dialect: Dialect): DecoderSet {
  const g = dialect.gopacket;
  return {
    vrrpAndIgmp: dialect.vrrpAndIgmp,
    tunnels: false,
    etherTypes: dialect.etherTypes,
    mptcp: dialect.mptcp,
    ipv4Order: g === 'v1.1.19' ? 'v1.1' : g === 'v1.3.1' ? 'v1.3.1' : 'v1.3.2',
    geneveOptionsReset: dialect.geneveOptionsReset,
  };
}

/** Where the UDP payload the overlay parser decodes lies in the packet (empty without UDP). */
export function udpPayload(outer: DecodedLayers): [start: number, end: number] {
  const udp = outer.udp;
  return outer.names.includes('UDP') && udp !== undefined ? [udp.payloadStart, udp.payloadEnd] : [0, 0];
}

/**
 * Decodes `packet` the way `dialect`'s Cilium does.
 *
 * Go feeds the overlay parser the payload of the UDP layer left in its parser cache, which can be
 * a previous packet's when this one has no UDP layer; here it is then empty (a decode error).
 */
export function decodePacket(packet: Uint8Array, flags: PacketFlags, dialect: Dialect): PacketDecode {
  const set = decoderSet(dialect);
  const first = !dialect.l3DeviceStart || !flags.isL3Device ? 'Ethernet' : flags.isIPv6 ? 'IPv6' : 'IPv4';
  const outer = decodeLayers(packet, first, set);
  if (!dialect.overlay || outer.error !== undefined || (!flags.isVXLAN && !flags.isGeneve)) {
    return { outer, overlay: undefined };
  }
  const overlay = decodeLayers(packet, flags.isVXLAN ? 'VXLAN' : 'Geneve', { ...set, tunnels: true }, ...udpPayload(outer));
  return { outer, overlay };
}
