import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectFormat, isSourceError, readInput, writeBin } from '../../src/sources/index.js';
import { hex } from '../helpers/hex.js';

const PAYLOAD_DEF = hex(
  '38 ff 81 03 01 01 07 50 61 79 6c 6f 61 64 01 ff 82 00 01 04 01 04 44 61 74 61 01 0a 00 01 03 43 50 55 01 04 00 01 04 4c 6f 73 74 01 06 00 01 04 54 79 70 65 01 04 00 00 00',
);

/** Reads everything; only SourceError may escape. */
function consume(bytes: Uint8Array, format: Parameters<typeof readInput>[1]): void {
  try {
    for (const r of readInput(bytes, format)) void r;
  } catch (e) {
    if (!isSourceError(e)) throw e;
  }
}

const seeds: [Parameters<typeof readInput>[1], Uint8Array][] = [
  ['bin', writeBin([hex('01 02 03'), hex('04')])],
  ['hex', new TextEncoder().encode('# c\n0102 03\nff\n')],
  ['bpftool', new TextEncoder().encode('[{"type":9,"cpu":0,"index":0,"data":[1,2]},{"type":2,"cpu":1,"lost":{"id":1,"count":3}}]')],
  ['gob', Uint8Array.from([...PAYLOAD_DEF, ...hex('0d ff 82 01 04 04 00 01 02 01 06 02 12 00')])],
];

describe('parsers on mutated and arbitrary input', () => {
  for (const [format, seed] of seeds) {
    it(`${format}: byte flips, truncations and insertions give records or a SourceError`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.nat(seed.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
          fc.nat(seed.length),
          (flips, cut) => {
            const m = seed.slice(0, cut);
            for (const [at, v] of flips) if (at < m.length) m[at] = v;
            consume(m, format);
            consume(m, 'auto');
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  it('arbitrary bytes: detection never throws, every format rejects cleanly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
        expect(() => detectFormat(bytes)).not.toThrow();
        for (const format of ['hex', 'bin', 'ring', 'gob', 'bpftool', 'auto'] as const) consume(bytes, format);
      }),
      { numRuns: 300 },
    );
  });
});
