/**
 * Filters with `hubble observe`'s semantics: `--verdict`, `--ip` (address or CIDR, source or
 * destination), `--port` (source or destination TCP/UDP/SCTP port), `--protocol` and
 * `--tcp-flags`. Verdicts follow Hubble's mapping of monitor records (drop → DROPPED, trace
 * → FORWARDED, policy verdict → DROPPED/REDIRECTED/AUDIT/FORWARDED, trace-sock →
 * TRACED/TRANSLATED); events Hubble has no verdict for are VERDICT_UNKNOWN.
 */
import ipaddr from 'ipaddr.js';
import type { Event } from '../decode/types.js';
import type { EventFilter } from './combine.js';
import { FilterError } from './errors.js';
import { eventTuple, IPPROTO } from './packet-tuple.js';

/** Hubble's flow verdicts, in the order of its `Verdict` enum. */
export const hubbleVerdicts = [
  'VERDICT_UNKNOWN',
  'FORWARDED',
  'DROPPED',
  'ERROR',
  'AUDIT',
  'REDIRECTED',
  'TRACED',
  'TRANSLATED',
] as const;
/** One of {@link hubbleVerdicts}. */
export type HubbleVerdict = (typeof hubbleVerdicts)[number];

/**
 * The verdict Hubble gives the flow of this event.
 *
 * @example
 * hubbleVerdict(ev) // 'DROPPED' for a drop notification
 */
export function hubbleVerdict(e: Event): HubbleVerdict {
  switch (e.type) {
    case 1:
      return 'DROPPED';
    case 4:
      return 'FORWARDED';
    case 5:
      if (e.verdict < 0) return 'DROPPED';
      if (e.verdict > 0) return 'REDIRECTED';
      return e.audited ? 'AUDIT' : 'FORWARDED';
    case 7:
      // Before the socket-LB translation the flow is traced, after it translated.
      if (e.xlatePointName?.startsWith('XLATE_PRE_') === true) return 'TRACED';
      return e.xlatePointName?.startsWith('XLATE_POST_') === true ? 'TRANSLATED' : 'VERDICT_UNKNOWN';
    default:
      return 'VERDICT_UNKNOWN';
  }
}

/**
 * Keeps events with one of the verdicts (case-insensitive).
 *
 * @example
 * byVerdict(['dropped', 'audit'])
 */
export function byVerdict(verdicts: readonly string[]): EventFilter {
  const wanted = new Set<string>();
  for (const v of verdicts) {
    const upper = v.toUpperCase();
    if (!(hubbleVerdicts as readonly string[]).includes(upper)) {
      throw new FilterError('unknown-name', `unknown verdict ${JSON.stringify(v)}; use one of ${hubbleVerdicts.join(', ')}`, v);
    }
    wanted.add(upper);
  }
  return (e) => wanted.has(hubbleVerdict(e));
}

/** An address or prefix as bytes and a bit count, matched against packet bytes without parsing text. */
interface Prefix {
  bytes: number[];
  bits: number;
}

function prefixOf(spec: string): Prefix {
  try {
    if (spec.includes('/')) {
      const [net, bits] = ipaddr.parseCIDR(spec);
      return { bytes: net.toByteArray(), bits };
    }
    const addr = ipaddr.parse(spec);
    return { bytes: addr.toByteArray(), bits: addr.kind() === 'ipv4' ? 32 : 128 };
  } catch {
    throw new FilterError('invalid-address', `${JSON.stringify(spec)} is not an IP address or CIDR`, spec);
  }
}

/** Whether `addr` lies in `p`; addresses of the other family never do (as Go's netip). */
function inPrefix(addr: Uint8Array, p: Prefix): boolean {
  // `length`, not `byteLength`: the latter is a getter call on Node 20 (~10 ns an event).
  if (addr.length !== p.bytes.length) return false;
  let bits = p.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((addr[i] as number) & mask) !== ((p.bytes[i] as number) & mask)) return false;
  }
  return true;
}

