/**
 * Addresses taken from record fields (trace orig-IP, trace-sock dst IP) rather than from the
 * packet: how the release turns the bytes into the address `cilium monitor` prints and Hubble
 * prints and compares.
 */
import { ipv4ToString, ipv6ToString } from '../packet/address.js';
import type { Dialect } from './dialect.js';

function isV4Mapped(ip: Uint8Array): boolean {
  return ip.length === 16 && ip.subarray(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff;
}

/**
 * The text of a 4- or 16-byte record address. Up to 1.19 the monitor prints a `net.IP` and
 * Hubble converts it with `netipx.FromStdIP` / `ip.AddrFromIP`: both unmap IPv4-mapped IPv6
 * addresses (`10.0.0.1`); from 1.20 the monitor returns `netip.AddrFrom16`, which keeps them
 * (`::ffff:10.0.0.1`) in both.
 */
export function recordAddrString(ip: Uint8Array, d: Dialect): string {
  if (ip.length === 4) return ipv4ToString(ip);
  if (isV4Mapped(ip)) return d.netipAddr ? '::ffff:' + ipv4ToString(ip, 12) : ipv4ToString(ip, 12);
  return ipv6ToString(ip);
}

/**
 * `IsUnspecified()` of that address: `net.IP` (≤ 1.19) also counts `::ffff:0.0.0.0` (it equals
 * `IPv4zero`), `netip.Addr` (1.20) only `0.0.0.0` and `::`.
 */
export function recordAddrUnspecified(ip: Uint8Array, d: Dialect): boolean {
  if (ip.every((b) => b === 0)) return true;
  return !d.netipAddr && isV4Mapped(ip) && ip.subarray(12).every((b) => b === 0);
}
