/**
 * How `DebugMsg.Message()` (pkg/monitor/datapath_debug.go) turns the three arguments of each
 * `DBG_*` kind into the values of its format string: byte swaps, address rendering, sub-texts.
 * The format strings are generated per release (`texts.debugMessages`, keyed by Go's constants).
 */
import { ipv4ToString } from '../../packet/address.js';
import { goSprintf, type GoArg } from '../go-sprintf.js';
import { errnoText } from './errno.js';

/** The arguments of a debug message, host order, plus the release-specific knobs. */
export interface DebugArgs {
  subtype: number;
  arg1: number;
  arg2: number;
  arg3: number;
  /** Interface name of an ifindex (link cache); Go prints '' when it has no link getter. */
  ifname(ifindex: number): string;
  /** `ctState`: the CT state name of a u32, or the drop-reason text of its low byte. */
  ctState(state: number): string;
}

/** Go `byteorder.NetworkToHost16` on a little-endian host. */
function n16(v: number): number {
  return ((v & 0xff) << 8) | ((v >>> 8) & 0xff);
}

/** Go `byteorder.NetworkToHost32` on a little-endian host. */
function n32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | ((v >>> 24) & 0xff)) >>> 0;
}

/** `ip4Str`: the u32's bytes in host (little-endian) memory order as a dotted quad. */
function ip4(v: number): string {
  return ipv4ToString(new Uint8Array([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]));
}

/** `ip6Str`: the two 16-bit halves of the byte-swapped u32, in hex. */
function ip6(v: number): string {
  const s = n32(v);
  return `${(s >>> 16).toString(16)}:${(s & 0xffff).toString(16)}`;
}

/**
 * `ctFlags`: Go walks a map of {1: OUT, 2: RELATED} (the 0: IN entry never matches), so with
 * both bits set Go's order is random; here it is always `OUT, RELATED`.
 */
function ctFlags(flags: number): string {
  const names: string[] = [];
  if (flags & 1) names.push('OUT');
  if (flags & 2) names.push('RELATED');
  return names.join(', ');
}

function ctInfo(a1: number, a2: number): string {
  return `sport=${a1 >>> 16} dport=${a1 & 0xffff} nexthdr=${a2 >>> 8} flags=${ctFlags(a2 & 0xff)}`;
}

function revnat(a: number): string {
  return `revnat=${n16(a & 0xffff)}`;
}

function lookup4(a: DebugArgs): string {
  return `src=${ip4(a.arg1)}:${a.arg3 & 0xffff} dst=${ip4(a.arg2)}:${a.arg3 >>> 16}`;
}

function lookup6(a: DebugArgs): string {
  return `src=[::${ip6(a.arg1)}]:${a.arg3 & 0xffff} dst=[::${ip6(a.arg2)}]:${a.arg3 >>> 16}`;
}

function lookupInfo2(a: DebugArgs): string {
  return `nexthdr=${a.arg1 >>> 8} flags=${a.arg1 & 0xff} dir=${a.arg2} scope=${a.arg3}`;
}

function proxyInfo(a1: number, a2: number): string {
  return `sport=${n16(a1 >>> 16)} dport=${n16(a1 & 0xffff)} saddr=${ip4(a2)}`;
}

/**
 * The arguments `DebugMsg.Message()` passes to the format string of each kind, in order (the
 * format strings themselves come from the generated tables).
 */
function debugArgs(a: DebugArgs, format: string): GoArg[] | undefined {
  const { arg1: a1, arg2: a2, arg3: a3 } = a;
  switch (a.subtype) {
    case 1:
      // DBG_GENERIC: v1.20 prints arg3 too (its format string names it); earlier releases do not.
      return format.includes('arg3=') ? [a1, a1, a2, a2, a3, a3] : [a1, a1, a2, a2];
    case 2:
    case 5:
    case 17:
    case 18:
      return [a1, a2];
    case 3:
      return [a1, a1, a2];
    case 4:
      return [a.ifname(a1), n16(a2 & 0xffff)];
    case 6:
    case 7:
      return [ctInfo(a1, a2)];
    case 8:
      return [a1, revnat(a2)];
    case 9:
      return [ctInfo(a1, a2), revnat(a3)];
    case 10:
    case 30:
    case 33:
    case 37:
      return [ip4(a1), n16(a2 & 0xffff)];
    case 11:
    case 12:
    case 19:
    case 20:
    case 27:
    case 35:
    case 46:
    case 54:
    case 61:
      return [a1];
    case 13:
    case 16:
    case 23:
      return [a1, a2];
    case 14:
    case 31:
      return [];
    case 15:
      return [a.ctState(a1), revnat(a2)];
    case 21:
    case 41:
      return [a1, a1, a2];
    case 22:
    case 24:
    case 25:
    case 26:
    case 29:
    case 32:
    case 34:
      return [a1, n16(a2 & 0xffff)];
    case 28:
    case 36:
      return [n16(a1 & 0xffff)];
    case 38:
    case 39:
      return [ip4(a1), ip4(a2)];
    case 40:
    case 56:
      return [ip4(a1)];
    case 42:
    case 44:
      return [proxyInfo(a1, a2), a3];
    case 43:
    case 47:
    case 58:
      return [ip4(a1), a2];
    case 45:
      // Go indexes a map with the raw argument: anything but 0/1 prints an empty direction.
      return [n16(a1 & 0xffff), a2 === 0 ? 'egress' : a2 === 1 ? 'ingress' : ''];
    case 48:
    case 62:
      return [lookup4(a)];
    case 49:
    case 52:
      return [lookupInfo2(a)];
    case 50:
      return [`proxy-port=${a1 >>> 16} revnat=${n16(a1 & 0xffff)} src-identity=${a2} lb=${ip4(a3)}`];
    case 51:
    case 63:
      return [lookup6(a)];
    case 53:
      return [`proxy-port=${a1 >>> 16} revnat=${n16(a1 & 0xffff)} src-identity=${a2}`];
    case 55:
      return [`src=${a1} dst=${a2} dport=${n16((a3 >>> 16) & 0xffff)} proto=${a3 & 0xff}`];
    case 57:
      return [ip6(a1)];
    case 59:
      return [ip6(a1), a2];
    case 60:
      return [a2, a1];
    case 64:
      return [a1 === 0 ? 'Success' : errnoText(a1)];
    case 65:
      return [ip4(a1), ip4(a2), a3];
    case 66:
    case 67:
      return [a1, a2];
    default:
      return undefined;
  }
}

/**
 * The message text of a debug message, e.g. `CT verdict: Established, revnat=0`: the release's
 * Go format string for the kind with Go's arguments, or Go's fallback for unknown kinds.
 *
 * @example
 * debugMessageText(
 *   { subtype: 15, arg1: 1, arg2: 0, arg3: 0, ifname: String, ctState: () => 'Established' },
 *   getTables('1.19').texts.debugMessages ?? {},
 * ); // 'CT verdict: Established, revnat=0'
 */
export function debugMessageText(a: DebugArgs, formats: Readonly<Record<string, string>>): string {
  const format = formats[String(a.subtype)];
  const args = format === undefined ? undefined : debugArgs(a, format);
  if (format === undefined || args === undefined) {
    return `Unknown message type=${a.subtype} arg1=${a.arg1} arg2=${a.arg2}`;
  }
  return goSprintf(format, args);
}
