/**
 * Socket-LB traces (type 7, `struct trace_sock_notify`): no common header and no version, so
 * the release decides between the packed 38-byte (≤ v1.18) and the aligned 40-byte layout.
 */
import type { ReleaseTables } from '../table-types.js';
import type { Release, TraceSockNotify } from './types.js';
import { shortBuffer } from './capture-header.js';
import type { BitField } from './layout.js';
import { LayoutDefect, bitField, offsetOf } from './layout.js';
import type { ReleaseNames } from './names.js';
import { readU64 } from './u64.js';
import { ipv4Text, ipv6Text } from './ip-text.js';

export interface SockLayout {
  length: number;
  xlatePoint: number;
  dstIp: number;
  dstPort: number;
  sockCookie: number;
  cgroupId: number;
  l4Proto: number;
  ipv6: BitField;
}

export function compileSock(t: ReleaseTables, littleEndian: boolean): SockLayout {
  const n = 'trace_sock_notify';
  const s = t.structs[n];
  if (s === undefined) throw new LayoutDefect(`release ${t.release} has no ${n}`);
  const ipv6 = bitField(s, 'ipv6', littleEndian);
  if (ipv6.offset < 0) throw new LayoutDefect(`${n} has no ipv6 bit`);
  return {
    length: s.size,
    xlatePoint: offsetOf(s, 'xlate_point', 1, n),
    dstIp: offsetOf(s, 'dst_ip', 16, n),
    dstPort: offsetOf(s, 'dst_port', 2, n),
    sockCookie: offsetOf(s, 'sock_cookie', 8, n),
    cgroupId: offsetOf(s, 'cgroup_id', 8, n),
    l4Proto: offsetOf(s, 'l4_proto', 1, n),
    ipv6,
  };
}

export class TraceSockEvent implements TraceSockNotify {
  declare readonly type: 7;
  declare readonly xlatePoint: number;
  declare readonly dstPort: number;
  declare readonly sockCookie: bigint;
  declare readonly cgroupId: bigint;
  declare readonly l4Proto: number;
  declare readonly flags: number;
  declare readonly xlatePointName: string | undefined;
  declare readonly l4ProtoName: string | undefined;
  declare readonly isIPv6: boolean;
  declare readonly release: Release;
  readonly #bytes: Uint8Array;
  readonly #dstIp: number;

  constructor(L: SockLayout, names: ReleaseNames, le: boolean, bytes: Uint8Array, view: DataView) {
    const b = bytes.byteOffset;
    const xlatePoint = bytes[L.xlatePoint] as number;
    const l4Proto = bytes[L.l4Proto] as number;
    const flags = bytes[L.ipv6.offset] as number;
    this.type = 7;
    this.xlatePoint = xlatePoint;
    this.dstPort = view.getUint16(b + L.dstPort, le);
    this.sockCookie = readU64(view, b + L.sockCookie, le);
    this.cgroupId = readU64(view, b + L.cgroupId, le);
    this.l4Proto = l4Proto;
    this.flags = flags;
    this.xlatePointName = names.xlatePoint[xlatePoint];
    this.l4ProtoName = names.l4Protocol[l4Proto];
    this.isIPv6 = (flags & L.ipv6.mask) !== 0;
    this.release = names.release;
    this.#bytes = bytes;
    this.#dstIp = L.dstIp;
  }

  get dstIpBytes(): Uint8Array {
    return this.#bytes.subarray(this.#dstIp, this.#dstIp + 16);
  }

  get dstIp(): string {
    return this.isIPv6 ? ipv6Text(this.#bytes, this.#dstIp) : ipv4Text(this.#bytes, this.#dstIp);
  }
}

/** Decodes a socket trace; `bytes[0]` is known to be 7. */
export function decodeSock(
  L: SockLayout,
  names: ReleaseNames,
  le: boolean,
  bytes: Uint8Array,
  view: DataView,
): TraceSockEvent {
  if (bytes.length < L.length) throw shortBuffer(7, L.length, bytes.length);
  return new TraceSockEvent(L, names, le, bytes, view);
}
