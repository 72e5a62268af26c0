/**
 * Cilium's pkg/monitor Go test vectors (datapath_*_test.go, dissect_test.go, format/*_test.go)
 * at every pinned release, as bytes and expected values.
 *
 * Go's tests serialise a whole Go struct (binary.Write: no padding, little-endian here) and call
 * the message's decoder directly; that decoder never looks at the type byte, so the tests leave it
 * 0. `decodeEvent` dispatches on that byte, so here it carries the message type instead — the only
 * byte that differs from Go's input. Go's decoders also never check `len_cap` against the data
 * (the "arbitrary" vectors have capture lengths with nothing behind them): the default lenient
 * decode keeps what is there and marks `truncated`, `strict: true` throws `capture-past-end`.
 * docs/go-differential.md ("Cilium's Go test vectors") counts the cases per release.
 */
import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../../src/decode/decode-event.js';
import type { DecodeOptions, Event, Release } from '../../src/decode/types.js';
import { formatSample } from '../../src/format/format-sample.js';
import { connectionSummary } from '../../src/format/connection-summary.js';
import { dissectSummary } from '../../src/format/json/dissect-summary.js';
import { dialectOf } from '../../src/format/dialect.js';
import { makeContext } from '../../src/format/context.js';
import { packetDump } from '../../src/format/text/packet-dump.js';
import { hexDump } from '../../src/format/gopacket/hex-dump.js';
import { toFlow } from '../../src/format/flow/to-flow.js';
import { fromEndpoint, relatedToEndpoint, toEndpoint, byMessageType } from '../../src/filter/monitor.js';
import { allOf, type EventFilter } from '../../src/filter/combine.js';
import { renderer } from '../../src/cli/render.js';
import { readGob } from '../../src/sources/gob/monitor-payloads.js';
import { as, bytesOf, concat, decodeErrorOf, newer, offsetIn, RELEASES, u32s, type Field } from './bytes.js';

const EXT_LENGTHS = { 1: 4, 2: 8, 3: 16 } as const;
const EXT_WORDS = [[], [0xc0ffee], [0xc0ffee, 0xdecafbad], [0xc0ffee, 0xdecafbad, 0x0fa1afe1, 0xf00df00d]] as const;

/** Lenient decode must give what Go gives; strict must either agree or refuse with `code`. */
function lenientAndStrict(bytes: Uint8Array, options: DecodeOptions, strictCode?: string): Event {
  const ev = decodeEvent(bytes, options);
  if (strictCode === undefined) expect(decodeEvent(bytes, { ...options, strict: true })).toEqual(ev);
  else expect(decodeErrorOf(() => decodeEvent(bytes, { ...options, strict: true })).code).toBe(strictCode);
  return ev;
}

// ------------------------------------------------------------------------------------ drop

/** Bytes binary.Write gives for Go's DropNotify struct of each release. */
const DROP_STRUCT_SIZE: Record<Release, number> = { '1.16': 36, '1.17.0': 36, '1.17': 40, '1.18': 40, '1.19': 48, '1.20': 48 };

/** The common drop fields of the "arbitrary" vectors (bytes 0-11 and 16-35). */
const DROP_COMMON: readonly Field[] = [
  [0, 1, 1],
  [1, 1, 0x01],
  [2, 2, 0x0203],
  [4, 4, 0x04050607],
  [8, 4, 0x08090a0b],
  [16, 4, 0x11121314],
  [20, 4, 0x15161718],
  [24, 4, 0x191a1b1c],
  [28, 2, 0x1d1e],
  [30, 1, 0x20],
  [31, 1, 0x21],
  [32, 4, 0x22232425],
];

function expectDropCommon(ev: Extract<Event, { type: 1 }>): void {
  expect([ev.subtype, ev.source, ev.hash, ev.origLen]).toEqual([0x01, 0x0203, 0x04050607, 0x08090a0b]);
  expect([ev.srcLabel, ev.dstLabel, ev.dstId, ev.line, ev.file, ev.extError, ev.ifindex]).toEqual([
    0x11121314, 0x15161718, 0x191a1b1c, 0x1d1e, 0x20, 0x21, 0x22232425,
  ]);
}

