/** encode → decode → encode is the identity on raw fields and on bytes, for every release. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EncodeError } from '../../src/errors.js';
import { encodeEvent } from '../../src/encode/encode-event.js';
import { decodeEvent } from '../../src/decode/decode-event.js';
import { RELEASES, eventArb, rawOf } from '../helpers/event-arbitraries.js';
import { TABLE_SOURCES } from '../helpers/table-sources.js';
import { hex } from '../helpers/hex.js';

describe.each(TABLE_SOURCES)('round trip ($name)', ({ decode, encode }) => {
  for (const release of RELEASES) {
    for (const littleEndian of [true, false]) {
      it(`${release} ${littleEndian ? 'LE' : 'BE'}: random valid events survive encode → decode → encode`, () => {
        fc.assert(
          fc.property(eventArb(release), (ev) => {
            const bytes = encode(ev, { release, littleEndian });
            const back = decode(bytes, { release, littleEndian });
            expect(rawOf(back)).toEqual(rawOf(ev));
            expect(encode(back, { release, littleEndian })).toEqual(bytes);
          }),
          { numRuns: 150 },
        );
      });
    }
  }

  it('writes the 1.18 drop v2 layout at the spec offsets', () => {
    const bytes = encode({
      type: 1, release: '1.18', subtype: 133, source: 5, hash: 0x12345678, origLen: 98, capLen: 2,
      version: 2, extVersion: 0, srcLabel: 12345, dstLabel: 2, dstId: 16, line: 300, file: 2,
      extError: -2, ifindex: 7, flags: 3, ipTraceId: 0n, extension: new Uint8Array(0),
      packet: new Uint8Array([0xde, 0xad]),
    });
    expect(bytes).toEqual(
      hex(`01 85 05 00  78 56 34 12   62 00 00 00  02 00 02 00
           39 30 00 00  02 00 00 00   10 00 00 00  2c 01 02 fe
           07 00 00 00  03 00 00 00   de ad`),
    );
  });

  it('writes extension bytes between the struct and the packet (1.19)', () => {
    const ev = decode(
      hex(`05 00 00 00  00 00 00 00   00 00 00 00  01 00 01 01
           00 00 00 00  00 00 00 00   00 00 00 00  00 00 00 00
           00 00 00 00  00 00 00 00   a1 a2 a3 a4  ff`),
      { release: '1.19', extensionLengths: { policyVerdict: { 1: 4 } } },
    );
    expect(encode(ev)).toEqual(
      hex(`05 00 00 00  00 00 00 00   00 00 00 00  01 00 01 01
           00 00 00 00  00 00 00 00   00 00 00 00  00 00 00 00
           00 00 00 00  00 00 00 00   a1 a2 a3 a4  ff`),
    );
  });

  it('refuses fields the layout cannot hold', () => {
    const base = {
      type: 1 as const, subtype: 133, source: 0, hash: 0, origLen: 0, capLen: 0, version: 1, extVersion: 0,
      srcLabel: 0, dstLabel: 0, dstId: 0, line: 0, file: 0, extError: 0, ifindex: 0, flags: 0, ipTraceId: 0n,
      extension: new Uint8Array(0), packet: new Uint8Array(0),
    };
    const fails = (ev: object, release: '1.16' | '1.19', field: string, code: string): void => {
      try {
        encode(ev as typeof base, { release });
        throw new Error('expected EncodeError');
      } catch (e) {
        expect(e).toBeInstanceOf(EncodeError);
        expect((e as EncodeError).field).toBe(field);
        expect((e as EncodeError).code).toBe(code);
      }
    };
    fails({ ...base, subtype: 256 }, '1.19', 'subtype', 'invalid-field');
    fails({ ...base, version: 4 }, '1.19', 'version', 'unknown-version'); // 1.16 reads any drop version as its one layout
    fails({ ...base, flags: 1 }, '1.19', 'flags', 'invalid-field'); // v1 has no flags byte
    fails({ ...base, capLen: 1, packet: new Uint8Array(3) }, '1.19', 'packet', 'invalid-field');
    fails({ ...base, extVersion: 1 }, '1.16', 'extVersion', 'invalid-field');
    fails({ ...base, extError: 200 }, '1.19', 'extError', 'invalid-field');
  });
});

describe('encodeEvent of a truncated capture', () => {
  it('writes capLen as given and the bytes there are, so the record decodes to the same truncated event', () => {
    const full = encodeEvent({
      type: 1, release: '1.19', subtype: 133, source: 1, hash: 2, origLen: 90, capLen: 6, version: 1, extVersion: 0,
      srcLabel: 3, dstLabel: 4, dstId: 5, line: 6, file: 7, extError: 0, ifindex: 8, flags: 0, ipTraceId: 0n,
      extension: new Uint8Array(0), packet: Uint8Array.of(1, 2, 3, 4, 5, 6),
    });
    const cut = full.subarray(0, full.length - 2);
    const ev = decodeEvent(cut, { release: '1.19' });
    if (ev.type !== 1) throw new Error('not a drop');
    expect([ev.truncated, ev.capLen, ev.packet.length]).toEqual([true, 6, 4]);
    expect(Array.from(encodeEvent(ev))).toEqual(Array.from(cut));
  });
});

describe('encodeEvent', () => {
  it('reports an unknown release as an EncodeError on the release field', () => {
    try {
      encodeEvent({ type: 129, payload: new Uint8Array(0) }, { release: '1.12' });
      throw new Error('expected EncodeError');
    } catch (e) {
      expect(e).toBeInstanceOf(EncodeError);
      expect([(e as EncodeError).code, (e as EncodeError).field]).toEqual(['invalid-option', 'release']);
    }
  });

  it('writes agent and unknown messages back verbatim', () => {
    expect(encodeEvent({ type: 130, payload: new Uint8Array([1, 2]) })).toEqual(new Uint8Array([130, 1, 2]));
    expect(encodeEvent({ type: 'unknown', messageType: 42, payload: new Uint8Array([9, 9]) })).toEqual(
      new Uint8Array([42, 9, 9]),
    );
  });
});
