/**
 * `createDecoder({ reuse: true })`: one event object per message type, overwritten by each
 * decode of that type (cilium/ebpf's `ReadInto`). A reused event must be indistinguishable from
 * a fresh decode of the same bytes — no field left over from the message before — and an input
 * that does not decode must leave the last event of its type as it was.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createDecoder, decodeEvent, encodeEvent, isDecodeError } from '../../src/index.js';
import type { Event, Release } from '../../src/index.js';
import { getTables } from '../../src/tables.js';
import { RELEASES, eventArb } from '../helpers/event-arbitraries.js';

/** Encoded events of `release`, with unknown types and cut-short copies mixed in. */
function inputsArb(release: Release): fc.Arbitrary<Uint8Array[]> {
  const hasRecorder = getTables(release).structs['capture_msg'] !== undefined;
  const valid = eventArb(release)
    .filter((f) => f.type !== 6 || hasRecorder)
    .map((f) => encodeEvent(f, { release }));
  const unknown = fc.uint8Array({ minLength: 1, maxLength: 24 }).map((b) => Uint8Array.of(b[0]! < 128 ? 99 : 200, ...b));
  // A prefix of a valid event: most of them do not decode (short header), some decode truncated.
  const cut = fc.tuple(valid, fc.double({ min: 0, max: 1, noNaN: true })).map(([b, f]) => b.slice(0, Math.floor(b.length * f)));
  return fc.array(fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: unknown }, { weight: 2, arbitrary: cut }), {
    minLength: 1,
    maxLength: 40,
  });
}

function tryDecode(decode: (b: Uint8Array) => Event, bytes: Uint8Array): Event | Error {
  try {
    return decode(bytes);
  } catch (e) {
    if (!isDecodeError(e)) throw e;
    return e;
  }
}

describe('createDecoder({ reuse: true })', () => {
  for (const release of RELEASES) {
    it(`${release}: every reused event equals a fresh decode, and errors leave the last one intact`, () => {
      fc.assert(
        fc.property(inputsArb(release), (inputs) => {
          const reuse = createDecoder({ release, reuse: true });
          /** The event last returned per class, with its view at that time. */
          const last = new Map<unknown, { ev: Event; view: string }>();
          for (const bytes of inputs) {
            const fresh = tryDecode((b) => decodeEvent(b, { release }), bytes);
            const got = tryDecode(reuse, bytes);
            if (fresh instanceof Error) {
              expect(got).toBeInstanceOf(Error);
              expect((got as Error).message).toBe(fresh.message);
              // Nothing was overwritten by the input that failed.
              for (const { ev, view } of last.values()) expect(JSON.stringify(ev)).toBe(view);
              continue;
            }
            const ev = got as Event;
            expect(ev.toJSON()).toEqual(fresh.toJSON());
            // The same own fields in the same order: fresh and reused events share one shape.
            expect(Object.keys(ev)).toEqual(Object.keys(fresh));
            expect(Object.getPrototypeOf(ev)).toBe(Object.getPrototypeOf(fresh));
            expect(encodeEvent(ev, { release })).toEqual(encodeEvent(fresh, { release }));
            const prev = last.get(ev.constructor);
            if (prev !== undefined) expect(ev).toBe(prev.ev);
            // Events of other classes are separate objects, untouched by this decode.
            for (const [cls, other] of last) if (cls !== ev.constructor) expect(JSON.stringify(other.ev)).toBe(other.view);
            last.set(ev.constructor, { ev, view: JSON.stringify(ev) });
          }
        }),
        { numRuns: 60 },
      );
    });
  }

  it('overwrites per decoder, and only when asked', () => {
    const a = encodeEvent({ type: 2, subtype: 1, source: 2, hash: 3, arg1: 4, arg2: 5, arg3: 6 });
    const b = encodeEvent({ type: 2, subtype: 7, source: 8, hash: 9, arg1: 10, arg2: 11, arg3: 12 });
    const one = createDecoder({ reuse: true });
    const two = createDecoder({ reuse: true });
    const first = one(a);
    expect(two(b)).not.toBe(first);
    expect(first.toJSON()).toEqual(decodeEvent(a).toJSON());
    expect(one(b)).toBe(first);
    expect(first.toJSON()).toEqual(decodeEvent(b).toJSON());

    const fresh = createDecoder();
    const x = fresh(a);
    expect(fresh(b)).not.toBe(x);
    expect(x.toJSON()).toEqual(decodeEvent(a).toJSON());
    expect(createDecoder({ reuse: false })(a)).not.toBe(createDecoder({ reuse: false })(a));
  });

  it('a reused event keeps reading the bytes it was decoded from, like a fresh one', () => {
    const packet = Uint8Array.from({ length: 20 }, (_, i) => i);
    const bytes = encodeEvent({
      type: 4, subtype: 0, source: 1, hash: 2, origLen: 20, capLen: 20, version: 1, extVersion: 0, srcLabel: 3,
      dstLabel: 4, dstId: 5, reason: 0, flags: 0, ifindex: 6, origIpBytes: new Uint8Array(16), ipTraceId: 0n,
      extension: new Uint8Array(0), packet,
    }, { release: '1.18' });
    const decode = createDecoder({ release: '1.18', reuse: true });
    const ev = decode(bytes);
    if (ev.type !== 4) throw new Error('not a trace');
    expect(ev.packet).toEqual(packet);
    // The packet is a view of the input, not a copy, in both modes.
    expect(ev.packet.buffer).toBe(bytes.buffer);
  });
});