describe('pkg/monitor datapath_drop_test.go', () => {
  it('1.16 TestDecodeDropNotify: Go\'s 32-bit CapLen 0x0c0d0e10 is our cap_len + version', () => {
    const b = bytesOf(36, [...DROP_COMMON, [12, 4, 0x0c0d0e10]]);
    // 1.16's Go decoder never reads a version; strict refuses one the release does not define.
    const ev = as(lenientAndStrict(b, { release: '1.16' }, 'unknown-version'), 1);
    expectDropCommon(ev);
    expect(ev.capLen + ev.version * 0x10000).toBe(0x0c0d0e10);
    expect([ev.truncated, ev.packet.length]).toEqual([true, 0]);
  });

  it('1.17.0 TestDecodeDropNotify (v1, 36 bytes)', () => {
    const b = bytesOf(36, [...DROP_COMMON, [12, 2, 0x0c0d], [14, 2, 1]]);
    const ev = as(lenientAndStrict(b, { release: '1.17.0' }, 'capture-past-end'), 1);
    expectDropCommon(ev);
    expect([ev.capLen, ev.version, ev.truncated]).toEqual([0x0c0d, 1, true]);
  });

  for (const release of ['1.17', '1.18'] as const) {
    it(`${release} TestDecodeDropNotify (v2, 40 bytes, flags)`, () => {
      const flags = release === '1.17' ? 0x03 : 0x0f;
      const b = bytesOf(40, [...DROP_COMMON, [12, 2, 0x0c0d], [14, 2, 2], [36, 1, flags]]);
      const ev = as(lenientAndStrict(b, { release }, 'capture-past-end'), 1);
      expectDropCommon(ev);
      expect([ev.capLen, ev.version, ev.flags, ev.isL3Device, ev.isIPv6]).toEqual([0x0c0d, 2, flags, true, true]);
      if (release === '1.18') expect([ev.isVXLAN, ev.isGeneve]).toEqual([true, true]);
    });

    it(`${release} TestDecodeDropNotifyErrors: no bytes; version 255`, () => {
      expect(decodeErrorOf(() => decodeEvent(new Uint8Array(0), { release })).code).toBe('short-buffer');
      const b = bytesOf(40, [[0, 1, 1], [14, 1, 0xff]]);
      expect(decodeErrorOf(() => decodeEvent(b, { release })).code).toBe('unknown-version');
    });
  }

  for (const release of ['1.19', '1.20'] as const) {
    it(`${release} TestDropNotifyV1_Decode "empty" and TestDropNotify_Decode "empty"`, () => {
      const ev = as(lenientAndStrict(bytesOf(48, [[0, 1, 1]]), { release }), 1);
      expect([ev.version, ev.capLen, ev.flags, ev.ipTraceId, ev.srcLabel, ev.ifindex, ev.truncated]).toEqual([
        0, 0, 0, 0n, 0, 0, false,
      ]);
    });

    it(`${release} TestDropNotifyV1_Decode "arbitrary": a v1 drop reads 36 bytes, flags and trace id stay 0`, () => {
      const b = bytesOf(48, [...DROP_COMMON, [12, 2, 0x0e10], [14, 1, 1]]);
      const ev = as(lenientAndStrict(b, { release }, 'capture-past-end'), 1);
      expectDropCommon(ev);
      expect([ev.capLen, ev.version, ev.extVersion, ev.flags, ev.ipTraceId]).toEqual([0x0e10, 1, 0, 0, 0n]);
    });

    it(`${release} TestDropNotify_Decode "arbitrary" (v3)`, () => {
      const b = bytesOf(48, [...DROP_COMMON, [12, 2, 0x0e10], [14, 1, 3], [36, 1, 0x0f], [40, 8, 0x99]]);
      const ev = as(lenientAndStrict(b, { release }, 'capture-past-end'), 1);
      expectDropCommon(ev);
      expect([ev.capLen, ev.version, ev.flags, ev.ipTraceId]).toEqual([0x0e10, 3, 0x0f, 0x99n]);
      expect([ev.isIPv6, ev.isL3Device, ev.isVXLAN, ev.isGeneve]).toEqual([true, true, true, true]);
    });

    for (const [version, offset, traceId] of [
      [1, 36, 0],
      [2, 40, 0],
      [3, 48, 0x999],
    ] as const) {
      it(`${release} TestDecodeDropNotify v${version}: the packet starts at ${offset}`, () => {
        const b = bytesOf(48, [...DROP_COMMON, [12, 2, 0x0e10], [14, 1, version], [40, 8, traceId]]);
        const ev = as(decodeEvent(b, { release }), 1);
        expect(offsetIn(b, ev.packet)).toBe(offset);
        expect(ev.ipTraceId).toBe(BigInt(version === 3 ? traceId : 0));
      });
    }

    it(`${release} TestDecodeDropNotifyExtension: the packet starts after the registered extension`, () => {
      EXT_WORDS.forEach((words, extVersion) => {
        const b = concat(bytesOf(48, [[0, 1, 1], [14, 1, 3], [15, 1, extVersion]]), u32s(words), u32s([0xdeadbeef]));
        const options = { release, extensionLengths: { drop: EXT_LENGTHS } };
        const ev = as(lenientAndStrict(b, options), 1);
        expect(new DataView(b.buffer).getUint32(offsetIn(b, ev.packet), true)).toBe(0xdeadbeef);
        expect(ev.extension.length).toBe(words.length * 4);
      });
    });
  }
});

// ------------------------------------------------------------------------------------ trace

const TRACE_COMMON: readonly Field[] = [
  [0, 1, 4],
  [1, 1, 0x02],
  [2, 2, 0x0304],
  [4, 4, 0x05060708],
  [8, 4, 0x090a0b0c],
  [12, 2, 0x0d0e],
  [16, 4, 0x11121314],
  [20, 4, 0x15161718],
  [24, 2, 0x191a],
  [26, 1, 0x1b],
  [27, 1, 0x1c],
  [28, 4, 0x1d1e1f20],
];

