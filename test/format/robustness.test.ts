/**
 * Bad input never crashes the formatter: for any record the decoder accepts, every mode and
 * release either returns text or throws a FormatError with a known code; toFlow likewise.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEvent, isDecodeError } from '../../src/index.js';
import type { Event, Release } from '../../src/decode/types.js';
import { FormatError, formatEvent, toFlow } from '../../src/format/index.js';
import { hexDump } from '../../src/format/index.js';

const RELEASES: readonly Release[] = ['1.16', '1.17.0', '1.17', '1.18', '1.19'];
const MODES = ['summary', 'verbose', 'dissect', 'hex', 'json'] as const;
const CODES = new Set(['unsupported-message', 'undecodable-payload', 'packet-decode-failed']);

function tryDecode(bytes: Uint8Array, release: Release): Event | undefined {
  try {
    return decodeEvent(bytes, { release });
  } catch (e) {
    if (isDecodeError(e)) return undefined;
    throw e;
  }
}

function expectTextOrFormatError(f: () => unknown): void {
  try {
    const out = f();
    expect(out).toBeDefined();
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    expect(CODES.has((e as FormatError).code)).toBe(true);
  }
}

/** Records with a plausible type byte and header, and random packet bytes. */
const record = fc
  .tuple(fc.constantFrom(1, 2, 3, 4, 5, 6, 7, 129, 130, 9), fc.uint8Array({ minLength: 0, maxLength: 160 }))
  .map(([type, rest]) => {
    const b = new Uint8Array(1 + rest.length);
    b[0] = type;
    b.set(rest, 1);
    // Make len_cap match the bytes after a 56-byte header often enough to reach packet code.
    if (b.length > 14) {
      const cap = Math.max(0, b.length - 48);
      b[12] = cap & 0xff;
      b[13] = 0;
    }
    return b;
  });

describe('formatter robustness', () => {
  it('any decodable record formats in every mode and release, or throws a FormatError', () => {
    let formatted = 0;
    fc.assert(
      fc.property(record, fc.constantFrom(...RELEASES), (bytes, release) => {
        const ev = tryDecode(bytes, release);
        if (ev === undefined) return;
        formatted++;
        for (const mode of MODES) expectTextOrFormatError(() => formatEvent(ev, { mode }));
        expectTextOrFormatError(() => toFlow(ev));
      }),
      { numRuns: 400 },
    );
    // The generator must reach the formatter, not just the decoder's rejections.
    expect(formatted).toBeGreaterThan(100);
  });

  it('hexDump of any bytes: 61 columns up to the closing bar, 16 bytes a line', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const lines = hexDump(bytes).split('\n').slice(0, -1);
        expect(lines.length).toBe(Math.ceil(bytes.length / 16));
        for (const l of lines) expect(l.indexOf('|')).toBe(60);
      }),
      { numRuns: 200 },
    );
  });
});

describe('hexDump', () => {
  it('matches Go encoding/hex.Dump, including the padded last line', () => {
    const b = new Uint8Array([0x0a, 0x58, 0x0a, 0xf4, 0x01, 0x05, 0x02, 0x42, 0xac, 0x11, 0x00, 0x02, 0x08, 0x00, 0x45, 0x00, 0x00, 0x3c, 0x12, 0x34]);
    expect(hexDump(b)).toBe(
      '00000000  0a 58 0a f4 01 05 02 42  ac 11 00 02 08 00 45 00  |.X.....B......E.|\n' +
        '00000010  00 3c 12 34                                       |.<.4|\n',
    );
    expect(hexDump(new Uint8Array(0))).toBe('');
    expect(hexDump(new Uint8Array([0x20, 0x7e, 0x7f, 0x1f, 0x41, 0x42, 0x43, 0x44, 0x45]))).toBe(
      '00000000  20 7e 7f 1f 41 42 43 44  45                       | ~..ABCDE|\n',
    );
  });
});
