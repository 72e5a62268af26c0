/** Format options take a release the way decoding does: any key or patch version, resolved once. */
import { describe, expect, it } from 'vitest';
import { decodeEvent, encodeEvent } from '../../src/index.js';
import { formatEvent, toFlow } from '../../src/format/index.js';
import { isUnknownReleaseError } from '../../src/tables.js';

const drop = encodeEvent({
  type: 1, subtype: 133, source: 1, hash: 2, origLen: 0, capLen: 0, version: 1, extVersion: 0, srcLabel: 2,
  dstLabel: 3, dstId: 4, line: 5, file: 1, extError: 0, ifindex: 6, flags: 0, ipTraceId: 0n,
  extension: new Uint8Array(0), packet: new Uint8Array(0),
}, { release: '1.17.0' });

describe('release specs in format options', () => {
  const ev = decodeEvent(drop, { release: '1.17.2' });

  it('formatEvent and toFlow accept a patch version and print as its pin', () => {
    expect(ev.release).toBe('1.17.0');
    for (const mode of ['summary', 'verbose', 'json'] as const) {
      expect(formatEvent(ev, { release: '1.17.2', mode })).toBe(formatEvent(ev, { release: '1.17.0', mode }));
      expect(formatEvent(ev, { release: 'v1.19.4', mode })).toBe(formatEvent(ev, { release: '1.19', mode }));
    }
    expect(toFlow(ev, { release: 'v1.17.2' })).toEqual(toFlow(ev, { release: '1.17.0' }));
  });

  it('an unknown release is an UnknownReleaseError, not a TypeError', () => {
    expect(() => formatEvent(ev, { release: '0.9' })).toThrow(expect.objectContaining({ code: 'invalid-option' }));
    let err: unknown;
    try {
      toFlow(ev, { release: '2.0' });
    } catch (e) {
      err = e;
    }
    expect(isUnknownReleaseError(err)).toBe(true);
  });
});