/**
 * Keeps events whose packet's source or destination address is one of `specs` (addresses or
 * CIDRs, IPv4 or IPv6). `side` narrows to one end (`--ip-src`/`--ip-dst`).
 *
 * @example
 * byIp(['10.0.0.0/8', 'f00d::1'])
 */
export function byIp(specs: readonly string[], side: 'either' | 'source' | 'destination' = 'either'): EventFilter {
  const prefixes = specs.map(prefixOf);
  const hit = (addr: Uint8Array | undefined): boolean => addr !== undefined && prefixes.some((p) => inPrefix(addr, p));
  return (e) => {
    const t = eventTuple(e);
    return (side !== 'destination' && hit(t.src)) || (side !== 'source' && hit(t.dst));
  };
}

function portNumber(p: number | string): number {
  const n = typeof p === 'number' ? p : /^\d+$/.test(p) ? Number(p) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new FilterError('invalid-number', `invalid port ${JSON.stringify(p)}`, String(p));
  return n;
}

/**
 * Keeps events whose TCP/UDP/SCTP source or destination port is one of `ports`.
 *
 * @example
 * byPort([53, 443])
 */
export function byPort(ports: readonly (number | string)[], side: 'either' | 'source' | 'destination' = 'either'): EventFilter {
  const set = new Set(ports.map(portNumber));
  return (e) => {
    const t = eventTuple(e);
    return (side !== 'destination' && t.srcPort >= 0 && set.has(t.srcPort)) || (side !== 'source' && t.dstPort >= 0 && set.has(t.dstPort));
  };
}

/** `--protocol` names and the IP protocol numbers each accepts. */
const protocols: Record<string, readonly number[]> = {
  tcp: [IPPROTO.tcp],
  udp: [IPPROTO.udp],
  sctp: [IPPROTO.sctp],
  icmp: [IPPROTO.icmp, IPPROTO.icmpv6],
  icmpv4: [IPPROTO.icmp],
  icmpv6: [IPPROTO.icmpv6],
  vrrp: [IPPROTO.vrrp],
  igmp: [IPPROTO.igmp],
};

/**
 * Keeps events whose transport protocol is one of `names` (`tcp`, `udp`, `sctp`, `icmp`,
 * `icmpv4`, `icmpv6`, `vrrp`, `igmp`; case-insensitive). L7 protocols need L7 records and
 * are refused.
 *
 * @example
 * byProtocol(['tcp', 'icmp'])
 */
export function byProtocol(names: readonly string[]): EventFilter {
  const set = new Set<number>();
  for (const name of names) {
    const numbers = protocols[name.toLowerCase()];
    if (numbers === undefined) {
      throw new FilterError('unknown-name', `unknown protocol ${JSON.stringify(name)}; use one of ${Object.keys(protocols).join(', ')}`, name);
    }
    for (const n of numbers) set.add(n);
  }
  return (e) => set.has(eventTuple(e).proto);
}

/** TCP flag names and their bit in the 9-bit flags (NS above the flags byte). */
export const tcpFlagBits: Readonly<Record<string, number>> = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
  NS: 0x100,
};

/**
 * Keeps TCP packets that carry all flags of at least one of `sets` (each a comma-separated
 * list, like repeated `--tcp-flags`).
 *
 * @example
 * byTcpFlags(['SYN', 'FIN,ACK'])
 */
export function byTcpFlags(sets: readonly string[]): EventFilter {
  const masks = sets.map((set) => {
    let mask = 0;
    for (const name of set.split(',')) {
      const bit = tcpFlagBits[name.trim().toUpperCase()];
      if (bit === undefined) throw new FilterError('unknown-name', `unknown TCP flag ${JSON.stringify(name)}`, name);
      mask |= bit;
    }
    return mask;
  });
  return (e) => {
    const flags = eventTuple(e).tcpFlags;
    return flags >= 0 && masks.some((m) => (flags & m) === m);
  };
}
