/**
 * Builds monitor records byte by byte at the offsets of ../shared/spec/wire-format.md
 * (little-endian), then decodes them with the library's decoder. Formatter tests start from
 * these bytes, so their expectations never depend on how an event object was assembled.
 */
import { decodeEvent } from '../../src/index.js';
import type { Event, Release } from '../../src/decode/types.js';

function put(b: Uint8Array, offset: number, size: number, value: number | bigint): void {
  let v = BigInt.asUintN(size * 8, BigInt(value));
  for (let i = 0; i < size; i++) {
    b[offset + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

function withPacket(header: Uint8Array, packet: Uint8Array): Uint8Array {
  const out = new Uint8Array(header.length + packet.length);
  out.set(header);
  out.set(packet, header.length);
  return out;
}

function decode<T extends Event['type']>(bytes: Uint8Array, release: Release, type: T): Extract<Event, { type: T }> {
  const ev = decodeEvent(bytes, { release });
  if (ev.type !== type) throw new Error(`expected type ${String(type)}, decoded ${String(ev.type)}`);
  return ev as Extract<Event, { type: T }>;
}

export interface DropSpec {
  reason: number;
  source?: number;
  hash?: number;
  origLen?: number;
  srcLabel?: number;
  dstLabel?: number;
  dstId?: number;
  line?: number;
  file?: number;
  extError?: number;
  ifindex?: number;
  flags?: number;
  ipTraceId?: bigint;
  packet?: Uint8Array;
}

/** Drop layout per release: 36 bytes v1 (1.16, 1.17.0), 40 bytes v2 (1.17, 1.18), 48 bytes v3 (1.19). */
export function dropRecord(release: Release, s: DropSpec): Uint8Array {
  const [len, version] = release === '1.19' ? [48, 3] : release === '1.16' || release === '1.17.0' ? [36, 1] : [40, 2];
  const packet = s.packet ?? new Uint8Array(0);
  const b = new Uint8Array(len);
  put(b, 0, 1, 1);
  put(b, 1, 1, s.reason);
  put(b, 2, 2, s.source ?? 0);
  put(b, 4, 4, s.hash ?? 0);
  put(b, 8, 4, s.origLen ?? packet.length);
  put(b, 12, 2, packet.length);
  put(b, 14, 1, version);
  put(b, 16, 4, s.srcLabel ?? 0);
  put(b, 20, 4, s.dstLabel ?? 0);
  put(b, 24, 4, s.dstId ?? 0);
  put(b, 28, 2, s.line ?? 0);
  put(b, 30, 1, s.file ?? 0);
  put(b, 31, 1, s.extError ?? 0);
  put(b, 32, 4, s.ifindex ?? 0);
  if (len >= 40) put(b, 36, 1, s.flags ?? 0);
  if (len >= 48) put(b, 40, 8, s.ipTraceId ?? 0n);
  return withPacket(b, packet);
}

export function drop(release: Release, s: DropSpec): Extract<Event, { type: 1 }> {
  return decode(dropRecord(release, s), release, 1);
}

export interface TraceSpec {
  obsPoint: number;
  source?: number;
  hash?: number;
  origLen?: number;
  srcLabel?: number;
  dstLabel?: number;
  dstId?: number;
  reason?: number;
  flags?: number;
  ifindex?: number;
  /** 16 bytes of the orig-IP union (IPv4 in the first four). */
  origIp?: readonly number[];
  ipTraceId?: bigint;
  /** Force the 32-byte v0 layout. */
  v0?: boolean;
  packet?: Uint8Array;
}

/** Trace layout: v0 32 bytes, v1 48 bytes (every release), v2 56 bytes (1.19). */
export function traceRecord(release: Release, s: TraceSpec): Uint8Array {
  const [len, version] = s.v0 ? [32, 0] : release === '1.19' ? [56, 2] : [48, 1];
  const packet = s.packet ?? new Uint8Array(0);
  const b = new Uint8Array(len);
  put(b, 0, 1, 4);
  put(b, 1, 1, s.obsPoint);
  put(b, 2, 2, s.source ?? 0);
  put(b, 4, 4, s.hash ?? 0);
  put(b, 8, 4, s.origLen ?? packet.length);
  put(b, 12, 2, packet.length);
  put(b, 14, 1, version);
  put(b, 16, 4, s.srcLabel ?? 0);
  put(b, 20, 4, s.dstLabel ?? 0);
  put(b, 24, 2, s.dstId ?? 0);
  put(b, 26, 1, s.reason ?? 0);
  put(b, 27, 1, s.flags ?? 0);
  put(b, 28, 4, s.ifindex ?? 0);
  if (len >= 48) (s.origIp ?? []).forEach((v, i) => put(b, 32 + i, 1, v));
  if (len >= 56) put(b, 48, 8, s.ipTraceId ?? 0n);
  return withPacket(b, packet);
}

export function trace(release: Release, s: TraceSpec): Extract<Event, { type: 4 }> {
  return decode(traceRecord(release, s), release, 4);
}

export interface PolicySpec {
  source?: number;
  hash?: number;
  remoteLabel?: number;
  verdict?: number;
  dstPort?: number;
  proto?: number;
  /** dir:2 | ipv6:1 | match_type:3 | audited:1 | l3:1, LSB first. */
  flags?: number;
  authType?: number;
  cookie?: number;
  packet?: Uint8Array;
}

/** Policy verdict: 32 bytes up to 1.18, 40 bytes (with cookie) in 1.19; version 1. */
export function policy(release: Release, s: PolicySpec): Extract<Event, { type: 5 }> {
  const len = release === '1.19' ? 40 : 32;
  const packet = s.packet ?? new Uint8Array(0);
  const b = new Uint8Array(len);
  put(b, 0, 1, 5);
  put(b, 2, 2, s.source ?? 0);
  put(b, 4, 4, s.hash ?? 0);
  put(b, 8, 4, packet.length);
  put(b, 12, 2, packet.length);
  put(b, 14, 1, 1);
  put(b, 16, 4, s.remoteLabel ?? 0);
  put(b, 20, 4, s.verdict ?? 0);
  put(b, 24, 2, s.dstPort ?? 0);
  put(b, 26, 1, s.proto ?? 0);
  put(b, 27, 1, s.flags ?? 0);
  put(b, 28, 1, s.authType ?? 0);
  if (len >= 40) put(b, 32, 4, s.cookie ?? 0);
  return decode(withPacket(b, packet), release, 5);
}

/** Policy flags byte from its parts. */
export function policyFlags(p: { dir: 1 | 2; ipv6?: boolean; match?: number; audited?: boolean; l3?: boolean }): number {
  return p.dir | (p.ipv6 ? 0x04 : 0) | ((p.match ?? 0) << 3) | (p.audited ? 0x40 : 0) | (p.l3 ? 0x80 : 0);
}

export function debugMsg(
  release: Release,
  s: { subtype: number; source?: number; hash?: number; arg1?: number; arg2?: number; arg3?: number },
): Extract<Event, { type: 2 }> {
  const b = new Uint8Array(20);
  put(b, 0, 1, 2);
  put(b, 1, 1, s.subtype);
  put(b, 2, 2, s.source ?? 0);
  put(b, 4, 4, s.hash ?? 0);
  put(b, 8, 4, s.arg1 ?? 0);
  put(b, 12, 4, s.arg2 ?? 0);
  put(b, 16, 4, s.arg3 ?? 0);
  return decode(b, release, 2);
}

export function debugCapture(
  release: Release,
  s: { subtype: number; source?: number; hash?: number; origLen?: number; arg1?: number; arg2?: number; packet?: Uint8Array },
): Extract<Event, { type: 3 }> {
  const packet = s.packet ?? new Uint8Array(0);
  const b = new Uint8Array(24);
  put(b, 0, 1, 3);
  put(b, 1, 1, s.subtype);
  put(b, 2, 2, s.source ?? 0);
  put(b, 4, 4, s.hash ?? 0);
  put(b, 8, 4, s.origLen ?? packet.length);
  put(b, 12, 2, packet.length);
  put(b, 14, 1, 1);
  put(b, 16, 4, s.arg1 ?? 0);
  put(b, 20, 4, s.arg2 ?? 0);
  return decode(withPacket(b, packet), release, 3);
}

export interface SockSpec {
  xlate: number;
  dstIp: readonly number[];
  dstPort: number;
  cookie: bigint;
  cgroup: bigint;
  proto: number;
  ipv6?: boolean;
}

/** Trace-sock: 38-byte packed layout up to 1.18, 40-byte aligned layout in 1.19. */
export function traceSock(release: Release, s: SockSpec): Extract<Event, { type: 7 }> {
  const b = new Uint8Array(release === '1.19' ? 40 : 38);
  put(b, 0, 1, 7);
  put(b, 1, 1, s.xlate);
  if (release === '1.19') {
    put(b, 2, 1, s.proto);
    put(b, 3, 1, s.ipv6 ? 1 : 0);
    put(b, 4, 2, s.dstPort);
    put(b, 8, 8, s.cookie);
    put(b, 16, 8, s.cgroup);
    s.dstIp.forEach((v, i) => put(b, 24 + i, 1, v));
  } else {
    s.dstIp.forEach((v, i) => put(b, 2 + i, 1, v));
    put(b, 18, 2, s.dstPort);
    put(b, 20, 8, s.cookie);
    put(b, 28, 8, s.cgroup);
    put(b, 36, 1, s.proto);
    put(b, 37, 1, s.ipv6 ? 1 : 0);
  }
  return decode(b, release, 7);
}

export function recorder(
  release: Release,
  s: { dir: number; rule: number; tvBoot: bigint; origLen?: number; packet: Uint8Array },
): Extract<Event, { type: 6 }> {
  const b = new Uint8Array(24);
  put(b, 0, 1, 6);
  put(b, 1, 1, s.dir);
  put(b, 2, 2, s.rule);
  put(b, 8, 8, s.tvBoot);
  put(b, 16, 4, s.packet.length);
  put(b, 20, 4, s.origLen ?? s.packet.length);
  return decode(withPacket(b, s.packet), release, 6);
}

/** Raw record bytes to decode as-is (agent notifications, unknown types). */
export function raw<T extends Event['type']>(release: Release, bytes: Uint8Array, type: T): Extract<Event, { type: T }> {
  return decode(bytes, release, type);
}
