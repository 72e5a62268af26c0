/**
 * Hand-built messages: every byte written out from wire-format.md (§1–§3), the expected values
 * worked out from those bytes, not from the decoder.
 */
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../src/errors.js';
import type { Event } from '../../src/decode/types.js';
import { hex, ascii, concat } from '../helpers/hex.js';
import { TABLE_SOURCES } from '../helpers/table-sources.js';

function as<T extends Event['type']>(ev: Event, type: T): Extract<Event, { type: T }> {
  expect(ev.type).toBe(type);
  return ev as Extract<Event, { type: T }>;
}

function decodeError(f: () => unknown): DecodeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DecodeError);
    return e as DecodeError;
  }
  throw new Error('expected a DecodeError');
}

// drop v2 (40 bytes, §2.1) + 4 packet bytes + 4 bytes of perf padding
const DROP_V2 = hex(`
  01 85 05 00  78 56 34 12   62 00 00 00  04 00 02 00
  39 30 00 00  02 00 00 00   10 00 00 00  2c 01 02 fe
  07 00 00 00  03 00 00 00
  de ad be ef
  aa aa aa aa`);

// trace v1 (48 bytes, §2.4): to-stack, reason reply|encrypted, orig 10.0.0.1
const TRACE_V1 = hex(`
  04 03 2a 00  00 00 00 00   54 00 00 00  02 00 01 00
  01 00 00 00  02 00 00 00   00 00 82 00  04 00 00 00
  0a 00 00 01  00 00 00 00   00 00 00 00  00 00 00 00
  01 02
  00 00 00 00 00 00`);