function expectTraceCommon(ev: Extract<Event, { type: 4 }>): void {
  expect([ev.subtype, ev.source, ev.hash, ev.origLen, ev.capLen]).toEqual([0x02, 0x0304, 0x05060708, 0x090a0b0c, 0x0d0e]);
  expect([ev.srcLabel, ev.dstLabel, ev.dstId, ev.reason, ev.flags, ev.ifindex]).toEqual([
    0x11121314, 0x15161718, 0x191a, 0x1b, 0x1c, 0x1d1e1f20,
  ]);
}

/** `TRACE_REASON_UNKNOWN` of the datapath (Hubble's 0 is its own enum). */
const UNKNOWN = 5;

/** A 48-byte trace v1 with `reason` (the same bytes in every release's layout). */
function traceV1(reason: number, flags = 0): Uint8Array {
  return bytesOf(48, [[0, 1, 4], [1, 1, 0], [14, 1, 1], [26, 1, reason], [27, 1, flags]]);
}

describe('pkg/monitor datapath_trace_test.go', () => {
  for (const release of ['1.16', '1.17.0'] as const) {
    it(`${release} TestDecodeTraceNotifyV0 (32 bytes)`, () => {
      const ev = as(lenientAndStrict(bytesOf(32, TRACE_COMMON), { release }, 'capture-past-end'), 4);
      expectTraceCommon(ev);
      expect([ev.version, ev.origIpBytes, ev.origIp]).toEqual([0, undefined, undefined]);
    });
  }

  for (const release of ['1.16', '1.17.0', '1.17', '1.18'] as const) {
    it(`${release} TestDecodeTraceNotify(V1) (48 bytes)`, () => {
      const ip = [0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, ...(release.startsWith('1.16') || release === '1.17.0' ? [0, 0, 0, 0, 0, 0] : [0x2b, 0x2c, 0x2d, 0x2e, 0x2f, 0x30])];
      const b = bytesOf(48, [...TRACE_COMMON, [14, 2, 1]]);
      b.set(ip, 32);
      const ev = as(lenientAndStrict(b, { release }, 'capture-past-end'), 4);
      expectTraceCommon(ev);
      expect(ev.version).toBe(1);
      expect(Array.from(ev.origIpBytes ?? [])).toEqual(ip);
    });

    it(`${release} TestDecodeTraceNotifyErrors: Go's messages`, () => {
      expect(decodeErrorOf(() => decodeEvent(new Uint8Array(0), { release })).code).toBe('short-buffer');
      const b = bytesOf(48, [[0, 1, 4], [14, 1, 0xff]]);
      expect(decodeErrorOf(() => decodeEvent(b, { release })).code).toBe('unknown-version');
      // `cilium monitor` prints the trace decoder's error for the same bytes.
      expect(formatSample(b, { release }).split('\n')[0]).toBe('Error while parsing trace notification message: Unrecognized trace event (version 255)');
    });
  }

  for (const release of ['1.19', '1.20'] as const) {
    it(`${release} TestDecodeTraceNotify (v2, 56 bytes)`, () => {
      const b = bytesOf(56, [...TRACE_COMMON, [14, 1, 2], [48, 8, 0x2b2c2d2e2f303132n]]);
      b.set(Array.from({ length: 16 }, (_, i) => 0x21 + i), 32);
      const ev = as(lenientAndStrict(b, { release }, 'capture-past-end'), 4);
      expectTraceCommon(ev);
      expect(ev.version).toBe(2);
      expect(Array.from(ev.origIpBytes ?? [])).toEqual(Array.from({ length: 16 }, (_, i) => 0x21 + i));
      expect(ev.ipTraceId).toBe(0x2b2c2d2e2f303132n);
    });

    it(`${release} TestDecodeTraceNotifyExtension`, () => {
      EXT_WORDS.forEach((words, extVersion) => {
        const b = concat(bytesOf(56, [[0, 1, 4], [14, 1, 2], [15, 1, extVersion]]), u32s(words), u32s([0xdeadbeef]));
        const ev = as(lenientAndStrict(b, { release, extensionLengths: { trace: EXT_LENGTHS } }), 4);
        expect(new DataView(b.buffer).getUint32(offsetIn(b, ev.packet), true)).toBe(0xdeadbeef);
      });
    });

    it(`${release} TestDecodeTraceNotifyErrors: Go's messages`, () => {
      expect(decodeErrorOf(() => decodeEvent(new Uint8Array(0), { release })).code).toBe('short-buffer');
      // An empty sample has no type byte to dispatch on; a lone type byte gets Go's length message.
      expect(formatSample(Uint8Array.of(4), { release })).toBe(
        "cannot decode message type '4': unexpected TraceNotify data length, expected at least 32 but got 1\n",
      );
      const b = bytesOf(48, [[0, 1, 4], [14, 1, 0xff]]);
      expect(decodeErrorOf(() => decodeEvent(b, { release })).code).toBe('unknown-version');
      expect(formatSample(b, { release })).toBe("cannot decode message type '4': Unrecognized trace event (version 255)\n");
    });
  }

  for (const release of RELEASES) {
    it(`${release} TestIsEncrypted / TestTraceReason: the 0x80 bit`, () => {
      for (const [reason, encrypted, plain] of [
        [UNKNOWN, false, UNKNOWN],
        [UNKNOWN | 0x80, true, UNKNOWN],
      ] as const) {
        const ev = as(decodeEvent(traceV1(reason), { release }), 4);
        expect([ev.encrypted, ev.traceReason]).toEqual([encrypted, plain]);
      }
    });

    if (release !== '1.16' && release !== '1.17.0' && release !== '1.17') {
      it(`${release} TestTraceFlags: 0x0f sets all four classifier flags`, () => {
        const ev = as(decodeEvent(traceV1(0, 0x0f), { release }), 4);
        expect([ev.isIPv6, ev.isL3Device, ev.isVXLAN, ev.isGeneve]).toEqual([true, true, true, true]);
      });
    }

    it(`${release} TestTraceReasonIsKnown: Hubble sets trace_reason only for a known reason`, () => {
      for (const [reason, known] of [
        [UNKNOWN, false],
        [UNKNOWN | 0x80, false],
        [1, true],
        [0x81, true],
      ] as const) {
        const ev = as(decodeEvent(traceV1(reason), { release }), 4);
        expect(ev.traceReasonName !== 'TRACE_REASON_UNKNOWN').toBe(known);
        expect(toFlow(ev).trace_reason !== undefined).toBe(known);
        if (known) expect(ev.traceReasonName).toBe('TRACE_REASON_CT_ESTABLISHED');
      }
    });

    it(`${release} TestTraceReasonIsReply: CT reply with or without the encrypted bit`, () => {
      for (const [reason, reply] of [
        [UNKNOWN, false],
        [UNKNOWN | 0x80, false],
        [2, true],
        [0x82, true],
      ] as const) {
        const ev = as(decodeEvent(traceV1(reason), { release }), 4);
        expect(ev.traceReasonName === 'TRACE_REASON_CT_REPLY').toBe(reply);
        expect(toFlow(ev).is_reply ?? false).toBe(reply); // Hubble leaves it unset for an unknown reason
      }
    });

    it(`${release} TestTraceReasonIsEncap / TestTraceReasonIsDecap: SRv6 reasons 6 and 7`, () => {
      for (const [reason, encap, decap] of [
        [UNKNOWN, false, false],
        [UNKNOWN | 0x80, false, false],
        [6, true, false],
        [0x86, true, false],
        [7, false, true],
        [0x87, false, true],
      ] as const) {
        const ev = as(decodeEvent(traceV1(reason), { release }), 4);
        expect(ev.traceReasonName === 'TRACE_REASON_SRV6_ENCAP').toBe(encap);
        expect(ev.traceReasonName === 'TRACE_REASON_SRV6_DECAP').toBe(decap);
      }
    });
  }
});

