/**
 * gopacket's registries that decide what follows a layer: EtherType, IP protocol, TCP/UDP port
 * and ICMPv6 type to layer type, and the `IPProtocol.String()` names. Types Cilium's parsers
 * cannot decode are kept by name, because parsers built without `IgnoreUnsupported` report them.
 */
import type { DecoderSet, LayerName } from './layer-types.js';

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_RAW = 0xffff;
const ETHERTYPE_TEB = 0x6558;

const UDP_PORT_VXLAN = 4789;
const UDP_PORT_GENEVE = 6081;

/**
 * What follows a decoded layer: a layer we decode, `{ other }` naming a gopacket layer type
 * without a decoder here, or `null` for gopacket's `LayerTypeZero` (nothing registered).
 */
export type Next = LayerName | { other: string } | null;

export const PAYLOAD = { other: 'Payload' } as const;

/** gopacket layer types of IP protocols Cilium's parsers have no decoder for. */
const OTHER_IP_PROTOCOLS: Readonly<Record<number, string>> = {
  0: 'IPv6HopByHop',
  2: 'IGMP',
  27: 'RUDP',
  43: 'IPv6Routing',
  44: 'IPv6Fragment',
  47: 'GRE',
  50: 'IPSecESP',
  51: 'IPSecAH',
  59: 'Payload',
  60: 'IPv6Destination',
  89: 'OSPF',
  97: 'EtherIP',
  112: 'VRRP',
  136: 'UDPLite',
  137: 'MPLS',
};

/** gopacket layer types of EtherTypes without a decoder here. */
const OTHER_ETHER_TYPES: Readonly<Record<number, string>> = {
  0x0000: 'LLC',
  0x0806: 'ARP',
  0x8100: 'Dot1Q',
  0x88a8: 'Dot1Q',
  0x880b: 'PPP',
  0x8863: 'PPPoE',
  0x8864: 'PPPoE',
  0x9000: 'EthernetCTP',
  0x2000: 'CiscoDiscovery',
  0x01a2: 'NortelDiscovery',
  0x88cc: 'LinkLayerDiscovery',
  0x8847: 'MPLS',
  0x8848: 'MPLS',
  0x888e: 'EAPOL',
  0x88be: 'ERSPAN Type II',
};

/** `TCPPort.LayerType()`. */
const TCP_PORT_LAYERS: Readonly<Record<number, string>> = {
  53: 'DNS',
  443: 'TLS',
  502: 'ModbusTCP',
  636: 'TLS',
  989: 'TLS',
  990: 'TLS',
  992: 'TLS',
  993: 'TLS',
  994: 'TLS',
  995: 'TLS',
  5061: 'TLS',
};

/** `UDPPort.LayerType()` (VXLAN and Geneve are decoded where tunnels are). */
const UDP_PORT_LAYERS: Readonly<Record<number, string>> = {
  53: 'DNS',
  67: 'DHCPv4',
  68: 'DHCPv4',
  123: 'NTP',
  546: 'DHCPv6',
  547: 'DHCPv6',
  623: 'RMCP',
  1812: 'RADIUS',
  2152: 'GTPv1U',
  3784: 'BFD',
  4789: 'VXLAN',
  5060: 'SIP',
  6081: 'Geneve',
  6343: 'SFlow',
};

/** `ICMPv6.NextLayerType()`. */
export function icmpv6Next(type: number, payloadLength: number): Next {
  switch (type) {
    case 128:
    case 129:
      return { other: 'ICMPv6Echo' };
    case 133:
      return { other: 'ICMPv6RouterSolicitation' };
    case 134:
      return { other: 'ICMPv6RouterAdvertisement' };
    case 135:
      return { other: 'ICMPv6NeighborSolicitation' };
    case 136:
      return { other: 'ICMPv6NeighborAdvertisement' };
    case 137:
      return { other: 'ICMPv6Redirect' };
    case 130:
      return { other: payloadLength > 20 ? 'MLDv2MulticastListenerQuery' : 'MLDv1MulticastListenerQuery' };
    case 131:
      return { other: 'MLDv1MulticastListenerReport' };
    case 132:
      return { other: 'MLDv1MulticastListenerDone' };
    case 143:
      return { other: 'MLDv2MulticastListenerReport' };
    default:
      return PAYLOAD;
  }
}

export function ipProtocolLayer(proto: number, set: DecoderSet): Next {
  switch (proto) {
    case 1:
      return 'ICMPv4';
    case 4:
    case 94:
      return 'IPv4';
    case 6:
      return 'TCP';
    case 17:
      return 'UDP';
    case 41:
      return 'IPv6';
    case 58:
      return 'ICMPv6';
    case 132:
      return 'SCTP';
    case 2:
      if (set.vrrpAndIgmp) return 'IGMP';
      break;
    case 112:
      if (set.vrrpAndIgmp) return 'VRRP';
      break;
  }
  const other = OTHER_IP_PROTOCOLS[proto];
  return other === undefined ? null : { other };
}

export function etherTypeLayer(type: number, set: DecoderSet): Next {
  switch (type) {
    case ETHERTYPE_IPV4:
      return 'IPv4';
    case ETHERTYPE_RAW:
      return set.etherTypes.raw ? 'IPv4' : null;
    case ETHERTYPE_IPV6:
      return 'IPv6';
    case ETHERTYPE_TEB:
      return 'Ethernet';
  }
  if (type === 0x0712) return set.etherTypes.mdp ? { other: 'MDP' } : null;
  const other = OTHER_ETHER_TYPES[type];
  return other === undefined ? null : { other };
}

/** A port table as the loop's next steps, made once (two lookups per TCP/UDP packet). */
function portSteps(table: Readonly<Record<number, string>>): ReadonlyMap<number, Next> {
  return new Map(Object.entries(table).map(([port, other]) => [Number(port), { other }]));
}

const UDP_PORT_STEPS = portSteps(UDP_PORT_LAYERS);
const TCP_PORT_STEPS = portSteps(TCP_PORT_LAYERS);

export function udpPortLayer(port: number, set: DecoderSet): Next {
  if (set.tunnels && port === UDP_PORT_VXLAN) return 'VXLAN';
  if (set.tunnels && port === UDP_PORT_GENEVE) return 'Geneve';
  return UDP_PORT_STEPS.get(port) ?? PAYLOAD;
}

export function tcpPortLayer(port: number): Next {
  return TCP_PORT_STEPS.get(port) ?? PAYLOAD;
}

/** gopacket picks the destination port's layer type unless it is Payload. */
export function portLayer(dst: Next, src: Next): Next {
  return typeof dst === 'object' && dst !== null && dst.other === 'Payload' ? src : dst;
}

export function ipProtocolName(proto: number): string {
  return IP_PROTOCOL_NAMES[proto] ?? `UnknownIPProtocol`;
}

/** gopacket's `IPProtocol.String()` for the protocols it registers. */
const IP_PROTOCOL_NAMES: Readonly<Record<number, string>> = {
  0: 'IPv6HopByHop',
  1: 'ICMPv4',
  2: 'IGMP',
  4: 'IPv4',
  6: 'TCP',
  17: 'UDP',
  27: 'RUDP',
  41: 'IPv6',
  43: 'IPv6Routing',
  44: 'IPv6Fragment',
  47: 'GRE',
  50: 'IPSecESP',
  51: 'IPSecAH',
  58: 'ICMPv6',
  59: 'NoNextHeader',
  60: 'IPv6Destination',
  89: 'OSPF',
  94: 'IPv4',
  97: 'EtherIP',
  112: 'VRRP',
  132: 'SCTP',
  136: 'UDPLite',
  137: 'MPLS',
};
