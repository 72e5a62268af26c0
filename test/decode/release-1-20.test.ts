/**
 * Release '1.20' (provisional, v1.20 branch point 0d16a39a): every message type decodes and
 * encodes. The wire layouts equal 1.19's (same sizes and offsets; orig_ip4 / dst_ip.ip4 became
 * `union v4addr`, 4 bytes at the same offset, and the Go decoders of 1.20 read the same versions
 * and lengths: drop v0–v3, trace v0–v2), so any 1.19 record must give the same raw fields under
 * 1.20; what differs are names and texts from the 1.20 tables.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../src/errors.js';
import type { Event } from '../../src/decode/types.js';
import { decodeEvent } from '../../src/decode/decode-event.js';
import { encodeEvent } from '../../src/encode/encode-event.js';
import { getTables, pinnedReleases, resolveRelease } from '../../src/tables.js';
import { eventArb, rawOf } from '../helpers/event-arbitraries.js';
import { hex } from '../helpers/hex.js';
import { TABLE_SOURCES } from '../helpers/table-sources.js';

function as<T extends Event['type']>(ev: Event, type: T): Extract<Event, { type: T }> {
  expect(ev.type).toBe(type);
  return ev as Extract<Event, { type: T }>;
}

// drop v3 (48 bytes): DROP 206, file 6, line 7, then 2 packet bytes.
const DROP_V3 = hex(`
  01 ce 05 00  78 56 34 12   62 00 00 00  02 00 03 00
  39 30 00 00  02 00 00 00   10 00 00 00  07 00 06 00
  07 00 00 00  00 00 00 00   2a 00 00 00  00 00 00 00
  de ad`);

// trace v2 (56 bytes): to-stack, reason 1, orig 10.0.0.1 in the union v4addr, ip_trace_id 5.
const TRACE_V2 = hex(`
  04 03 2a 00  00 00 00 00   54 00 00 00  00 00 02 00
  01 00 00 00  02 00 00 00   00 00 01 00  04 00 00 00
  0a 00 00 01  00 00 00 00   00 00 00 00  00 00 00 00
  05 00 00 00  00 00 00 00`);

// trace sock (40 bytes): pre-fwd, TCP, IPv4 10.1.2.3 in dst_ip.ip4, port 0x5000.
const SOCK_V4 = hex(`
  07 01 01 00  00 50 00 00   01 00 00 00  00 00 00 00
  02 00 00 00  00 00 00 00   0a 01 02 03  00 00 00 00
  00 00 00 00  00 00 00 00`);

// debug message (20 bytes): DBG_GENERIC with three arguments.
const DBG_GENERIC = hex(`02 01 05 00  01 00 00 00   0b 00 00 00  16 00 00 00  21 00 00 00`);

describe('release 1.20 (provisional)', () => {
  it('is pinned, marked provisional, and not the default', () => {
    const info = pinnedReleases.find((p) => p.release === '1.20')!;
    expect(info).toMatchObject({ version: '1.20.0-dev', commit: '0d16a39ad92b41825bef6759d5cc6fa9d29f2c0d', provisional: true });
    expect(pinnedReleases.filter((p) => p.provisional).map((p) => p.release)).toEqual(['1.20']);
    expect(resolveRelease('v1.20.3')).toBe('1.20');
    expect(decodeEvent(DROP_V3).release).toBe('1.19');
    expect(getTables('1.20').structs['trace_notify']!.size).toBe(56);
  });
});

describe.each(TABLE_SOURCES)('release 1.20 ($name)', ({ decode, encode }) => {
  it('decodes every 1.19 record of every message type to the same raw fields', () => {
    for (const littleEndian of [true, false]) {
      fc.assert(
        fc.property(eventArb('1.19'), (ev) => {
          const bytes = encode(ev, { release: '1.19', littleEndian });
          const as120 = decode(bytes, { release: '1.20', littleEndian });
          expect(as120.release).toBe('1.20');
          expect(rawOf(as120)).toEqual(rawOf(decode(bytes, { release: '1.19', littleEndian })));
          expect(encode(as120, { release: '1.20', littleEndian })).toEqual(bytes);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('decodes drop v3 with 1.20 names: reason 206 has Go text but no C name, file 6 is gone', () => {
    const ev = as(decode(DROP_V3, { release: '1.20' }), 1);
    expect([ev.version, ev.subtype, ev.line, ev.file, ev.ipTraceId]).toEqual([3, 206, 7, 6, 42n]);
    expect(Array.from(ev.packet)).toEqual([0xde, 0xad]);
    if (decode === TABLE_SOURCES[1]!.decode) {
      expect(ev.subtypeText).toBe('No device');
      expect(ev.fileName).toBeUndefined();
      expect(as(decode(DROP_V3, { release: '1.19' }), 1).fileName).toBe('bpf_network.c');
    }
  });

  it('reads orig_ip4 (now union v4addr) and dst_ip.ip4 at the 1.19 offsets', () => {
    const t = as(decode(TRACE_V2, { release: '1.20' }), 4);
    expect([t.version, t.origIp, t.ipTraceId, t.ifindex]).toEqual([2, '10.0.0.1', 5n, 4]);
    const s = as(decode(SOCK_V4, { release: '1.20' }), 7);
    expect([s.dstIp, s.dstPort, s.sockCookie, s.cgroupId]).toEqual(['10.1.2.3', 0x5000, 1n, 2n]);
  });

  it('decodes debug messages and captures; recorder captures (6) are unknown as in 1.19', () => {
    const d = as(decode(DBG_GENERIC, { release: '1.20' }), 2);
    expect([d.subtype, d.arg1, d.arg2, d.arg3]).toEqual([1, 11, 22, 33]);
    const capture = encode(
      { type: 3, release: '1.20', subtype: 4, source: 1, hash: 2, origLen: 60, capLen: 2, version: 1, extVersion: 0, arg1: 7, arg2: 0, extension: new Uint8Array(0), packet: new Uint8Array([1, 2]) },
      { release: '1.20' },
    );
    expect(capture.length).toBe(26);
    expect(as(decode(capture, { release: '1.20' }), 3).arg1).toBe(7);
    const recorder = hex(`06 01 00 00  00 00 00 00   00 00 00 00  00 00 00 00  00 00 00 00  00 00 00 00`);
    expect(decode(recorder, { release: '1.20' }).type).toBe('unknown');
  });

  it('rejects what 1.19 rejects: drop v4, trace v3', () => {
    const drop4 = DROP_V3.slice();
    drop4[14] = 4;
    const trace3 = TRACE_V2.slice();
    trace3[14] = 3;
    for (const bytes of [drop4, trace3]) {
      expect(() => decode(bytes, { release: '1.20' })).toThrow(DecodeError);
      expect(() => decode(bytes, { release: '1.19' })).toThrow(DecodeError);
    }
  });
});

describe('encodeEvent with release 1.20', () => {
  it('writes the bytes it reads', () => {
    const ev = decodeEvent(TRACE_V2, { release: '1.20' });
    expect(encodeEvent(ev)).toEqual(TRACE_V2);
  });
});