// ------------------------------------------------------------------------------------ debug

describe('pkg/monitor datapath_debug_test.go', () => {
  for (const release of RELEASES) {
    it(`${release} TestDecodeDebugCapture (24 bytes)`, () => {
      // Go's struct up to 1.18 names bytes 8-11 Len and bytes 12-15 OrigLen; the vector puts
      // 0x08090a0b in the field Go calls OrigLen, so which bytes carry it depends on the release.
      const legacy = !newer(release);
      const b = legacy
        ? bytesOf(24, [[0, 1, 3], [1, 1, 1], [2, 2, 0x0203], [4, 4, 0x04050607], [12, 4, 0x08090a0b], [16, 4, 0x0c0d0e10], [20, 4, 0x11121314]])
        : bytesOf(24, [[0, 1, 3], [1, 1, 1], [2, 2, 0x0203], [4, 4, 0x04050607], [8, 4, 0x08090a0b], [16, 4, 0x0c0d0e10], [20, 4, 0x11121314]]);
      const ev = as(lenientAndStrict(b, { release }, legacy ? 'capture-past-end' : undefined), 3);
      expect([ev.subtype, ev.source, ev.hash, ev.arg1, ev.arg2]).toEqual([1, 0x0203, 0x04050607, 0x0c0d0e10, 0x11121314]);
      if (legacy) expect([ev.origLen, ev.capLen + ev.version * 0x10000]).toEqual([0, 0x08090a0b]);
      else expect([ev.origLen, ev.capLen, ev.version]).toEqual([0x08090a0b, 0, 0]);
    });

    it(`${release} TestDecodeDebugMsg (20 bytes)`, () => {
      const b = bytesOf(20, [[0, 1, 2], [1, 1, 1], [2, 2, 0x0203], [4, 4, 0x04050607], [8, 4, 0x08090a0b], [12, 4, 0x0c0d0e10], [16, 4, 0x11121314]]);
      const ev = as(lenientAndStrict(b, { release }), 2);
      expect([ev.subtype, ev.source, ev.hash, ev.arg1, ev.arg2, ev.arg3]).toEqual([1, 0x0203, 0x04050607, 0x08090a0b, 0x0c0d0e10, 0x11121314]);
    });
  }

  for (const release of ['1.19', '1.20'] as const) {
    it(`${release} TestDecodeDebugCaptureExt`, () => {
      EXT_WORDS.forEach((words, extVersion) => {
        const b = concat(bytesOf(24, [[0, 1, 3], [14, 1, 1], [15, 1, extVersion]]), u32s(words), u32s([0xdeadbeef]));
        const ev = as(lenientAndStrict(b, { release, extensionLengths: { debugCapture: EXT_LENGTHS } }), 3);
        expect(new DataView(b.buffer).getUint32(offsetIn(b, ev.packet), true)).toBe(0xdeadbeef);
      });
    });
  }
});

