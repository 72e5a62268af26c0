/**
 * `GetConnectionSummary` of `pkg/monitor/dissect.go`: the one-line packet description at the end
 * of drop, trace, policy-verdict and debug-capture lines, per release.
 */
import { icmpv4TypeCodeString, icmpv6TypeCodeString, igmpTypeName, vrrpTypeName } from '../packet/names.js';
import { macToString } from '../packet/address.js';
import type { Dialect } from './dialect.js';
import type { DecodedLayers, IPLayer } from './gopacket/layer-types.js';
import { ethernetTypeString } from './gopacket/names.js';
import { goIPString, joinHostPort } from './go-text.js';
import { decodePacket, type PacketFlags } from './packet-layers.js';

/** What Cilium's `ConnectionInfo` collects from the decoded layers. */
interface ConnectionInfo {
  /** The IP layer whose addresses Go copied (read in place: no views for a summary). */
  ip: IPLayer | undefined;
  srcPort: number;
  dstPort: number;
  proto: string;
  detail: string;
  hasIP: boolean;
  hasEth: boolean;
}

/**
 * `getConnectionInfoFromCache` over `names`. `vrrp` is the VRRP struct the VRRP case reads: Go's
 * overlay loop reads the *outer* parser's (`cache.vrrp`, not `cache.overlay.vrrp`), so a VRRP
 * packet inside VXLAN/Geneve prints the outer struct, zero in a fresh process (`vrrp  0 0`).
 */
function collect(d: DecodedLayers, names: readonly string[], vrrp: DecodedLayers['vrrp']): ConnectionInfo {
  const c: ConnectionInfo = {
    ip: undefined,
    srcPort: 0,
    dstPort: 0,
    proto: '',
    detail: '',
    hasIP: false,
    hasEth: false,
  };
  for (const name of names) {
    switch (name) {
      case 'Ethernet':
        c.hasEth = true;
        break;
      case 'IPv4':
        c.hasIP = true;
        c.ip = d.ipv4;
        break;
      case 'IPv6':
        c.hasIP = true;
        c.ip = d.ipv6;
        break;
      case 'TCP':
        c.proto = 'tcp';
        c.srcPort = d.tcp?.srcPort ?? 0;
        c.dstPort = d.tcp?.dstPort ?? 0;
        break;
      case 'UDP':
        c.proto = 'udp';
        c.srcPort = d.udp?.srcPort ?? 0;
        c.dstPort = d.udp?.dstPort ?? 0;
        break;
      case 'SCTP':
        c.proto = 'sctp';
        c.srcPort = d.sctp?.srcPort ?? 0;
        c.dstPort = d.sctp?.dstPort ?? 0;
        break;
      case 'ICMPv4':
        c.proto = 'icmp';
        c.detail = icmpv4TypeCodeString(d.icmpv4?.type ?? 0, d.icmpv4?.code ?? 0);
        break;
      case 'ICMPv6':
        c.proto = 'icmp';
        c.detail = icmpv6TypeCodeString(d.icmpv6?.type ?? 0, d.icmpv6?.code ?? 0);
        break;
      case 'VRRP':
        c.proto = 'vrrp';
        c.detail = `${vrrpTypeName(vrrp?.type ?? 0)} ${vrrp?.vrid ?? 0} ${vrrp?.priority ?? 0}`;
        break;
      case 'IGMP':
        c.proto = 'igmp';
        c.detail = `${igmpTypeName(d.igmp?.type ?? 0)} ${goIPString(d.igmp?.group ?? new Uint8Array(0))}`;
        break;
    }
  }
  return c;
}

/** `net.IP.String()` of the source (`which` 0) or destination (1) address; nil is `<nil>`. */
function ipText(c: ConnectionInfo, which: 0 | 1): string {
  return c.ip === undefined ? '<nil>' : c.ip.addrText(which);
}

/** `getTCPInfo`: only SYN, ACK, RST, FIN, in that order. */
function tcpFlagNames(flags: number): string {
  const names: string[] = [];
  if (flags & 0x02) names.push('SYN');
  if (flags & 0x10) names.push('ACK');
  if (flags & 0x04) names.push('RST');
  if (flags & 0x01) names.push('FIN');
  return names.join(', ');
}

/** `getTCPInfo` of every combination of the four flags it reads (bits 0x17), built once. */
const TCP_INFO: readonly string[] = Array.from({ length: 0x18 }, (_, f) => tcpFlagNames(f));

function tcpInfo(flags: number): string {
  return TCP_INFO[flags & 0x17] ?? '';
}

function describe(c: ConnectionInfo, d: DecodedLayers, dialect: Dialect): string {
  if (c.proto === 'icmp') {
    return dialect.icmpWord
      ? `${ipText(c, 0)} -> ${ipText(c, 1)} icmp ${c.detail}`
      : `${ipText(c, 0)} -> ${ipText(c, 1)} ${c.detail}`;
  }
  if (c.proto === 'vrrp' || c.proto === 'igmp') return `${ipText(c, 0)} -> ${ipText(c, 1)} ${c.proto} ${c.detail}`;
  if (c.proto !== '') {
    let s = `${joinHostPort(ipText(c, 0), c.srcPort)} -> ${joinHostPort(ipText(c, 1), c.dstPort)} ${c.proto}`;
    if (c.proto === 'tcp') s += ' ' + tcpInfo(d.tcp?.flags ?? 0);
    return s;
  }
  if (c.hasIP) return `${ipText(c, 0)} -> ${ipText(c, 1)}`;
  if (c.hasEth && d.ethernet !== undefined) {
    const e = d.ethernet;
    return `${macToString(e.bytes, e.contentsStart + 6)} -> ${macToString(e.bytes, e.contentsStart)} ${ethernetTypeString(e.etherType, dialect.etherTypes)}`;
  }
  return '[unknown]';
}

/**
 * The connection summary Cilium prints for `packet` (the captured bytes after the record
 * header), e.g. `10.0.1.23:45678 -> 93.184.216.34:443 tcp SYN`, `[unknown]`, `[error]`.
 *
 * @example
 * connectionSummary(ev.packet, { isL3Device: false, isIPv6: false, isVXLAN: false, isGeneve: false }, dialectOf('1.19'));
 */
export function connectionSummary(packet: Uint8Array, flags: PacketFlags, dialect: Dialect): string {
  if (packet.length === 0) return '[unknown]';
  const { outer, overlay } = decodePacket(packet, flags, dialect);
  if (outer.error !== undefined && dialect.errorMarker) return '[error]';
  if (overlay === undefined) return describe(collect(outer, outer.names, outer.vrrp), outer, dialect);
  if (overlay.error !== undefined) return '[error]';
  const first = overlay.names[0];
  const outerInfo = collect(outer, outer.names, outer.vrrp);
  if (first !== 'VXLAN' && first !== 'Geneve') return describe(outerInfo, outer, dialect);
  const inner = collect(overlay, overlay.names.slice(1), outer.vrrp);
  const tunnel = `${joinHostPort(ipText(outerInfo, 0), outerInfo.srcPort)} -> ${joinHostPort(ipText(outerInfo, 1), outerInfo.dstPort)} ${first === 'VXLAN' ? 'vxlan' : 'geneve'}`;
  return `${describe(inner, overlay, dialect)} [tunnel ${tunnel}]`;
}
