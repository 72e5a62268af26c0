import { describe, expect, it } from 'vitest';
import { CiliumEventsError, decodeEvent, isCiliumEventsError } from '../src/index.js';
import { byPort } from '../src/filter/index.js';
import { formatEvent } from '../src/format/index.js';
import { readCapture } from '../src/pcap/index.js';
import { readRecords } from '../src/ring/index.js';
import { readHex } from '../src/sources/index.js';
import { getTables } from '../src/tables.js';

// One base class for every error the library throws: a consumer tells the library's typed
// errors from programming errors with one check, then switches on the stable `code`.
describe('error hierarchy', () => {
  const thrown = (f: () => unknown): unknown => {
    try {
      f();
    } catch (e) {
      return e;
    }
    throw new Error('expected a throw');
  };

  it('decoder and tables errors are CiliumEventsErrors with codes', () => {
    const short = thrown(() => decodeEvent(new Uint8Array([1, 0])));
    expect(isCiliumEventsError(short)).toBe(true);
    expect((short as CiliumEventsError).code).toBe('short-buffer');
    const release = thrown(() => getTables('0.9'));
    expect(release).toBeInstanceOf(CiliumEventsError);
    expect((release as CiliumEventsError).code).toBe('invalid-option');
  });

  // Each module's errors, as its own code throws them for bad input.
  const drop = new Uint8Array(48);
  drop[0] = 1;
  drop[14] = 3;
  it.each([
    ['FilterError', 'invalid-number', () => byPort([70000])],
    ['FormatError', 'invalid-option', () => formatEvent(decodeEvent(drop), { mode: 'nope' as 'json' })],
    ['RingError', 'bad-metadata', () => readRecords(new Uint8Array(100), { impl: 'ts' })],
    ['PcapError', 'bad-capture', () => readCapture(new Uint8Array(8))],
    ['SourceError', 'bad-hex', () => readHex('01 0g\n')],
  ] as const)('%s is a CiliumEventsError with a kebab-case code', (name, code, f) => {
    const e = thrown(f);
    expect(isCiliumEventsError(e)).toBe(true);
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).name).toBe(name);
    expect((e as CiliumEventsError).code).toBe(code);
  });

  it('plain errors are not mistaken for library errors', () => {
    expect(isCiliumEventsError(new TypeError('x'))).toBe(false);
  });
});