// ------------------------------------------------------------------------------------ policy

describe('pkg/monitor datapath_policy_test.go', () => {
  const head: readonly Field[] = [[0, 1, 5], [1, 1, 1], [2, 2, 0x0203], [4, 4, 0x04050607], [8, 4, 0x08090a0b], [12, 2, 0x0c0d]];
  const body: readonly Field[] = [[16, 4, 0x11121314], [20, 4, 0x15161718], [24, 2, 0x191a], [26, 1, 0x1b], [27, 1, 0x1c], [28, 1, 0x1d]];

  for (const release of ['1.16', '1.17.0', '1.17', '1.18'] as const) {
    it(`${release} TestDecodePolicyVerdicyNotify (32 bytes, u16 version 0x0e10)`, () => {
      // Go's Pad1/Pad2 (bytes 29-31) have no field here: the bytes are padding in the datapath.
      const b = bytesOf(32, [...head, [14, 2, 0x0e10], ...body, [29, 1, 0x1e], [30, 2, 0x2021]]);
      const ev = as(lenientAndStrict(b, { release }, 'capture-past-end'), 5);
      expect([ev.subtype, ev.source, ev.hash, ev.origLen, ev.capLen]).toEqual([1, 0x0203, 0x04050607, 0x08090a0b, 0x0c0d]);
      expect([ev.version, ev.remoteLabel, ev.verdict, ev.dstPort, ev.proto, ev.flags, ev.authType]).toEqual([
        0x0e10, 0x11121314, 0x15161718, 0x191a, 0x1b, 0x1c, 0x1d,
      ]);
    });
  }

  for (const release of ['1.19', '1.20'] as const) {
    it(`${release} TestDecodePolicyVerdicyNotify (40 bytes, version 0x10, cookie)`, () => {
      const b = bytesOf(40, [...head, [14, 1, 0x10], ...body, [32, 4, 0x1e1f2021]]);
      const ev = as(lenientAndStrict(b, { release }, 'capture-past-end'), 5);
      expect([ev.subtype, ev.source, ev.hash, ev.origLen, ev.capLen]).toEqual([1, 0x0203, 0x04050607, 0x08090a0b, 0x0c0d]);
      expect([ev.version, ev.remoteLabel, ev.verdict, ev.dstPort, ev.proto, ev.flags, ev.authType, ev.cookie]).toEqual([
        0x10, 0x11121314, 0x15161718, 0x191a, 0x1b, 0x1c, 0x1d, 0x1e1f2021,
      ]);
    });
  }

  for (const release of ['1.19', '1.20'] as const) {
    it(`${release} TestDecodePolicyVerdictNotifyExtension`, () => {
      EXT_WORDS.forEach((words, extVersion) => {
        const version = extVersion < 2 ? 1 : 3;
        const b = concat(bytesOf(40, [[0, 1, 5], [14, 1, version], [15, 1, extVersion]]), u32s(words), u32s([0xdeadbeef]));
        const ev = as(lenientAndStrict(b, { release, extensionLengths: { policyVerdict: EXT_LENGTHS } }), 5);
        expect(new DataView(b.buffer).getUint32(offsetIn(b, ev.packet), true)).toBe(0xdeadbeef);
      });
    });
  }
});

// ------------------------------------------------------------------------------------ sock

describe('pkg/monitor datapath_sock_trace_test.go', () => {
  const ip = [0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x10, 0x11, 0x12];
  for (const release of RELEASES) {
    it(`${release} TestDecodeTraceSockNotify (${newer(release) ? 40 : 38} bytes)`, () => {
      // Up to 1.18 Go's struct is packed in C order (address, port, cookie, cgroup, proto, flags);
      // from 1.19 the small fields come first and the address last.
      const b = newer(release)
        ? bytesOf(40, [[0, 1, 7], [1, 1, 1], [2, 1, 0x19], [3, 1, 0x1a], [4, 2, 0x1314], [8, 8, 0x15161718]])
        : bytesOf(38, [[0, 1, 7], [1, 1, 1], [18, 2, 0x1314], [20, 8, 0x15161718], [36, 1, 0x19], [37, 1, 0x1a]]);
      b.set(ip, newer(release) ? 24 : 2);
      const ev = as(lenientAndStrict(b, { release }), 7);
      expect([ev.xlatePoint, ev.dstPort, ev.sockCookie, ev.l4Proto, ev.flags]).toEqual([1, 0x1314, 0x15161718n, 0x19, 0x1a]);
      expect(Array.from(ev.dstIpBytes)).toEqual(ip);
    });
  }
});

