/**
 * `GetDissectSummary` of `pkg/monitor/dissect.go`: the `summary` object of drop and trace JSON —
 * one `LayerString` per layer plus `l2`/`l3`/`l4` endpoint pairs, and `tunnel` for overlays.
 */
import { macToString } from '../../packet/address.js';
import type { Dialect } from '../dialect.js';
import { goIPString } from '../go-text.js';
import { layerString } from '../gopacket/layer-string.js';
import type { DecodedLayers, LayerName } from '../gopacket/layer-types.js';
import { decodePacket, ETHERNET_START, type PacketFlags } from '../packet-layers.js';
import type { GoJSONObject } from './go-json.js';

const LAYER_KEYS: Partial<Record<LayerName, string>> = {
  Ethernet: 'ethernet',
  IPv4: 'ipv4',
  IPv6: 'ipv6',
  TCP: 'tcp',
  UDP: 'udp',
  SCTP: 'sctp',
  ICMPv4: 'icmpv4',
  ICMPv6: 'icmpv6',
  VRRP: 'vrrp',
  IGMP: 'igmp',
};

const LAYER_KEY_LIST = /*#__PURE__*/ Object.values(LAYER_KEYS);

interface Summary {
  layers: Partial<Record<string, string>>;
  l2?: GoJSONObject;
  l3?: GoJSONObject;
  l4?: GoJSONObject;
}

function summarise(d: DecodedLayers, names: readonly LayerName[], dialect: Dialect): Summary {
  const s: Summary = { layers: {} };
  for (const name of names) {
    const key = LAYER_KEYS[name];
    if (key !== undefined) s.layers[key] = layerString(name, d, dialect);
    if (name === 'Ethernet' && d.ethernet) s.l2 = { src: macToString(d.ethernet.src), dst: macToString(d.ethernet.dst) };
    else if (name === 'IPv4' && d.ipv4) s.l3 = { src: goIPString(d.ipv4.src), dst: goIPString(d.ipv4.dst) };
    else if (name === 'IPv6' && d.ipv6) s.l3 = { src: goIPString(d.ipv6.src), dst: goIPString(d.ipv6.dst) };
    else if (name === 'TCP' && d.tcp) s.l4 = { src: String(d.tcp.srcPort), dst: String(d.tcp.dstPort) };
    else if (name === 'UDP' && d.udp) s.l4 = { src: String(d.udp.srcPort), dst: String(d.udp.dstPort) };
    else if (name === 'SCTP' && d.sctp) s.l4 = { src: String(d.sctp.srcPort), dst: String(d.sctp.dstPort) };
  }
  return s;
}

function toObject(s: Summary): GoJSONObject {
  const o: GoJSONObject = {};
  for (const key of LAYER_KEY_LIST) o[key] = s.layers[key];
  o.l2 = s.l2;
  o.l3 = s.l3;
  o.l4 = s.l4;
  return o;
}

/**
 * The JSON `summary` of a packet, or `undefined` where Go omits it (a decode error from 1.17 on).
 * 1.16/1.17.0 ignore decode errors; 1.17 always decodes from Ethernet; 1.18+ follow the flags.
 */
export function dissectSummary(data: Uint8Array, flags: PacketFlags, dialect: Dialect): GoJSONObject | undefined {
  const { outer, overlay } = decodePacket(data, dialect.overlay ? flags : ETHERNET_START, dialect);
  if (outer.error !== undefined && dialect.errorMarker) return undefined;
  const top = summarise(outer, outer.names, dialect);
  if (overlay === undefined || overlay.error !== undefined) return toObject(top);
  const first = overlay.names[0];
  if (first !== 'VXLAN' && first !== 'Geneve') return toObject(top);
  const inner = toObject(summarise(overlay, overlay.names.slice(1), dialect));
  inner.tunnel = {
    ethernet: top.layers.ethernet,
    ipv4: top.layers.ipv4,
    ipv6: top.layers.ipv6,
    udp: top.layers.udp,
    vxlan: first === 'VXLAN' ? layerString('VXLAN', overlay, dialect) : undefined,
    geneve: first === 'Geneve' ? layerString('Geneve', overlay, dialect) : undefined,
    l2: top.l2,
    l3: top.l3,
    l4: top.l4,
  };
  return inner;
}
