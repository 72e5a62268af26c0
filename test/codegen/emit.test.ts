import { describe, expect, it } from 'vitest';
import { compareRelease, GENERATED_MARKER, parseGenerated, renderIndexModule, renderReleaseModule } from '../../codegen/emit.js';
import { sha256 } from '../../codegen/inputs.js';
import { loadPins } from '../../codegen/pins.js';
import type { ReleaseTables } from '../../src/table-types.js';

const pins = loadPins();
const pin = pins.releases.find((p) => p.release === '1.19')!;

const tables = (): ReleaseTables => ({
  release: '1.19',
  version: pin.version,
  commit: pin.commit,
  structs: {
    z_msg: { size: 8, align: 4, fields: [{ name: 'b', offset: 4, size: 4, type: '__u32' }, { name: 'a', offset: 0, size: 4, type: '__u32' }] },
    a_msg: { size: 1, align: 1, fields: [{ name: 'hi', offset: 0, size: 1, type: '__u8', bitOffset: 4, bitWidth: 4 }, { name: 'lo', offset: 0, size: 1, type: '__u8', bitOffset: 0, bitWidth: 4 }] },
  },
  enums: { ZED: { Z_TWO: 2, Z_ONE: 1 }, alpha: { A: 0 } },
  dropReasons: { 200: 'DROP_B', 133: 'DROP_A' },
  fileIds: { 101: 'x.h', 2: 'b.c' },
  texts: { zz: { 10: 'ten', 9: 'nine' }, aa: {} },
});

/** The same tables with every key inserted in the opposite order. */
function reversed(t: ReleaseTables): ReleaseTables {
  const rev = <T>(o: Record<string, T>, f: (v: T) => T = (v) => v): Record<string, T> =>
    Object.fromEntries(Object.entries(o).reverse().map(([k, v]) => [k, f(v)]));
  return {
    ...t,
    structs: rev(t.structs, (s) => ({ ...s, fields: [...s.fields].reverse() })),
    enums: rev(t.enums, (e) => rev(e)),
    texts: rev(t.texts, (g) => rev(g)),
  };
}

describe('release module rendering', () => {
  it('is byte-identical whatever order the tables were built in', () => {
    expect(renderReleaseModule(pin, reversed(tables()))).toBe(renderReleaseModule(pin, tables()));
  });

  it('orders fields by offset and bit offset, enum members by value, numeric keys numerically', () => {
    const text = renderReleaseModule(pin, tables());
    expect(text.indexOf('"name": "a"')).toBeLessThan(text.indexOf('"name": "b"'));
    expect(text.indexOf('"name": "lo"')).toBeLessThan(text.indexOf('"name": "hi"'));
    expect(text.indexOf('"Z_ONE"')).toBeLessThan(text.indexOf('"Z_TWO"'));
    expect(text.indexOf('"2": "b.c"')).toBeLessThan(text.indexOf('"101": "x.h"'));
    expect(text.indexOf('"a_msg"')).toBeLessThan(text.indexOf('"z_msg"'));
  });

  it('starts with the generated marker and records release, commit, every input and the body hash', () => {
    const text = renderReleaseModule(pin, tables());
    expect(text.split('\n')[0]).toBe(GENERATED_MARKER);
    const parsed = parseGenerated(text)!;
    expect(parsed.header.release).toBe('1.19');
    expect(parsed.header.version).toBe(pin.version);
    expect(parsed.header.commit).toBe(pin.commit);
    expect(Object.fromEntries(parsed.header.inputs)).toEqual(Object.fromEntries(Object.entries(pin.files).map(([p, f]) => [p, f.sha256])));
    expect(parsed.header.bodySha256).toBe(sha256(parsed.body));
    expect(parsed.body).toContain('export const v1_19: ReleaseTables = {');
  });

  it('does not read a file without the marker as generated', () => {
    expect(parseGenerated('// hand written\n\nexport {};\n')).toBeUndefined();
  });
});

describe('index module', () => {
  it('lists releases oldest first, with the 1.17.0 pin before the 1.17 line', () => {
    const text = renderIndexModule(pins);
    expect(text).toContain("export type PinnedRelease = '1.16' | '1.17.0' | '1.17' | '1.18' | '1.19' | '1.20';");
    // The provisional 1.20 pin (v1.20 branch point) is marked and is not the default.
    expect(text).toContain("line: '1.20', fromPatch: 0, provisional: true },");
    expect(text).toContain("export const defaultRelease: PinnedRelease = '1.19';");
    expect(text).toContain("{ release: '1.17.0', version: '1.17.0', commit: 'c2bbf787eab9b7f728fcc861904d9bcf17e4ba9b', line: '1.17', fromPatch: 0, toPatch: 3 },");
  });

  it('makes the newest pin that is not provisional the default, and needs one', () => {
    const provisional = (release: string) => ({ ...pins.releases.find((p) => p.release === release)!, provisional: true });
    const only119 = { ...pins, releases: pins.releases.map((p) => (p.release === '1.19' ? provisional('1.19') : p)) };
    expect(renderIndexModule(only119)).toContain("export const defaultRelease: PinnedRelease = '1.18';");
    expect(() => renderIndexModule({ ...pins, releases: pins.releases.map((p) => provisional(p.release)) })).toThrow(/every release is provisional/);
  });

  it('orders release keys numerically', () => {
    expect(['1.19', '1.17', '1.17.0', '1.16', '1.18', '1.100'].sort(compareRelease)).toEqual(['1.16', '1.17.0', '1.17', '1.18', '1.19', '1.100']);
  });
});