// ------------------------------------------------------------------------------------ dissect

const L2 = [2, 51, 69, 103, 137, 171, 1, 35, 69, 103, 137, 171, 8, 0];
const TCP_IP = [69, 0, 0, 40, 0, 1, 0, 0, 64, 6, 106, 188, 1, 2, 3, 4, 5, 6, 7, 8, 0, 80, 1, 187, 0, 0, 0, 0, 0, 0, 0, 0];
const SYN = Uint8Array.from([...L2, ...TCP_IP, 80, 2, 32, 0, 125, 196, 0, 0]);
const ACK = Uint8Array.from([...L2, ...TCP_IP, 80, 16, 32, 0, 125, 182, 0, 0]);
const OUTER = [17, 18, 19, 20, 21, 22, 1, 2, 3, 4, 5, 6, 8, 0, 69, 0, 0, 90, 0, 1, 0, 0, 64, 17, 116, 141, 1, 1, 1, 1, 2, 2, 2, 2, 33, 24, 39, 15, 0, 70];
const VXLAN = Uint8Array.from([...OUTER, 9, 229, 12, 0, 0, 3, 0, 0, 2, 0, ...SYN]);
const GENEVE = Uint8Array.from([...OUTER, 176, 143, 0, 0, 101, 88, 0, 0, 2, 0, ...ACK]);
const ICMP = Uint8Array.from([...L2, 69, 0, 0, 28, 0, 1, 0, 0, 64, 1, 106, 205, 1, 2, 3, 4, 5, 6, 7, 8, 3, 1, 252, 254, 0, 0, 0, 0]);
const VRRP = Uint8Array.from([
  1, 0, 0x5e, 0, 0, 0x12, 1, 2, 3, 4, 5, 6, 8, 0,
  // IPv4 as gopacket serialises it with FixLengths and checksums: 20 + 12 bytes, TTL 0, proto 112
  0x45, 0, 0, 32, 0, 0, 0, 0, 0, 112, 0xca, 0xc9, 1, 2, 3, 4, 224, 0, 0, 18,
  0x21, 0x0a, 0x78, 0x01, 0x00, 0x01, 0x00, 0x00, 0xc0, 0xa8, 0x01, 0x01,
]);
const IGMP = Uint8Array.from([
  1, 0, 0x5e, 0, 0, 0xfb, 1, 2, 3, 4, 5, 6, 8, 0,
  0x45, 0, 0, 0x1c, 0, 0, 0, 0, 1, 2, 0, 0, 1, 2, 3, 4, 0xe0, 0, 0, 0xfb,
  0x16, 0, 0xf9, 0x05, 0xe0, 0, 0, 0xfb,
]);

const flags = (f: Partial<{ isL3Device: boolean; isVXLAN: boolean; isGeneve: boolean }> = {}) => ({
  isL3Device: false,
  isIPv6: false,
  isVXLAN: false,
  isGeneve: false,
  ...f,
});

type Obj = Record<string, unknown>;

