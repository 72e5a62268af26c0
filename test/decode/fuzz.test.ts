/** Whatever the bytes, decodeEvent returns an event or throws a DecodeError — nothing else. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DecodeError } from '../../src/errors.js';
import type { Event } from '../../src/decode/types.js';
import { RELEASES, eventArb } from '../helpers/event-arbitraries.js';
import type { TableSource } from '../helpers/table-sources.js';
import { TABLE_SOURCES } from '../helpers/table-sources.js';

/** Touches every property, lazy ones included, so their code runs too. */
function touchAll(ev: Event): void {
  let proto: object | null = ev;
  while (proto !== null && proto !== Object.prototype) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key !== 'constructor') void (ev as unknown as Record<string, unknown>)[key];
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
}

function decodesOrDecodeError(source: TableSource, bytes: Uint8Array, options: Parameters<TableSource['decode']>[1]): void {
  try {
    const ev = source.decode(bytes, options);
    touchAll(ev);
    if ('packet' in ev) expect(ev.packet.byteOffset + ev.packet.length).toBeLessThanOrEqual(bytes.byteOffset + bytes.length);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    expect(typeof e.code).toBe('string');
    expect(e.offset).toBeGreaterThanOrEqual(0);
  }
}

const options = fc.record({
  release: fc.constantFrom(...RELEASES),
  littleEndian: fc.boolean(),
  extensionLengths: fc.option(
    fc.record({ drop: fc.constant({ 1: 8 }), trace: fc.constant({ 2: 3 }), policyVerdict: fc.constant({ 255: 0xffff }) }),
    { nil: undefined },
  ),
});

describe.each(TABLE_SOURCES)('fuzz ($name)', (source) => {
  it('arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), options, (bytes, opts) => decodesOrDecodeError(source, bytes, opts)),
      { numRuns: 3000 },
    );
  });

  it('arbitrary bytes behind a known type byte', () => {
    const typed = fc
      .tuple(fc.constantFrom(1, 2, 3, 4, 5, 6, 7, 129, 130), fc.uint8Array({ maxLength: 80 }))
      .map(([t, rest]) => Uint8Array.of(t, ...rest));
    fc.assert(fc.property(typed, options, (bytes, opts) => decodesOrDecodeError(source, bytes, opts)), { numRuns: 3000 });
  });

  it('valid events, truncated or with bytes flipped, decoded with any options', () => {
    const mutated = fc
      .constantFrom(...RELEASES)
      .chain((release) =>
        fc.tuple(eventArb(release), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 })).map(
          ([ev, cut, flips]) => {
            const bytes = source.encode(ev, { release });
            for (const [at, v] of flips) if (bytes.length > 0) bytes[at % bytes.length] = v;
            return bytes.subarray(0, bytes.length === 0 ? 0 : cut % (bytes.length + 1));
          },
        ),
      );
    fc.assert(fc.property(mutated, options, (bytes, opts) => decodesOrDecodeError(source, bytes, opts)), { numRuns: 3000 });
  });

  it('views into a larger buffer never read outside the view', () => {
    const backing = new Uint8Array(200).fill(0x41);
    fc.assert(
      fc.property(fc.nat(100), fc.uint8Array({ maxLength: 80 }), options, (start, bytes, opts) => {
        backing.set(bytes, start);
        decodesOrDecodeError(source, backing.subarray(start, start + bytes.length), opts);
      }),
      { numRuns: 2000 },
    );
  });
});
