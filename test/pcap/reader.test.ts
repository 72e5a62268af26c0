/**
 * readCapture on files written here byte by byte from the format specifications (not by our
 * writers): big-endian classic pcap, a big-endian pcapng section, simple and obsolete packet
 * blocks, blocks it skips, 2^-n time resolutions; and malformed input, which must fail with
 * `bad-capture` at the right offset.
 */
import { describe, expect, it } from 'vitest';
import { readCapture, type PcapError } from '../../src/pcap/index.js';

/** Bytes from u8/u16/u32 fields in one byte order. */
function bytes(le: boolean, ...fields: [size: 1 | 2 | 4, value: number][]): Uint8Array {
  const out = new Uint8Array(fields.reduce((n, [s]) => n + s, 0));
  const v = new DataView(out.buffer);
  let at = 0;
  for (const [size, value] of fields) {
    if (size === 1) v.setUint8(at, value);
    else if (size === 2) v.setUint16(at, value, le);
    else v.setUint32(at, value, le);
    at += size;
  }
  return out;
}
const join = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};

/** A pcapng block: type, total length, body (padded by the caller), total length. */
function block(le: boolean, type: number, body: Uint8Array): Uint8Array {
  const total = 12 + body.length;
  return join(bytes(le, [4, type], [4, total]), body, bytes(le, [4, total]));
}
const shb = (le: boolean): Uint8Array => block(le, 0x0a0d0d0a, bytes(le, [4, 0x1a2b3c4d], [2, 1], [2, 0], [4, 0xffffffff], [4, 0xffffffff]));

function error(f: () => unknown): PcapError {
  try {
    f();
  } catch (e) {
    return e as PcapError;
  }
  throw new Error('expected a throw');
}

describe('readCapture', () => {
  it('reads big-endian classic pcap (µs magic)', () => {
    const file = join(
      bytes(false, [4, 0xa1b2c3d4], [2, 2], [2, 4], [4, 0], [4, 0], [4, 65535], [4, 101]),
      bytes(false, [4, 1_700_000_000], [4, 250_000], [4, 3], [4, 40]),
      Uint8Array.of(0x45, 0, 0),
    );
    const c = readCapture(file);
    expect(c.interfaces).toEqual([{ section: 0, linkType: 101, snapLength: 65535, name: undefined, description: undefined, tsresol: 6 }]);
    expect(c.packets.map((p) => [p.timestamp, [...p.data], p.origLen])).toEqual([[{ seconds: 1_700_000_000, nanoseconds: 250_000_000 }, [0x45, 0, 0], 40]]);
  });

  it('reads a big-endian pcapng section with a 2^-n resolution, an obsolete and a simple packet block, skipping others', () => {
    const le = false;
    // IDB: linktype 1, snaplen 100, if_tsresol 0x8a (2^-10 s), end of options.
    const idb = block(le, 1, join(bytes(le, [2, 1], [2, 0], [4, 100]), bytes(le, [2, 9], [2, 1], [1, 0x8a], [1, 0], [1, 0], [1, 0]), bytes(le, [2, 0], [2, 0])));
    // Obsolete packet block (type 2): u16 interface, u16 drops, ts 0:3072 (= 3 s at 2^-10), caplen 2, len 60.
    const pb = block(le, 2, join(bytes(le, [2, 0], [2, 0], [4, 0], [4, 3072], [4, 2], [4, 60]), Uint8Array.of(0xaa, 0xbb, 0, 0)));
    const nrb = block(le, 4, bytes(le, [2, 0], [2, 0]));
    const spb = block(le, 3, join(bytes(le, [4, 3]), Uint8Array.of(1, 2, 3, 0)));
    const c = readCapture(join(shb(le), idb, pb, nrb, spb));
    expect(c.sections).toEqual([{ littleEndian: false, application: undefined, comments: [] }]);
    expect(c.interfaces[0]).toMatchObject({ linkType: 1, snapLength: 100, tsresol: 0x8a });
    expect(c.packets.map((p) => [p.timestamp.seconds, [...p.data], p.origLen])).toEqual([
      [3, [0xaa, 0xbb], 60],
      [0, [1, 2, 3], 3],
    ]);
  });

  it('numbers interfaces per section', () => {
    const idb = (lt: number): Uint8Array => block(true, 1, bytes(true, [2, lt], [2, 0], [4, 0]));
    const epb = block(true, 6, join(bytes(true, [4, 0], [4, 0], [4, 0], [4, 1], [4, 1]), Uint8Array.of(9, 0, 0, 0)));
    const c = readCapture(join(shb(true), idb(1), epb, shb(true), idb(101), epb));
    expect(c.packets.map((p) => c.interfaces[p.interfaceId]!.linkType)).toEqual([1, 101]);
  });

  it.each([
    ['an unknown magic', Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), 0],
    ['a cut classic header', bytes(true, [4, 0xa1b2c3d4], [4, 0]), 0],
    ['a classic record past the end', join(bytes(true, [4, 0xa1b23c4d], [2, 2], [2, 4], [4, 0], [4, 0], [4, 9], [4, 1]), bytes(true, [4, 0], [4, 0], [4, 9], [4, 9])), 24],
    ['a block length not a multiple of 4', join(shb(true), bytes(true, [4, 1], [4, 13], [4, 0], [4, 13])), 28],
    ['a trailing length that differs', join(shb(true), bytes(true, [4, 5], [4, 12], [4, 16])), 28],
    ['a packet before any interface', join(shb(true), block(true, 6, bytes(true, [4, 0], [4, 0], [4, 0], [4, 0], [4, 0]))), 28],
    ['a section header without the byte-order magic', block(true, 0x0a0d0d0a, new Uint8Array(16)), 0],
  ])('rejects %s with bad-capture at its offset', (_, file, offset) => {
    const e = error(() => readCapture(file));
    expect([e.name, e.code, e.offset]).toEqual(['PcapError', 'bad-capture', offset]);
  });
});