describe('pkg/monitor dissect_test.go', () => {
  for (const release of RELEASES) {
    const d = dialectOf(release);
    const overlay = release === '1.18' || newer(release);
    const l3Summary = release !== '1.16' && release !== '1.17.0';

    it(`${release} TestDissectSummary${overlay ? ' (L2Device)' : ''}`, () => {
      const s = dissectSummary(overlay ? ACK : SYN, flags(), d) as Obj;
      expect(s.ethernet).toBeTruthy();
      expect(s.ipv4).toBeTruthy();
      expect(s.tcp).toBeTruthy();
      expect(s.l2).toEqual({ src: '01:23:45:67:89:ab', dst: '02:33:45:67:89:ab' });
      expect(s.l3).toEqual({ src: '1.2.3.4', dst: '5.6.7.8' });
      expect(s.l4).toEqual({ src: '80', dst: '443' });
    });

    if (overlay) {
      it(`${release} TestDissectSummary (L3Device)`, () => {
        const s = dissectSummary(ACK.subarray(14), flags({ isL3Device: true }), d) as Obj;
        expect(s.ethernet ?? '').toBe('');
        expect(s.l2).toBeUndefined();
        expect([s.l3, s.l4]).toEqual([{ src: '1.2.3.4', dst: '5.6.7.8' }, { src: '80', dst: '443' }]);
      });

      for (const [name, data] of [['VXLAN', VXLAN], ['Geneve', GENEVE]] as const) {
        it(`${release} TestDissectSummary (${name})`, () => {
          const s = dissectSummary(data, flags({ isVXLAN: name === 'VXLAN', isGeneve: name === 'Geneve' }), d) as Obj;
          expect([s.l2, s.l3, s.l4]).toEqual([
            { src: '01:23:45:67:89:ab', dst: '02:33:45:67:89:ab' },
            { src: '1.2.3.4', dst: '5.6.7.8' },
            { src: '80', dst: '443' },
          ]);
          const t = s.tunnel as Obj;
          expect(t.ethernet).toBeTruthy();
          expect(t.ipv4).toBeTruthy();
          expect(t.udp).toBeTruthy();
          if (name === 'VXLAN') expect(t.vxlan).toBeTruthy();
          expect([t.l2, t.l3, t.l4]).toEqual([
            { src: '01:02:03:04:05:06', dst: '11:12:13:14:15:16' },
            { src: '1.1.1.1', dst: '2.2.2.2' },
            { src: '8472', dst: '9999' },
          ]);
        });

        it(`${release} TestConnectionSummaryTcp (${name})`, () => {
          expect(connectionSummary(data, flags({ isVXLAN: name === 'VXLAN', isGeneve: name === 'Geneve' }), d)).toBe(
            `1.2.3.4:80 -> 5.6.7.8:443 tcp ${name === 'VXLAN' ? 'SYN' : 'ACK'} [tunnel 1.1.1.1:8472 -> 2.2.2.2:9999 ${name.toLowerCase()}]`,
          );
        });
      }

      it(`${release} TestConnectionSummaryTcp (PostOverlay) and TestConnectionSummaryIcmp`, () => {
        expect(connectionSummary(SYN, flags(), d)).toBe('1.2.3.4:80 -> 5.6.7.8:443 tcp SYN');
        expect(connectionSummary(ICMP, flags(), d)).toBe('1.2.3.4 -> 5.6.7.8 icmp DestinationUnreachable(Host)');
      });
    }

    it(`${release} TestConnectionSummary${overlay ? 'Tcp' : ''} (L2Device${l3Summary ? ', L3Device' : ''})`, () => {
      const data = overlay ? ACK : SYN;
      const text = `1.2.3.4:80 -> 5.6.7.8:443 tcp ${overlay ? 'ACK' : 'SYN'}`;
      expect(connectionSummary(data, flags(), d)).toBe(text);
      if (l3Summary) expect(connectionSummary(data.subarray(14), flags({ isL3Device: true }), d)).toBe(text);
    });

    if (newer(release)) {
      it(`${release} TestConnectionSummaryVrrp and TestConnectionSummaryIgmp`, () => {
        expect(connectionSummary(VRRP, flags(), d)).toBe('1.2.3.4 -> 224.0.0.18 vrrp VRRPv2 Advertisement 10 120');
        expect(connectionSummary(IGMP, flags(), d)).toBe('1.2.3.4 -> 224.0.0.251 igmp IGMPv2 Membership Report 224.0.0.251');
      });

      for (const [name, data, f, prefixes] of [
        ['Native', SYN, flags(), ['Ethernet', 'IPv4', 'TCP']],
        ['Geneve', GENEVE, flags({ isGeneve: true }), ['Ethernet', 'IPv4', 'UDP', 'Geneve', 'Ethernet', 'IPv4', 'TCP']],
        ['NativeL3', ACK.subarray(14), flags({ isL3Device: true }), ['IPv4', 'TCP']],
      ] as const) {
        it(`${release} TestDissect (${name}): hex dump, then one line per layer`, () => {
          const ctx = makeContext(decodeEvent(bytesOf(20, [[0, 1, 2]]), { release }), { release });
          expect(packetDump(data, f, false, ctx)).toBe(hexDump(data));
          const lines = packetDump(data, f, true, ctx).split('\n');
          expect(lines.length).toBe(prefixes.length + 1);
          prefixes.forEach((p, i) => expect(lines[i]!.startsWith(p)).toBe(true));
          expect(lines[prefixes.length]).toBe('');
        });
      }
    }
  }
});

// ------------------------------------------------------------------------------------ format (1.20)

