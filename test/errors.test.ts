import { describe, expect, it } from 'vitest';
import { CiliumEventsError, decodeEvent, isCiliumEventsError } from '../src/index.js';
import { FilterError } from '../src/filter/errors.js';
import { FormatError } from '../src/format/errors.js';
import { RingError } from '../src/ring/errors.js';
import { SourceError } from '../src/sources/errors.js';
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

  it.each([
    ['FilterError', new FilterError('bad-number', 'port 70000', '70000')],
    ['FormatError', new FormatError('invalid-option', 'mode')],
    ['RingError', new RingError('misaligned', 'size 7')],
    ['SourceError', new SourceError('bad-hex', 'odd digits', 3, 1)],
  ] as const)('%s is a CiliumEventsError that keeps its name and code', (name, e) => {
    expect(isCiliumEventsError(e)).toBe(true);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe(name);
    expect(e.code).toMatch(/^[A-Za-z-_]+$/);
  });

  it('plain errors are not mistaken for library errors', () => {
    expect(isCiliumEventsError(new TypeError('x'))).toBe(false);
  });
});
