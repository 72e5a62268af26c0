/**
 * Bundle budgets: what a consumer's bundler makes of dist/ for the imports people write
 * (scripts/bundle-sizes.mjs measures; `node scripts/bundle-sizes.mjs` prints the table). The
 * dissector and the header filter must come without the release tables — a module-level
 * side effect (a bare `new`, a `.prototype` read, a computed class key) pulls them back in.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without declarations
import { SCENARIOS, measure } from '../../scripts/bundle-sizes.mjs';

const built = existsSync(new URL('../../dist/index.js', import.meta.url));

/** min+gzip budgets in bytes (about 25 % above the sizes when set) and whether tables may come along. */
const BUDGETS: Record<string, { gzip: number; tables: boolean }> = {
  'decodeEvent': { gzip: 23_000, tables: true },
  'dissectPacket': { gzip: 6_500, tables: false },
  'createHeaderFilter': { gzip: 1_000, tables: false },
  'encodeEvent': { gzip: 24_000, tables: true },
  'format: formatEvent': { gzip: 74_000, tables: true },
  'format: toFlow': { gzip: 25_000, tables: true },
  'ring: readRecords': { gzip: 7_000, tables: false },
  'tables: getTables': { gzip: 11_000, tables: true },
  'tables: v1_19': { gzip: 7_500, tables: true },
};

describe.skipIf(!built)('bundle budgets', () => {
  it('every scenario has a budget', () => {
    expect(Object.keys(BUDGETS).sort()).toEqual(Object.keys(SCENARIOS as object).sort());
  });

  for (const [name, budget] of Object.entries(BUDGETS)) {
    it(`${name}: within ${budget.gzip} bytes min+gzip${budget.tables ? '' : ', without the release tables'}`, async () => {
      const [entry, names] = (SCENARIOS as Record<string, [string, string[]]>)[name]!;
      const size = (await measure(entry, names)) as { gzip: number; tables: boolean };
      expect(size.gzip).toBeLessThanOrEqual(budget.gzip);
      if (!budget.tables) expect(size.tables).toBe(false);
    });
  }
});