describe('pkg/monitor/format format_test.go (1.20)', () => {
  const release = '1.20' as const;
  /** A 36-byte v0 drop (reason 130) from endpoint `src` to endpoint `dst`. */
  const drop = (src: number, dst: number) =>
    bytesOf(36, [[0, 1, 1], [1, 1, 130], [2, 2, src], [4, 4, 0xdead], [16, 4, 1], [20, 4, 2], [24, 4, dst], [28, 2, 42], [32, 4, 1]]);
  interface Case {
    from?: number[];
    to?: number[];
    related?: number[];
    types?: string[];
    want: boolean;
  }
  const filterOf = (c: Case): EventFilter => {
    const parts: EventFilter[] = [];
    if (c.types) parts.push(byMessageType(c.types));
    if (c.from) parts.push(fromEndpoint(c.from));
    if (c.to) parts.push(toEndpoint(c.to));
    if (c.related) parts.push(relatedToEndpoint(c.related));
    return allOf(...parts);
  };

  it('TestMatch: --from/--to/--related-to/--type against a drop from 10 to 20', () => {
    const cases: Case[] = [
      { want: true },
      { from: [10], want: true },
      { from: [30], want: false },
      { from: [20], want: false },
      { to: [20], want: true },
      { to: [30], want: false },
      { to: [10], want: false },
      { related: [10], want: true },
      { related: [20], want: true },
      { related: [30], want: false },
      { types: ['drop'], want: true },
      { types: ['debug'], want: false },
      { types: ['drop'], from: [10], want: true },
      { types: ['drop'], from: [30], want: false },
      { from: [10], to: [20], want: true },
      { from: [10], to: [30], want: false },
      { from: [30, 10], want: true },
    ];
    const ev = decodeEvent(drop(10, 20), { release });
    for (const c of cases) expect([c, filterOf(c)(ev)]).toEqual([c, c.want]);
  });

  it('TestFormatSampleFiltering: what passes is printed as a drop to endpoint 20', () => {
    const cases: Case[] = [
      { want: true },
      { from: [10], want: true },
      { from: [30], want: false },
      { to: [20], want: true },
      { to: [30], want: false },
      { related: [10], want: true },
      { related: [20], want: true },
      { related: [30], want: false },
      { types: ['debug'], want: false },
    ];
    const sample = drop(10, 20);
    for (const c of cases) {
      const printed = filterOf(c)(decodeEvent(sample, { release })) ? formatSample(sample, { release }) : '';
      if (c.want) {
        expect(printed).toContain('drop');
        expect(printed).toContain('to endpoint 20');
      } else expect(printed).toBe('');
    }
  });

  it('TestFormatLostEvent: a lost record is printed whatever the filters', () => {
    const r = renderer('summary', { numeric: false, names: undefined, interfaceName: undefined, nodeName: undefined }, () => {});
    expect(r.lost({ kind: 'lost', cpu: 1, count: 7 } as never)).toContain('Lost 7 events');
  });
});

// ------------------------------------------------------------------------------------ api (agent notifications)

/**
 * An agent notification record as the agent sends it: type byte 130, then a gob stream of
 * `AgentNotify{Type AgentNotification (uint32); Text string}` — the type definition, then one
 * value message (field 1 the type, field 2 the text; lengths and values below 128 are one byte).
 */
function agentRecord(type: number, text: string): Uint8Array {
  const typeDef = Uint8Array.from(
    '2a7f0301010b4167656e744e6f7469667901ff80000102010454797065010600010454657874010c000000'.match(/../g)!.map((x) => parseInt(x, 16)),
  );
  const t = new TextEncoder().encode(text);
  if (t.length >= 128 || type >= 128) throw new Error('one-byte gob lengths only');
  const body = Uint8Array.from([0xff, 0x80, 0x01, type, 0x01, t.length, ...t, 0x00]);
  return concat(Uint8Array.of(130), typeDef, Uint8Array.of(body.length), body);
}

describe('pkg/monitor/api types_test.go: the notifications the agent builds, read back', () => {
  const cases: [string, number, string][] = [
    ['TestPolicyUpdateMessage', 5, '{"labels":["unspec:key1=value1","unspec:key2=value2"],"revision":1,"rule_count":2}'],
    ['TestEmptyPolicyUpdateMessage', 5, '{"revision":1,"rule_count":0}'],
    ['TestPolicyDeleteMessage', 6, '{"labels":["unspec:key1=value1"],"revision":2,"rule_count":1}'],
    ['TestEndpointRegenMessage (error)', 4, '{"id":10,"labels":["unspec:key1=value1","unspec:key2=value2"],"error":"RegenError"}'],
    ['TestEndpointRegenMessage (success)', 3, '{"id":10,"labels":["unspec:key1=value1","unspec:key2=value2"]}'],
    ['TestStartMessage', 2, '{"time":"2026-12-03T15:11:07.123456789Z"}'],
  ];
  for (const release of RELEASES) {
    for (const [name, type, text] of cases) {
      it(`${release} ${name}`, () => {
        const ev = as(lenientAndStrict(agentRecord(type, text), { release }), 130);
        expect(ev.notificationType).toBe(type);
        expect(JSON.parse(ev.text ?? 'null')).toEqual(JSON.parse(text));
      });
    }
  }
});

// ------------------------------------------------------------------------------------ payload (monitor socket)

describe('pkg/monitor/payload monitor_payload_test.go', () => {
  it('TestPayload_UnMarshalBinary: Payload{Data 1 2 3 4, CPU 12, Lost 5243, Type 9 (sample)} as gob reads back', () => {
    // gob: the Payload type definition (Data []byte, CPU int, Lost uint64, Type int), then the value.
    const gob = Uint8Array.from(
      ('377f030101075061796c6f616401ff80000104010444617461010a00010343505501040001044c6f7374010600010454797065010400000011' +
        'ff80010401020304011801fe147b011200').match(/../g)!.map((x) => parseInt(x, 16)),
    );
    const records = readGob(gob);
    expect(records.length).toBe(1);
    const r = records[0]!;
    expect(r.kind).toBe('sample');
    expect([Array.from(r.kind === 'sample' ? r.data : []), r.cpu]).toEqual([[1, 2, 3, 4], 12]);
  });
});