describe.each(TABLE_SOURCES)('$name', ({ decode }) => {
  describe('drop notify', () => {
    it('decodes the 40-byte v2 layout (1.17.4+)', () => {
      for (const release of ['1.17', '1.18', '1.19'] as const) {
        const ev = as(decode(DROP_V2, { release }), 1);
        expect(ev.subtype).toBe(133);
        expect(ev.subtypeName).toBe('DROP_POLICY');
        expect(ev.subtypeText).toBe('Policy denied');
        expect(ev.source).toBe(5);
        expect(ev.hash).toBe(0x12345678);
        expect(ev.origLen).toBe(98);
        expect(ev.capLen).toBe(4);
        expect(ev.version).toBe(2);
        expect(ev.extVersion).toBe(0);
        expect(ev.srcLabel).toBe(12345);
        expect(ev.dstLabel).toBe(2);
        expect(ev.dstId).toBe(16);
        expect(ev.line).toBe(300);
        expect(ev.file).toBe(2);
        expect(ev.fileName).toBe('bpf_lxc.c');
        expect(ev.extError).toBe(-2);
        expect(ev.ifindex).toBe(7);
        expect(ev.flags).toBe(3);
        expect([ev.isIPv6, ev.isL3Device, ev.isVXLAN, ev.isGeneve]).toEqual([true, true, false, false]);
        expect(ev.ipTraceId).toBe(0n);
        expect(Array.from(ev.packet)).toEqual([0xde, 0xad, 0xbe, 0xef]);
        expect(ev.packet.buffer).toBe(DROP_V2.buffer); // a view, not a copy
        expect(ev.extension.length).toBe(0);
        expect(ev.release).toBe(release);
      }
    });

    it('reads drop v2 flags of 1.17.4+ as the ipv6/l3_dev bitfield only', () => {
      const bytes = DROP_V2.slice();
      bytes[36] = 0x0e; // l3_dev + two bits that are padding in 1.17
      const ev = as(decode(bytes, { release: '1.17' }), 1);
      expect([ev.isIPv6, ev.isL3Device, ev.isVXLAN, ev.isGeneve]).toEqual([false, true, false, false]);
      expect(ev.flags).toBe(0x0e);
    });

    it('1.17.0 (36-byte layout only): any version is that layout, as its Go decoder reads it; strict refuses version 2', () => {
      const ev = as(decode(DROP_V2, { release: '1.17.0' }), 1);
      expect([ev.version, ev.flags, ev.packet.byteOffset - DROP_V2.byteOffset]).toEqual([2, 0, 36]);
      const e = decodeError(() => decode(DROP_V2, { release: '1.17.0', strict: true }));
      expect(e.code).toBe('unknown-version');
      expect(e.offset).toBe(14);
      expect(e.messageType).toBe(1);
    });

    it('decodes version 1 (36 bytes) with the packet right after byte 36', () => {
      const bytes = hex(`
        01 a9 00 00  00 00 00 00   40 00 00 00  02 00 01 00
        02 00 00 00  00 00 00 00   00 00 00 00  0a 00 01 9b
        03 00 00 00
        45 00`);
      for (const release of ['1.16', '1.17.0', '1.18', '1.19'] as const) {
        const ev = as(decode(bytes, { release }), 1);
        expect(ev.subtypeName).toBe('DROP_NO_FIB');
        expect(ev.extError).toBe(-101);
        expect(ev.line).toBe(10);
        expect(ev.flags).toBe(0);
        expect(ev.isIPv6).toBe(false);
        expect(Array.from(ev.packet)).toEqual([0x45, 0x00]);
      }
      expect(as(decode(bytes, { release: '1.16' }), 1).fileName).toBe('bpf_host.c');
    });

    it('decodes v3 (48 bytes, ip_trace_id) of 1.19 and its ext_version byte', () => {
      const bytes = hex(`
        01 85 00 00  00 00 00 00   3c 00 00 00  01 00 03 00
        01 00 00 00  02 00 00 00   00 00 00 00  01 00 65 00
        05 00 00 00  09 00 00 00   08 07 06 05  04 03 02 01
        99`);
      const ev = as(decode(bytes, { release: '1.19' }), 1);
      expect(ev.version).toBe(3);
      expect(ev.ipTraceId).toBe(0x0102030405060708n);
      expect(ev.fileName).toBe('drop.h'); // id 101 in 1.19
      expect([ev.isIPv6, ev.isGeneve]).toEqual([true, true]);
      expect(Array.from(ev.packet)).toEqual([0x99]);
      expect(decodeError(() => decode(bytes, { release: '1.18' })).code).toBe('unknown-version');
    });

    it('skips a registered extension before the packet; an unregistered one is length 0 (Go) or an error (strict)', () => {
      const bytes = hex(`
        01 85 00 00  00 00 00 00   3c 00 00 00  02 00 03 01
        01 00 00 00  02 00 00 00   00 00 00 00  01 00 65 00
        05 00 00 00  00 00 00 00   00 00 00 00  00 00 00 00
        11 22 33 44  55 66 77 88
        ab cd`);
      const ev = as(decode(bytes, { release: '1.19', extensionLengths: { drop: { 1: 8 } } }), 1);
      expect(ev.extVersion).toBe(1);
      expect(Array.from(ev.extension)).toEqual([0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88]);
      expect(Array.from(ev.packet)).toEqual([0xab, 0xcd]);
      expect(ev.unknownExtension).toBe(false);
      // Go's extension-length map lookup gives 0 for an ext_version nobody registered.
      const lenient = as(decode(bytes, { release: '1.19' }), 1);
      expect(lenient.unknownExtension).toBe(true);
      expect(lenient.extension.length).toBe(0);
      expect(Array.from(lenient.packet)).toEqual([0x11, 0x22]);
      const e = decodeError(() => decode(bytes, { release: '1.19', strict: true }));
      expect(e.code).toBe('unknown-extension');
      expect(e.offset).toBe(15);
    });

    it('takes the bytes present for a capture length past the end (strict: rejects it), rejects short buffers and too-new versions', () => {
      const past = DROP_V2.subarray(0, 43); // capLen 4 but only 3 packet bytes
      const lenient = as(decode(past, { release: '1.18' }), 1);
      expect([lenient.capLen, lenient.packet.length, lenient.truncated]).toEqual([4, 3, true]);
      expect(as(decode(DROP_V2, { release: '1.18' }), 1).truncated).toBe(false);
      const e = decodeError(() => decode(past, { release: '1.18', strict: true }));
      expect(e.code).toBe('capture-past-end');
      expect([e.offset, e.needed, e.available]).toEqual([40, 44, 43]);
      const short = decodeError(() => decode(DROP_V2.subarray(0, 38), { release: '1.18' }));
      expect(short.code).toBe('short-buffer');
      expect(short.needed).toBe(40);
      const v9 = DROP_V2.slice();
      v9[14] = 9;
      expect(decodeError(() => decode(v9, { release: '1.19' })).code).toBe('unknown-version');
    });

    it('reads big-endian hosts', () => {
      const bytes = hex(`
        01 85 00 05  12 34 56 78   00 00 00 62  00 00 00 02
        00 00 30 39  00 00 00 02   00 00 00 10  01 2c 02 fe
        00 00 00 07  01 00 00 00`);
      const ev = as(decode(bytes, { release: '1.18', littleEndian: false }), 1);
      expect([ev.source, ev.hash, ev.origLen, ev.version]).toEqual([5, 0x12345678, 98, 2]);
      expect([ev.srcLabel, ev.dstId, ev.line, ev.ifindex]).toEqual([12345, 16, 300, 7]);
      expect(ev.isIPv6).toBe(true);
    });
  });

  describe('trace notify', () => {
    it('decodes v1 with an IPv4 original source and the encrypted bit', () => {
      for (const release of ['1.16', '1.17.0', '1.17', '1.18', '1.19'] as const) {
        const ev = as(decode(TRACE_V1, { release }), 4);
        expect(ev.subtype).toBe(3);
        expect(ev.subtypeName).toBe('TRACE_TO_STACK');
        expect(ev.source).toBe(42);
        expect(ev.origLen).toBe(84);
        expect(ev.srcLabel).toBe(1);
        expect(ev.dstLabel).toBe(2);
        expect(ev.reason).toBe(0x82);
        expect(ev.traceReason).toBe(2);
        expect(ev.traceReasonName).toBe('TRACE_REASON_CT_REPLY');
        expect(ev.encrypted).toBe(true);
        expect(ev.ifindex).toBe(4);
        expect(ev.origIp).toBe('10.0.0.1');
        expect(ev.origIpBytes?.length).toBe(16);
        expect(Array.from(ev.packet)).toEqual([1, 2]);
        expect(ev.ipTraceId).toBe(0n);
      }
    });

    it('decodes v2 with an IPv6 original source and ip_trace_id (1.19)', () => {
      const bytes = hex(`
        04 0b 00 00  00 00 00 00   54 00 00 00  00 00 02 00
        01 00 00 00  02 00 00 00   00 00 01 01  04 00 00 00
        20 01 0d b8  00 00 00 00   00 00 00 00  00 00 00 01
        2a 00 00 00  00 00 00 00`);
      const ev = as(decode(bytes, { release: '1.19' }), 4);
      expect(ev.subtypeName).toBe('TRACE_TO_NETWORK');
      expect(ev.traceReasonName).toBe('TRACE_REASON_CT_ESTABLISHED');
      expect(ev.encrypted).toBe(false);
      expect(ev.isIPv6).toBe(true);
      expect(ev.origIp).toBe('2001:db8::1');
      expect(ev.ipTraceId).toBe(42n);
      expect(ev.packet.length).toBe(0);
    });

    it('decodes v0 (32 bytes) without an original IP', () => {
      const bytes = hex(`
        04 00 00 00  00 00 00 00   01 00 00 00  01 00 00 00
        01 00 00 00  02 00 00 00   05 00 00 00  04 00 00 00
        ff`);
      const ev = as(decode(bytes, { release: '1.16' }), 4);
      expect(ev.version).toBe(0);
      expect(ev.dstId).toBe(5);
      expect(ev.origIp).toBeUndefined();
      expect(ev.origIpBytes).toBeUndefined();
      expect(Array.from(ev.packet)).toEqual([0xff]);
    });

    it('knows the WireGuard points only from 1.17.4 on', () => {
      const bytes = TRACE_V1.slice();
      bytes[1] = 13;
      expect(as(decode(bytes, { release: '1.17' }), 4).subtypeName).toBe('TRACE_TO_CRYPTO');
      expect(as(decode(bytes, { release: '1.16' }), 4).subtypeName).toBeUndefined();
    });

    it('rejects v2 before 1.19', () => {
      const bytes = TRACE_V1.slice();
      bytes[14] = 2;
      expect(decodeError(() => decode(bytes, { release: '1.18' })).code).toBe('unknown-version');
    });
  });

  describe('policy verdict', () => {
    // dir=2 (egress) ipv6=1 match_type=2 (L3-L4) audited=1 l3=0 → 0b0101_0110
    const body = `39 30 00 00  7b ff ff ff   50 00 06 56  01 00 00 00`;

    it('decodes the 32-byte layout (≤ 1.18)', () => {
      const bytes = hex(`05 00 01 00  00 00 00 00   3c 00 00 00  00 00 01 00 ${body}`);
      for (const release of ['1.16', '1.17.0', '1.17', '1.18'] as const) {
        const ev = as(decode(bytes, { release }), 5);
        expect(ev.remoteLabel).toBe(12345);
        expect(ev.verdict).toBe(-133);
        expect(ev.dstPort).toBe(80);
        expect(ev.proto).toBe(6);
        expect(ev.flags).toBe(0x56);
        expect([ev.direction, ev.isEgress, ev.isIngress]).toEqual([2, true, false]);
        expect(ev.isIPv6).toBe(true);
        expect([ev.matchType, ev.matchTypeName]).toEqual([2, 'POLICY_MATCH_L3_L4']);
        expect(ev.audited).toBe(true);
        expect(ev.isL3Device).toBe(false);
        expect(ev.authType).toBe(1);
        expect(ev.cookie).toBe(0);
      }
    });

    it('decodes the 40-byte layout with cookie (1.19) and bit 7 as l3', () => {
      const bytes = hex(`
        05 00 01 00  00 00 00 00   3c 00 00 00  02 00 01 00
        39 30 00 00  00 00 00 00   bb 01 11 89  00 00 00 00
        ef be ad de  00 00 00 00
        45 46`);
      const ev = as(decode(bytes, { release: '1.19' }), 5);
      expect(ev.verdict).toBe(0);
      expect(ev.dstPort).toBe(443);
      expect(ev.proto).toBe(17);
      expect([ev.direction, ev.isIngress, ev.matchType, ev.isL3Device, ev.audited]).toEqual([1, true, 1, true, false]);
      expect(ev.cookie).toBe(0xdeadbeef);
      expect(Array.from(ev.packet)).toEqual([0x45, 0x46]);
      // the same bytes read as 1.18 have a 32-byte header: the "packet" is then the cookie
      const old = as(decode(bytes, { release: '1.18' }), 5);
      expect(Array.from(old.packet)).toEqual([0xef, 0xbe]);
      expect(old.cookie).toBe(0);
    });
  });

  describe('debug message and capture', () => {
    it('names DBG_CT_VERDICT and its CT state', () => {
      const bytes = hex(`02 0f 07 00  00 00 00 00   01 00 00 00  00 05 00 00  00 00 00 00`);
      for (const release of ['1.16', '1.17.0', '1.17', '1.18', '1.19'] as const) {
        const ev = as(decode(bytes, { release }), 2);
        expect(ev.subtypeName).toBe('DBG_CT_VERDICT');
        expect(ev.source).toBe(7);
        expect([ev.arg1, ev.arg2, ev.arg3]).toEqual([1, 0x500, 0]);
        expect(ev.ctStateName).toBe('CT_ESTABLISHED');
        expect(ev.argNames).toEqual(['state', 'revnat', undefined]);
      }
    });

    it('decodes a debug capture and its packet', () => {
      const bytes = hex(`03 04 00 00  00 00 00 00   2a 00 00 00  01 00 01 00  03 00 00 00  00 00 00 00  ee 00`);
      for (const release of ['1.16', '1.17.0', '1.17', '1.18', '1.19'] as const) {
        const ev = as(decode(bytes, { release }), 3);
        expect(ev.subtypeName).toBe('DBG_CAPTURE_DELIVERY');
        expect(ev.arg1).toBe(3);
        expect(ev.origLen).toBe(42);
        expect(Array.from(ev.packet)).toEqual([0xee]);
      }
    });

    it('rejects a debug message shorter than 20 bytes', () => {
      expect(decodeError(() => decode(hex('02 0f 07 00 00 00 00 00'), { release: '1.19' })).code).toBe(
        'short-buffer',
      );
    });
  });

  describe('recorder capture', () => {
    const bytes = hex(`
      06 01 07 00  00 00 00 00   00 e4 0b 54  02 00 00 00
      02 00 00 00  3c 00 00 00   45 00 00 00`);

    it('decodes in releases with pcap.h', () => {
      for (const release of ['1.16', '1.17.0', '1.17', '1.18'] as const) {
        const ev = as(decode(bytes, { release }), 6);
        expect(ev.subtypeName).toBe('CAPTURE_INGRESS');
        expect(ev.source).toBe(7);
        expect(ev.tvBoot).toBe(10_000_000_000n);
        expect(ev.capLen).toBe(2);
        expect(ev.origLen).toBe(60);
        expect(Array.from(ev.packet)).toEqual([0x45, 0x00]);
      }
    });

    it('is an unknown type in 1.19', () => {
      const ev = as(decode(bytes, { release: '1.19' }), 'unknown');
      expect(ev.messageType).toBe(6);
      expect(Array.from(ev.payload)).toEqual(Array.from(bytes.subarray(1)));
    });
  });

  describe('trace sock', () => {
    it('decodes the packed 38-byte layout (≤ 1.18)', () => {
      const bytes = hex(`
        07 01 0a 60  00 0a 00 00   00 00 00 00  00 00 00 00
        00 00 35 00  00 a0 00 00   00 00 00 00  d3 1b 00 00
        00 00 00 00  02 00
        00 00 00 00 00 00`);
      for (const release of ['1.16', '1.17.0', '1.17', '1.18'] as const) {
        const ev = as(decode(bytes, { release }), 7);
        expect(ev.xlatePointName).toBe('XLATE_PRE_DIRECTION_FWD');
        expect(ev.dstIp).toBe('10.96.0.10');
        expect(ev.dstPort).toBe(53);
        expect(ev.sockCookie).toBe(40960n);
        expect(ev.cgroupId).toBe(7123n);
        expect(ev.l4ProtoName).toBe('L4_PROTOCOL_UDP');
        expect(ev.isIPv6).toBe(false);
      }
    });

    it('decodes the aligned 40-byte layout (1.19) with IPv6', () => {
      const bytes = hex(`
        07 04 01 01  bb 01 00 00   01 00 00 00  00 00 00 00
        02 00 00 00  00 00 00 00   fd 00 00 00  00 00 00 00
        00 00 00 00  00 00 00 0a   00 00 00 00`);
      const ev = as(decode(bytes, { release: '1.19' }), 7);
      expect(ev.xlatePointName).toBe('XLATE_POST_DIRECTION_REV');
      expect(ev.l4ProtoName).toBe('L4_PROTOCOL_TCP');
      expect(ev.isIPv6).toBe(true);
      expect(ev.dstPort).toBe(443);
      expect([ev.sockCookie, ev.cgroupId]).toEqual([1n, 2n]);
      expect(ev.dstIp).toBe('fd00::a');
    });
  });

  describe('agent-side and unknown types', () => {
    it('reads the gob AgentNotify value of type 130 (monitor-output §2.4 example)', () => {
      const text = '{"revision":7}';
      const bytes = concat(
        hex('82 2b ff 83 03 01 01 0b'),
        ascii('AgentNotify'),
        hex('01 ff 84 00 01 02 01 04'),
        ascii('Type'),
        hex('01 06 00 01 04'),
        ascii('Text'),
        hex('01 0c 00 00 00 15 ff 84 01 05 01 0e'),
        ascii(text),
        hex('00'),
      );
      const ev = as(decode(bytes), 130);
      expect(ev.notificationType).toBe(5);
      expect(ev.notificationTypeName).toBe('Policy updated');
      expect(ev.text).toBe(text);
      expect(ev.payload.length).toBe(bytes.length - 1);
    });

    it('keeps a malformed agent payload raw', () => {
      const ev = as(decode(hex('82 ff ff 01')), 130);
      expect(ev.notificationType).toBeUndefined();
      expect(ev.text).toBeUndefined();
      expect(Array.from(ev.payload)).toEqual([0xff, 0xff, 0x01]);
    });

    it('passes access logs (129) through', () => {
      const ev = as(decode(hex('81 01 02 03')), 129);
      expect(Array.from(ev.payload)).toEqual([1, 2, 3]);
    });

    it('returns unknown types as raw bytes', () => {
      for (const t of [0, 8, 42, 128, 131, 255]) {
        const ev = as(decode(new Uint8Array([t, 1, 2])), 'unknown');
        expect(ev.messageType).toBe(t);
      }
    });

    it('rejects an empty buffer and unknown releases', () => {
      expect(decodeError(() => decode(new Uint8Array(0))).code).toBe('short-buffer');
      expect(decodeError(() => decode(DROP_V2, { release: '1.12' as never })).code).toBe('invalid-option');
    });
  });
});
