/** The header-only path and the batch form. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readHeader, createHeaderFilter } from '../../src/decode/header.js';
import { decodeEvents } from '../../src/decode/batch.js';
import { createDecoder, decodeEvent } from '../../src/decode/decode-event.js';
import { DecodeError } from '../../src/errors.js';
import type { EventHeader } from '../../src/decode/types.js';
import { hex } from '../helpers/hex.js';

// common header (wire-format §1.1): type 1, subtype 133, source 0x0102, hash 0xa1b2c3d4
const DROP_HEADER = hex('01 85 02 01 d4 c3 b2 a1');
// trace sock (§2.7): no common header; byte 1 is the xlate point
const SOCK_HEADER = hex('07 03');

describe('readHeader', () => {
  it('reads type, subtype, source and hash in either byte order', () => {
    const h: EventHeader = { type: 0, subtype: 0, source: 0, hash: 0 };
    expect(readHeader(DROP_HEADER, h)).toBe(true);
    expect(h).toEqual({ type: 1, subtype: 133, source: 0x0102, hash: 0xa1b2c3d4 });
    expect(readHeader(DROP_HEADER, h, false)).toBe(true);
    expect(h).toEqual({ type: 1, subtype: 133, source: 0x0201, hash: 0xd4c3b2a1 });
  });

  it('gives trace-sock its xlate point as subtype and no source or hash', () => {
    const h: EventHeader = { type: 9, subtype: 9, source: 9, hash: 9 };
    expect(readHeader(SOCK_HEADER, h)).toBe(true);
    expect(h).toEqual({ type: 7, subtype: 3, source: 0, hash: 0 });
  });

  it('refuses buffers shorter than the header and leaves the target untouched', () => {
    const h: EventHeader = { type: 9, subtype: 9, source: 9, hash: 9 };
    expect(readHeader(DROP_HEADER.subarray(0, 7), h)).toBe(false);
    expect(readHeader(new Uint8Array(1), h)).toBe(false);
    expect(h).toEqual({ type: 9, subtype: 9, source: 9, hash: 9 });
  });

  it('agrees with decodeEvent on random valid events', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 0xffff }), fc.nat(0xffffffff), (subtype, source, hash) => {
        const b = new Uint8Array(20); // a debug message: common header + three args
        b[0] = 2;
        b[1] = subtype;
        new DataView(b.buffer).setUint16(2, source, true);
        new DataView(b.buffer).setUint32(4, hash, true);
        const h: EventHeader = { type: 0, subtype: 0, source: 0, hash: 0 };
        readHeader(b, h);
        const ev = decodeEvent(b);
        expect(ev.type).toBe(2);
        if (ev.type === 2) expect([ev.subtype, ev.source, ev.hash]).toEqual([h.subtype, h.source, h.hash]);
      }),
    );
  });
});

describe('createHeaderFilter', () => {
  it('combines criteria with AND and values with OR', () => {
    const policyDrops = createHeaderFilter({ types: [1], subtypes: [133, 181] });
    expect(policyDrops(DROP_HEADER)).toBe(true);
    expect(policyDrops(hex('01 86 02 01 00 00 00 00'))).toBe(false);
    expect(policyDrops(hex('04 85 02 01 00 00 00 00'))).toBe(false);
    const fromEndpoint = createHeaderFilter({ sources: [0x0102] });
    expect(fromEndpoint(DROP_HEADER)).toBe(true);
    expect(fromEndpoint(SOCK_HEADER)).toBe(false); // no source field
    expect(createHeaderFilter({ sources: [0x0201], littleEndian: false })(DROP_HEADER)).toBe(true);
  });

  it('matches everything when empty, and nothing shorter than two bytes', () => {
    const all = createHeaderFilter({});
    expect(all(DROP_HEADER)).toBe(true);
    expect(all(SOCK_HEADER)).toBe(true);
    expect(all(new Uint8Array(1))).toBe(false);
  });
});

describe('decodeEvents', () => {
  const good = hex('02 0f 07 00 00 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00');
  const short = hex('02 0f 07');

  it('decodes a batch, skipping filtered messages', () => {
    const events = decodeEvents([good, DROP_HEADER, good], { filter: createHeaderFilter({ types: [2] }) });
    expect(events.map((e) => e.type)).toEqual([2, 2]);
  });

  it('reports bad messages to onError with their index and goes on', () => {
    const seen: [string, number][] = [];
    const events = decodeEvents([short, good, short], { onError: (e, i) => seen.push([e.code, i]) });
    expect(events).toHaveLength(1);
    expect(seen).toEqual([
      ['short-buffer', 0],
      ['short-buffer', 2],
    ]);
  });

  it('throws the DecodeError without onError', () => {
    expect(() => decodeEvents([good, short])).toThrow(DecodeError);
  });

  it('uses one context for createDecoder', () => {
    const decode = createDecoder({ release: 'v1.16.17' });
    expect(decode(good).release).toBe('1.16');
  });
});

describe('input type', () => {
  it('rejects what is not a Uint8Array with a DecodeError', () => {
    for (const input of [new ArrayBuffer(8), new DataView(new ArrayBuffer(8)), 'x', null]) {
      try {
        decodeEvent(input as unknown as Uint8Array);
        throw new Error('expected a DecodeError');
      } catch (e) {
        expect(e).toBeInstanceOf(DecodeError);
      }
    }
  });
});
