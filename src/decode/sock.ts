/**
 * Socket-LB traces (type 7, `struct trace_sock_notify`): no common header and no version, so
 * the release decides between the packed 38-byte (≤ v1.18) and the aligned 40-byte layout.
 */
import type { ReleaseTables } from '../table-types.js';
import type { Release, TraceSockNotify, TraceSockNotifyJSON } from './types.js';
import { shortBuffer } from './capture-header.js';
import type { BitField } from './layout.js';
import { LayoutDefect, bitField, offsetOf } from './layout.js';
import type { ReleaseNames } from './names.js';
import type { Reader } from './read.js';
import { readerFor } from './read.js';
import { ipv4ToString, ipv6ToString } from '../packet/address.js';
import type { Writable } from './internal.js';
import { BYTES, EMPTY_BYTES, LAYOUT } from './internal.js';
import { jsonView, withDataView } from './plain.js';

export interface SockLayout {
  names: ReleaseNames;
  rd: Reader;
  length: number;
  xlatePoint: number;
  dstIp: number;
  dstPort: number;
  sockCookie: number;
  cgroupId: number;
  l4Proto: number;
  ipv6: BitField;
}

export function compileSock(t: ReleaseTables, names: ReleaseNames, le: boolean): SockLayout {
  const n = 'trace_sock_notify';
  const s = t.structs[n];
  if (s === undefined) throw new LayoutDefect(`release ${t.release} has no ${n}`);
  const ipv6 = bitField(s, 'ipv6', le);
  if (ipv6.offset < 0) throw new LayoutDefect(`${n} has no ipv6 bit`);
  return {
    names,
    rd: readerFor(le),
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

/** The order of {@link TraceSockNotifyJSON} views. */
const TRACE_SOCK_NOTIFY_KEYS = ['type', 'release', 'xlatePoint', 'xlatePointName', 'dstIpBytes', 'dstIp', 'dstPort', 'sockCookie', 'cgroupId', 'l4Proto', 'l4ProtoName', 'flags', 'isIPv6'] as const;

export const TraceSockEvent = /*#__PURE__*/ withDataView(
  class TraceSockEvent implements TraceSockNotify {
    declare readonly type: 7;
    declare readonly xlatePoint: number;
    declare readonly dstPort: number;
    declare readonly l4Proto: number;
    declare readonly flags: number;
    declare readonly [LAYOUT]: SockLayout;
    declare readonly [BYTES]: Uint8Array;

    /**
     * Every field present and zero: the full shape from the start, so fresh and reused events
     * share one hidden class. The decode function writes the values.
     */
    constructor(L: SockLayout) {
      this.type = 7;
      this.xlatePoint = 0;
      this.dstPort = 0;
      this.l4Proto = 0;
      this.flags = 0;
      this[LAYOUT] = L;
      this[BYTES] = EMPTY_BYTES;
    }

    get sockCookie(): bigint {
      return this[LAYOUT].rd.u64(this[BYTES], this[LAYOUT].sockCookie);
    }

    get cgroupId(): bigint {
      return this[LAYOUT].rd.u64(this[BYTES], this[LAYOUT].cgroupId);
    }

    get dstIpBytes(): Uint8Array {
      const at = this[LAYOUT].dstIp;
      return this[BYTES].subarray(at, at + 16);
    }

    get dstIp(): string {
      const at = this[LAYOUT].dstIp;
      return this.isIPv6 ? ipv6ToString(this[BYTES], at) : ipv4ToString(this[BYTES], at);
    }

    get isIPv6(): boolean {
      return (this.flags & this[LAYOUT].ipv6.mask) !== 0;
    }

    get xlatePointName(): string | undefined {
      return this[LAYOUT].names.xlatePoint[this.xlatePoint];
    }

    get l4ProtoName(): string | undefined {
      return this[LAYOUT].names.l4Protocol[this.l4Proto];
    }

    get release(): Release {
      return this[LAYOUT].names.release;
    }
    toJSON(): TraceSockNotifyJSON {
      return jsonView<TraceSockNotify, typeof TRACE_SOCK_NOTIFY_KEYS>(this, TRACE_SOCK_NOTIFY_KEYS);
    }

  },
  'TraceSockNotify',
);
export type TraceSockEvent = InstanceType<typeof TraceSockEvent>;

/** Decodes a socket trace into `into` or a fresh event; `b[0]` is known to be 7. */
export function decodeSock(L: SockLayout, b: Uint8Array, into: TraceSockEvent | undefined): TraceSockEvent {
  if (b.length < L.length) throw shortBuffer(7, L.length, b.length);
  const ev: Writable<TraceSockEvent> = into ?? new TraceSockEvent(L);
  ev.xlatePoint = b[L.xlatePoint]!;
  ev.dstPort = L.rd.u16(b, L.dstPort);
  ev.l4Proto = b[L.l4Proto]!;
  ev.flags = b[L.ipv6.offset]!;
  ev[BYTES] = b;
  return ev;
}
