/**
 * fast-check arbitraries for valid raw events of each message type and release, and the list
 * of raw fields per type (what encodeEvent writes and decodeEvent must give back).
 */
import fc from 'fast-check';
import type { EncodableEvent, Event, Release } from '../../src/decode/types.js';

export const RELEASES: readonly Release[] = ['1.16', '1.17.0', '1.17', '1.18', '1.19', '1.20'];

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const s8 = fc.integer({ min: -128, max: 127 });
const s32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });
const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const bytes16 = fc.uint8Array({ minLength: 16, maxLength: 16 });
const packet = fc.uint8Array({ maxLength: 96 });
const EMPTY = new Uint8Array(0);

/** Drop versions each release can carry (wire-format §2.1). */
export const DROP_VERSIONS: Record<Release, number[]> = {
  '1.16': [0, 1],
  '1.17.0': [0, 1],
  '1.17': [0, 1, 2],
  '1.18': [0, 1, 2],
  '1.19': [0, 1, 2, 3],
  '1.20': [0, 1, 2, 3],
};
/** Trace versions (§2.4). */
export const TRACE_VERSIONS: Record<Release, number[]> = {
  '1.16': [0, 1],
  '1.17.0': [0, 1],
  '1.17': [0, 1],
  '1.18': [0, 1],
  '1.19': [0, 1, 2],
  '1.20': [0, 1, 2],
};

export function dropArb(release: Release): fc.Arbitrary<EncodableEvent> {
  return fc
    .record({
      version: fc.constantFrom(...DROP_VERSIONS[release]),
      subtype: u8, source: u16, hash: u32, origLen: u32, packet,
      srcLabel: u32, dstLabel: u32, dstId: u32, line: u16, file: u8, extError: s8, ifindex: u32,
      flags: u8, ipTraceId: u64,
    })
    .map((r) => ({
      type: 1 as const, release, subtype: r.subtype, source: r.source, hash: r.hash, origLen: r.origLen,
      capLen: r.packet.length, version: r.version, extVersion: 0,
      srcLabel: r.srcLabel, dstLabel: r.dstLabel, dstId: r.dstId, line: r.line, file: r.file,
      extError: r.extError, ifindex: r.ifindex,
      flags: r.version >= 2 ? r.flags : 0,
      ipTraceId: r.version >= 3 ? r.ipTraceId : 0n,
      extension: EMPTY, packet: r.packet,
    }));
}

export function traceArb(release: Release): fc.Arbitrary<EncodableEvent> {
  return fc
    .record({
      version: fc.constantFrom(...TRACE_VERSIONS[release]),
      subtype: u8, source: u16, hash: u32, origLen: u32, packet,
      srcLabel: u32, dstLabel: u32, dstId: u16, reason: u8, flags: u8, ifindex: u32,
      origIpBytes: bytes16, ipTraceId: u64,
    })
    .map((r) => ({
      type: 4 as const, release, subtype: r.subtype, source: r.source, hash: r.hash, origLen: r.origLen,
      capLen: r.packet.length, version: r.version, extVersion: 0,
      srcLabel: r.srcLabel, dstLabel: r.dstLabel, dstId: r.dstId, reason: r.reason, flags: r.flags,
      ifindex: r.ifindex,
      origIpBytes: r.version >= 1 ? r.origIpBytes : undefined,
      ipTraceId: r.version >= 2 ? r.ipTraceId : 0n,
      extension: EMPTY, packet: r.packet,
    }));
}

export function policyArb(release: Release): fc.Arbitrary<EncodableEvent> {
  return fc
    .record({
      version: fc.constantFrom(0, 1), subtype: u8, source: u16, hash: u32, origLen: u32, packet,
      remoteLabel: u32, verdict: s32, dstPort: u16, proto: u8, flags: u8, authType: u8, cookie: u32,
    })
    .map((r) => ({
      type: 5 as const, release, subtype: r.subtype, source: r.source, hash: r.hash, origLen: r.origLen,
      capLen: r.packet.length, version: r.version, extVersion: 0,
      remoteLabel: r.remoteLabel, verdict: r.verdict, dstPort: r.dstPort, proto: r.proto, flags: r.flags,
      authType: r.authType, cookie: release === '1.19' || release === '1.20' ? r.cookie : 0,
      extension: EMPTY, packet: r.packet,
    }));
}

