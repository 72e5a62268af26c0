/**
 * Error guards across copies of the library: the ESM and CJS builds loaded together, and the
 * separately bundled CJS entries (each `.cjs` carries its own copy of the error classes). A
 * guard from any copy recognises its class thrown by any other copy, and nothing else.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const built = existsSync(join(root, 'dist/index.cjs'));
if (!built) console.log('skipping dual-package error checks: dist/ is not built (npm test builds it first)');

type Mod = Record<string, (...a: unknown[]) => unknown>;
const require = createRequire(import.meta.url);

/** Both builds of one entry point. */
async function load(entry: string): Promise<{ esm: Mod; cjs: Mod }> {
  const esm = (await import(pathToFileURL(join(root, `dist/${entry}.js`)).href)) as Mod;
  const cjs = require(join(root, `dist/${entry}.cjs`)) as Mod;
  return { esm, cjs };
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe.skipIf(!built)('error guards across the dual package', async () => {
  const entries = ['index', 'tables', 'format', 'ring', 'filter', 'sources'] as const;
  const m = Object.fromEntries(await Promise.all(entries.map(async (e) => [e, await load(e)] as const)));
  const drop = new Uint8Array(48);
  drop[0] = 1;
  drop[14] = 3;

  /** One error of each class, thrown by the given build of the entry that owns it. */
  const errors = (f: 'esm' | 'cjs') => ({
    DecodeError: thrown(() => m.index![f].decodeEvent!(new Uint8Array([1, 0]))),
    EncodeError: thrown(() => m.index![f].encodeEvent!({ type: 2 })),
    UnknownReleaseError: thrown(() => m.tables![f].getTables!('0.9')),
    FormatError: thrown(() => m.format![f].formatEvent!(m.index![f].decodeEvent!(drop), { mode: 'nope' })),
    RingError: thrown(() => m.ring![f].readRecords!(new Uint8Array(100), { impl: 'ts' })),
    FilterError: thrown(() => m.filter![f].byPort!([70000])),
    SourceError: thrown(() => m.sources![f].readHex!('01 0g\n')),
  });

  /** The guard of each class, as each entry exports it. */
  const guards: [string, 'index' | 'tables' | 'format' | 'ring' | 'filter' | 'sources', string][] = [
    ['DecodeError', 'index', 'isDecodeError'],
    ['EncodeError', 'index', 'isEncodeError'],
    ['UnknownReleaseError', 'tables', 'isUnknownReleaseError'],
    ['FormatError', 'format', 'isFormatError'],
    ['RingError', 'ring', 'isRingError'],
    ['FilterError', 'filter', 'isFilterError'],
    ['SourceError', 'sources', 'isSourceError'],
  ];

  it('every class has a guard in both builds', () => {
    for (const [, entry, guard] of guards) {
      for (const f of ['esm', 'cjs'] as const) expect(typeof m[entry]![f][guard], `${entry} ${f} ${guard}`).toBe('function');
    }
  });

  for (const thrower of ['esm', 'cjs'] as const) {
    for (const checker of ['esm', 'cjs'] as const) {
      it(`guards of the ${checker} build recognise errors thrown by the ${thrower} build`, () => {
        const errs = errors(thrower);
        for (const [name, e] of Object.entries(errs)) {
          expect((e as Error).name, name).toBe(name);
          expect(m.index![checker].isCiliumEventsError!(e), name).toBe(true);
          for (const [cls, entry, guard] of guards) {
            expect(m[entry]![checker][guard]!(e), `${guard}(${name})`).toBe(cls === name);
          }
        }
      });
    }
  }

  it('plain errors and look-alikes are not library errors', () => {
    const fake = Object.assign(new Error('x'), { name: 'DecodeError', code: 'short-buffer' });
    for (const f of ['esm', 'cjs'] as const) {
      expect(m.index![f].isCiliumEventsError!(fake)).toBe(false);
      expect(m.index![f].isDecodeError!(fake)).toBe(false);
      expect(m.index![f].isCiliumEventsError!(null)).toBe(false);
      expect(m.index![f].isCiliumEventsError!('DecodeError')).toBe(false);
    }
  });
});
