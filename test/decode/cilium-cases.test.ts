/**
 * The cases of Cilium's own decoder tests (pkg/monitor/datapath_*_test.go at the pinned
 * commits), re-expressed as bytes: each value is placed at the offset wire-format.md gives
 * for it, little-endian, and must come back out of the decoder.
 *
 * One deliberate difference: Go never checks `len_cap` against the data, so its "arbitrary"
 * cases carry capture lengths with no packet behind them. Here the packet bytes are supplied.
 */
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../src/errors.js';
import type { Event } from '../../src/decode/types.js';
import { TABLE_SOURCES } from '../helpers/table-sources.js';

/** Writes `value` little-endian as `size` bytes at `offset`. */
function put(b: Uint8Array, offset: number, size: number, value: number | bigint): void {
  let v = BigInt(value);
  for (let i = 0; i < size; i++) {
    b[offset + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

function as<T extends Event['type']>(ev: Event, type: T): Extract<Event, { type: T }> {
  expect(ev.type).toBe(type);
  return ev as Extract<Event, { type: T }>;
}

describe.each(TABLE_SOURCES)('Cilium test cases ($name)', ({ decode }) => {
  it('TestDropNotifyV1_Decode "arbitrary" (36-byte layout)', () => {
    const capLen = 0x0e10;
    const b = new Uint8Array(36 + capLen);
    put(b, 0, 1, 1); // Go uses type 0; the type byte is what selects the drop decoder here
    put(b, 1, 1, 0x01);
    put(b, 2, 2, 0x0203);
    put(b, 4, 4, 0x04050607);
    put(b, 8, 4, 0x08090a0b);
    put(b, 12, 2, capLen);
    put(b, 14, 1, 0x01);
    put(b, 16, 4, 0x11121314);
    put(b, 20, 4, 0x15161718);
    put(b, 24, 4, 0x191a1b1c);
    put(b, 28, 2, 0x1d1e);
    put(b, 30, 1, 0x20);
    put(b, 31, 1, 0x21);
    put(b, 32, 4, 0x22232425);
    for (const release of ['1.16', '1.19'] as const) {
      const ev = as(decode(b, { release }), 1);
      expect([ev.subtype, ev.source, ev.hash, ev.origLen, ev.capLen, ev.version]).toEqual([
        0x01, 0x0203, 0x04050607, 0x08090a0b, capLen, 1,
      ]);
      expect([ev.srcLabel, ev.dstLabel, ev.dstId, ev.line, ev.file, ev.extError, ev.ifindex]).toEqual([
        0x11121314, 0x15161718, 0x191a1b1c, 0x1d1e, 0x20, 0x21, 0x22232425,
      ]);
      expect(ev.packet.length).toBe(capLen);
    }
  });

  it('TestDropNotify_Decode "arbitrary" (v3, 48 bytes)', () => {
    const b = new Uint8Array(48);
    put(b, 0, 1, 1);
    put(b, 1, 1, 0x01);
    put(b, 14, 1, 0x03);
    put(b, 16, 4, 0x11121314);
    put(b, 32, 4, 0x22232425);
    put(b, 36, 1, 0x0f);
    put(b, 40, 8, 0x99);
    const ev = as(decode(b, { release: '1.19' }), 1);
    expect(ev.version).toBe(3);
    expect(ev.flags).toBe(0x0f);
    expect([ev.isIPv6, ev.isL3Device, ev.isVXLAN, ev.isGeneve]).toEqual([true, true, true, true]);
    expect(ev.ipTraceId).toBe(0x99n);
    expect(ev.ifindex).toBe(0x22232425);
  });

  it('TestDropNotify "empty": a zeroed v0 drop is the 36-byte layout', () => {
    const b = new Uint8Array(36);
    b[0] = 1;
    const ev = as(decode(b, { release: '1.19' }), 1);
    expect([ev.version, ev.capLen, ev.packet.length, ev.flags, ev.ipTraceId]).toEqual([0, 0, 0, 0, 0n]);
  });

  it('TestDecodeTraceNotify (v2, 56 bytes)', () => {
    const capLen = 0x0d0e;
    const b = new Uint8Array(56 + capLen);
    put(b, 0, 1, 4);
    put(b, 1, 1, 0x02);
    put(b, 2, 2, 0x0304);
    put(b, 4, 4, 0x05060708);
    put(b, 8, 4, 0x090a0b0c);
    put(b, 12, 2, capLen);
    put(b, 14, 1, 2);
    put(b, 16, 4, 0x11121314);
    put(b, 20, 4, 0x15161718);
    put(b, 24, 2, 0x191a);
    put(b, 26, 1, 0x1b);
    put(b, 27, 1, 0x1c);
    put(b, 28, 4, 0x1d1e1f20);
    for (let i = 0; i < 16; i++) b[32 + i] = 0x21 + i;
    put(b, 48, 8, 0x2b2c2d2e2f303132n);
    const ev = as(decode(b, { release: '1.19' }), 4);
    expect([ev.subtype, ev.source, ev.hash, ev.origLen, ev.capLen, ev.version]).toEqual([
      0x02, 0x0304, 0x05060708, 0x090a0b0c, capLen, 2,
    ]);
    expect([ev.srcLabel, ev.dstLabel, ev.dstId, ev.reason, ev.flags, ev.ifindex]).toEqual([
      0x11121314, 0x15161718, 0x191a, 0x1b, 0x1c, 0x1d1e1f20,
    ]);
    expect(Array.from(ev.origIpBytes ?? [])).toEqual(Array.from({ length: 16 }, (_, i) => 0x21 + i));
    expect(ev.isIPv6).toBe(false); // flags 0x1c has no IPv6 bit: the first four bytes
    expect(ev.origIp).toBe('33.34.35.36');
    expect(ev.ipTraceId).toBe(0x2b2c2d2e2f303132n);
  });

  it('TestDecodeTraceNotifyExtension: the packet starts after the registered extension', () => {
    const extLengths = { 1: 4, 2: 8, 3: 16 } as const;
    for (const [extVersion, extLen] of [[0, 0], ...Object.entries(extLengths).map(([k, v]) => [Number(k), v])] as [
      number,
      number,
    ][]) {
      const b = new Uint8Array(56 + extLen + 4);
      put(b, 0, 1, 4);
      put(b, 12, 2, 4);
      put(b, 14, 1, 2);
      put(b, 15, 1, extVersion);
      for (let i = 0; i < extLen; i += 4) put(b, 56 + i, 4, 0xc0ffee + i);
      put(b, 56 + extLen, 4, 0xdeadbeef);
      const ev = as(decode(b, { release: '1.19', extensionLengths: { trace: extLengths } }), 4);
      expect(ev.extension.length).toBe(extLen);
      expect(Array.from(ev.packet)).toEqual([0xef, 0xbe, 0xad, 0xde]);
    }
  });

  it('TestDecodeTraceNotifyErrors: empty input and version 255', () => {
    const errorOf = (f: () => unknown): DecodeError => {
      try {
        f();
      } catch (e) {
        if (e instanceof DecodeError) return e;
        throw e;
      }
      throw new Error('expected a DecodeError');
    };
    expect(errorOf(() => decode(new Uint8Array(0), { release: '1.19' })).code).toBe('short-buffer');
    const b = new Uint8Array(48);
    b[0] = 4;
    b[14] = 0xff;
    const e = errorOf(() => decode(b, { release: '1.19' }));
    expect([e.code, e.offset, e.messageType]).toEqual(['unknown-version', 14, 4]);
  });

  it('TestDecodePolicyVerdicyNotify (40 bytes; any version value is kept, as in Go)', () => {
    const capLen = 0x0c0d;
    const b = new Uint8Array(40 + capLen);
    put(b, 0, 1, 5);
    put(b, 1, 1, 0x01);
    put(b, 2, 2, 0x0203);
    put(b, 4, 4, 0x04050607);
    put(b, 8, 4, 0x08090a0b);
    put(b, 12, 2, capLen);
    put(b, 14, 1, 0x10);
    put(b, 16, 4, 0x11121314);
    put(b, 20, 4, 0x15161718);
    put(b, 24, 2, 0x191a);
    put(b, 26, 1, 0x1b);
    put(b, 27, 1, 0x1c);
    put(b, 28, 1, 0x1d);
    put(b, 32, 4, 0x1e1f2021);
    const ev = as(decode(b, { release: '1.19' }), 5);
    expect([ev.subtype, ev.source, ev.hash, ev.origLen, ev.capLen, ev.version]).toEqual([
      0x01, 0x0203, 0x04050607, 0x08090a0b, capLen, 0x10,
    ]);
    expect([ev.remoteLabel, ev.verdict, ev.dstPort, ev.proto, ev.flags, ev.authType, ev.cookie]).toEqual([
      0x11121314, 0x15161718, 0x191a, 0x1b, 0x1c, 0x1d, 0x1e1f2021,
    ]);
    // flags 0x1c = 0b000_111_00: dir 0, ipv6 1, match_type 3
    expect([ev.direction, ev.isIPv6, ev.matchType, ev.audited, ev.isL3Device]).toEqual([0, true, 3, false, false]);
  });

  it('TestDecodeTraceSockNotify (40-byte layout of 1.19)', () => {
    const b = new Uint8Array(40);
    put(b, 0, 1, 7);
    put(b, 1, 1, 0x01);
    put(b, 2, 1, 0x19);
    put(b, 3, 1, 0x1a);
    put(b, 4, 2, 0x1314);
    put(b, 8, 8, 0x15161718);
    const ip = [0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x10, 0x11, 0x12];
    b.set(ip, 24);
    const ev = as(decode(b, { release: '1.19' }), 7);
    expect([ev.xlatePoint, ev.l4Proto, ev.flags, ev.dstPort, ev.sockCookie]).toEqual([0x01, 0x19, 0x1a, 0x1314, 0x15161718n]);
    expect(Array.from(ev.dstIpBytes)).toEqual(ip);
    expect(ev.isIPv6).toBe(false); // 0x1a has bit 0 clear
    expect(ev.dstIp).toBe('2.3.4.5');
  });

  it('TestDecodeDebugCapture and its extensions', () => {
    const b = new Uint8Array(24 + 16 + 4);
    put(b, 0, 1, 3);
    put(b, 1, 1, 0x01);
    put(b, 2, 2, 0x0203);
    put(b, 4, 4, 0x04050607);
    put(b, 8, 4, 0x08090a0b);
    put(b, 12, 2, 4);
    put(b, 14, 1, 1);
    put(b, 15, 1, 3);
    put(b, 16, 4, 0x0c0d0e10);
    put(b, 20, 4, 0x11121314);
    put(b, 40, 4, 0xdeadbeef);
    const ev = as(decode(b, { release: '1.19', extensionLengths: { debugCapture: { 1: 4, 2: 8, 3: 16 } } }), 3);
    expect([ev.subtype, ev.source, ev.hash, ev.origLen, ev.arg1, ev.arg2]).toEqual([
      0x01, 0x0203, 0x04050607, 0x08090a0b, 0x0c0d0e10, 0x11121314,
    ]);
    expect(ev.extension.length).toBe(16);
    expect(Array.from(ev.packet)).toEqual([0xef, 0xbe, 0xad, 0xde]);
  });
});