export function debugArb(release: Release): fc.Arbitrary<EncodableEvent> {
  return fc
    .record({ subtype: u8, source: u16, hash: u32, arg1: u32, arg2: u32, arg3: u32 })
    .map((r) => ({ type: 2 as const, release, ...r }));
}

export function debugCaptureArb(release: Release): fc.Arbitrary<EncodableEvent> {
  return fc
    .record({ version: fc.constantFrom(0, 1), subtype: u8, source: u16, hash: u32, origLen: u32, packet, arg1: u32, arg2: u32 })
    .map((r) => ({
      type: 3 as const, release, subtype: r.subtype, source: r.source, hash: r.hash, origLen: r.origLen,
      capLen: r.packet.length, version: r.version, extVersion: 0, arg1: r.arg1, arg2: r.arg2,
      extension: EMPTY, packet: r.packet,
    }));
}

export function recorderArb(release: Release): fc.Arbitrary<EncodableEvent> {
  return fc
    .record({ subtype: u8, source: u16, hash: u32, tvBoot: u64, origLen: u32, packet })
    .map((r) => ({ type: 6 as const, release, ...r, capLen: r.packet.length }));
}

export function sockArb(release: Release): fc.Arbitrary<EncodableEvent> {
  return fc
    .record({ xlatePoint: u8, dstIpBytes: bytes16, dstPort: u16, sockCookie: u64, cgroupId: u64, l4Proto: u8, flags: u8 })
    .map((r) => ({ type: 7 as const, release, ...r }));
}

export function agentArb(release: Release): fc.Arbitrary<EncodableEvent> {
  return fc
    .record({ type: fc.constantFrom(129 as const, 130 as const), payload: fc.uint8Array({ maxLength: 64 }) })
    .map((r) => ({ ...r, release }));
}

/** Every valid raw event of `release`. */
export function eventArb(release: Release): fc.Arbitrary<EncodableEvent> {
  const arbs = [dropArb, traceArb, policyArb, debugArb, debugCaptureArb, sockArb, agentArb].map((f) => f(release));
  if (release !== '1.19' && release !== '1.20') arbs.push(recorderArb(release));
  return fc.oneof(...arbs);
}

/** Raw fields per message type: what a round trip must preserve. */
export const RAW_FIELDS: Record<string, readonly string[]> = {
  1: ['type', 'subtype', 'source', 'hash', 'origLen', 'capLen', 'version', 'extVersion', 'srcLabel', 'dstLabel',
    'dstId', 'line', 'file', 'extError', 'ifindex', 'flags', 'ipTraceId', 'extension', 'packet'],
  2: ['type', 'subtype', 'source', 'hash', 'arg1', 'arg2', 'arg3'],
  3: ['type', 'subtype', 'source', 'hash', 'origLen', 'capLen', 'version', 'extVersion', 'arg1', 'arg2', 'extension', 'packet'],
  4: ['type', 'subtype', 'source', 'hash', 'origLen', 'capLen', 'version', 'extVersion', 'srcLabel', 'dstLabel',
    'dstId', 'reason', 'flags', 'ifindex', 'origIpBytes', 'ipTraceId', 'extension', 'packet'],
  5: ['type', 'subtype', 'source', 'hash', 'origLen', 'capLen', 'version', 'extVersion', 'remoteLabel', 'verdict',
    'dstPort', 'proto', 'flags', 'authType', 'cookie', 'extension', 'packet'],
  6: ['type', 'subtype', 'source', 'hash', 'tvBoot', 'capLen', 'origLen', 'packet'],
  7: ['type', 'xlatePoint', 'dstIpBytes', 'dstPort', 'sockCookie', 'cgroupId', 'l4Proto', 'flags'],
  129: ['type', 'payload'],
  130: ['type', 'payload'],
  unknown: ['type', 'messageType', 'raw'],
};

/** The raw fields of an event as plain data (byte arrays as number arrays) for deep equality. */
export function rawOf(ev: EncodableEvent | Event): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const rec = ev as unknown as Record<string, unknown>;
  for (const k of RAW_FIELDS[String(ev.type)] ?? []) {
    const v = rec[k];
    out[k] = v instanceof Uint8Array ? Array.from(v) : v;
  }
  return out;
}
