/**
 * Real decoded events for the filter, counter and CLI tests: raw fields are written with
 * encodeEvent and read back with decodeEvent, so the tests see the decoder's actual objects.
 */
import { decodeEvent } from '../../src/decode/decode-event.js';
import type { Event, Release } from '../../src/decode/types.js';
import { encodeEvent } from '../../src/encode/encode-event.js';

export const RELEASE: Release = '1.18';
const EMPTY = new Uint8Array(0);

/** Ethernet + IPv4 + TCP (or UDP) header, written from RFC 791/793 layouts. */
export function ipv4Packet(opts: {
  src: [number, number, number, number];
  dst: [number, number, number, number];
  proto: number;
  sport: number;
  dport: number;
  tcpFlags?: number;
}): Uint8Array {
  const eth = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00];
  const ip = [0x45, 0, 0, 40, 0, 1, 0x40, 0, 64, opts.proto, 0, 0, ...opts.src, ...opts.dst];
  const ports = [opts.sport >> 8, opts.sport & 0xff, opts.dport >> 8, opts.dport & 0xff];
  const l4 = opts.proto === 6 ? [...ports, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, opts.tcpFlags ?? 0, 0xff, 0xff, 0, 0, 0, 0] : [...ports, 0, 8, 0, 0];
  return Uint8Array.from([...eth, ...ip, ...l4]);
}

/** `inner` (an Ethernet frame) inside VXLAN (RFC 7348) or Geneve (RFC 8926) over IPv4/UDP. */
export function tunnelPacket(kind: 'vxlan' | 'geneve', inner: Uint8Array): Uint8Array {
  const eth = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00];
  const ip = [0x45, 0, 0, 0, 0, 1, 0x40, 0, 64, 17, 0, 0, 192, 168, 1, 10, 192, 168, 1, 11];
  const port = kind === 'vxlan' ? 8472 : 6081;
  const udp = [0xcb, 0x21, port >> 8, port & 0xff, 0, 0, 0, 0];
  // Geneve: one 4-byte option (opt_len 1), protocol type 0x6558 (Ethernet).
  const header = kind === 'vxlan' ? [0x08, 0, 0, 0, 0, 0, 1, 0] : [0x01, 0, 0x65, 0x58, 0, 0, 1, 0, 1, 2, 3, 0];
  return Uint8Array.from([...eth, ...ip, ...udp, ...header, ...inner]);
}

/** Ethernet + IPv6 + UDP. */
export function ipv6Packet(src: number[], dst: number[], sport: number, dport: number): Uint8Array {
  const eth = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x86, 0xdd];
  const ip = [0x60, 0, 0, 0, 0, 8, 17, 64, ...src, ...dst];
  return Uint8Array.from([...eth, ...ip, sport >> 8, sport & 0xff, dport >> 8, dport & 0xff, 0, 8, 0, 0]);
}

export function encodeDrop(o: {
  reason: number;
  source?: number;
  dstId?: number;
  srcLabel?: number;
  dstLabel?: number;
  file?: number;
  line?: number;
  ifindex?: number;
  packet?: Uint8Array;
  origLen?: number;
}): Uint8Array {
  const packet = o.packet ?? EMPTY;
  return encodeEvent(
    {
      type: 1,
      subtype: o.reason,
      source: o.source ?? 0,
      hash: 0,
      origLen: o.origLen ?? packet.byteLength,
      capLen: packet.byteLength,
      version: 2,
      extVersion: 0,
      packet,
      extension: EMPTY,
      srcLabel: o.srcLabel ?? 0,
      dstLabel: o.dstLabel ?? 0,
      dstId: o.dstId ?? 0,
      line: o.line ?? 0,
      file: o.file ?? 0,
      extError: 0,
      ifindex: o.ifindex ?? 0,
      flags: 0,
      ipTraceId: 0n,
    },
    { release: RELEASE },
  );
}

export function encodeTrace(o: {
  point: number;
  /** Classifier flags (CLS_FLAG_VXLAN 4, CLS_FLAG_GENEVE 8 from 1.18). */
  flags?: number;
  source?: number;
  dstId?: number;
  srcLabel?: number;
  dstLabel?: number;
  ifindex?: number;
  packet?: Uint8Array;
  origLen?: number;
}): Uint8Array {
  const packet = o.packet ?? EMPTY;
  return encodeEvent(
    {
      type: 4,
      subtype: o.point,
      source: o.source ?? 0,
      hash: 0,
      origLen: o.origLen ?? packet.byteLength,
      capLen: packet.byteLength,
      version: 1,
      extVersion: 0,
      packet,
      extension: EMPTY,
      srcLabel: o.srcLabel ?? 0,
      dstLabel: o.dstLabel ?? 0,
      dstId: o.dstId ?? 0,
      reason: 0,
      flags: o.flags ?? 0,
      ifindex: o.ifindex ?? 0,
      origIpBytes: new Uint8Array(16),
      ipTraceId: 0n,
    },
    { release: RELEASE },
  );
}

/** `flags` bitfield per wire-format: dir:2, ipv6:1, match_type:3, audited:1, l3:1. */
export function encodePolicy(o: { verdict: number; remoteLabel: number; ingress: boolean; matchType?: number; audited?: boolean; source?: number; packet?: Uint8Array }): Uint8Array {
  const packet = o.packet ?? EMPTY;
  const flags = (o.ingress ? 1 : 2) | ((o.matchType ?? 0) << 3) | (o.audited ? 0x40 : 0);
  return encodeEvent(
    {
      type: 5,
      subtype: 0,
      source: o.source ?? 0,
      hash: 0,
      origLen: packet.byteLength,
      capLen: packet.byteLength,
      version: 1,
      extVersion: 0,
      packet,
      extension: EMPTY,
      remoteLabel: o.remoteLabel,
      verdict: o.verdict,
      dstPort: 0,
      proto: 0,
      flags,
      authType: 0,
      cookie: 0,
    },
    { release: RELEASE },
  );
}

export function encodeDebug(source: number): Uint8Array {
  return encodeEvent({ type: 2, subtype: 1, source, hash: 0, arg1: 0, arg2: 0, arg3: 0 }, { release: RELEASE });
}

export function encodeSock(xlatePoint: number): Uint8Array {
  return encodeEvent(
    {
      type: 7,
      xlatePoint,
      dstIpBytes: Uint8Array.from([10, 96, 0, 1, ...new Array<number>(12).fill(0)]),
      dstPort: 443,
      sockCookie: 1n,
      cgroupId: 2n,
      l4Proto: 0,
      flags: 0,
    },
    { release: RELEASE },
  );
}

export const decode = (bytes: Uint8Array): Event => decodeEvent(bytes, { release: RELEASE });
