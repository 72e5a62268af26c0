/**
 * Differential check: a binary-parser parser built from the same layouts reads every field
 * the decoder reads, and they agree on random headers of every type, version and release.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Event, Release } from '../../src/decode/types.js';
import type { ReleaseTables } from '../../src/table-types.js';
import { buildOracle } from '../helpers/binary-parser-oracle.js';
import { RELEASES } from '../helpers/event-arbitraries.js';
import { specTables } from './spec-tables.js';
import { getTables } from '../../src/tables.js';
import type { TableSource } from '../helpers/table-sources.js';
import { generatedSource, specSource } from '../helpers/table-sources.js';

/** Header lengths by version from wire-format §2.1 / §2.4. */
const DROP_LEN: Record<number, number> = { 0: 36, 1: 36, 2: 40, 3: 48 };
const TRACE_LEN: Record<number, number> = { 0: 32, 1: 48, 2: 56 };

interface Case {
  type: number;
  struct: string;
  /** version → header length; versions the release's struct cannot hold are dropped. */
  lengths: (size: number) => Record<number, number>;
  /** Whether bytes 12–13 are len_cap (zeroed so no packet is expected) and 14 the version. */
  capture: boolean;
}

const fitting = (table: Record<number, number>) => (size: number) =>
  Object.fromEntries(Object.entries(table).filter(([, len]) => len <= size));

const CASES: Case[] = [
  { type: 1, struct: 'drop_notify', lengths: fitting(DROP_LEN), capture: true },
  { type: 4, struct: 'trace_notify', lengths: fitting(TRACE_LEN), capture: true },
  { type: 5, struct: 'policy_verdict_notify', lengths: (size) => ({ 1: size }), capture: true },
  { type: 3, struct: 'debug_capture_msg', lengths: (size) => ({ 1: size }), capture: true },
  { type: 2, struct: 'debug_msg', lengths: (size) => ({ 0: size }), capture: false },
  { type: 7, struct: 'trace_sock_notify', lengths: (size) => ({ 0: size }), capture: false },
  { type: 6, struct: 'capture_msg', lengths: (size) => ({ 0: size }), capture: false },
];

/** Oracle bitfield members → event properties. */
const BIT_PROPS: Record<string, string> = {
  ipv6: 'isIPv6',
  l3_dev: 'isL3Device',
  l3: 'isL3Device',
  dir: 'direction',
  match_type: 'matchType',
  audited: 'audited',
};

function compare(expected: Record<string, unknown>, ev: Event): void {
  const rec = ev as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(expected)) {
    if (key.startsWith('bit:')) {
      const prop = BIT_PROPS[key.slice(4)];
      if (prop === undefined) continue; // padding bits
      const actual = rec[prop];
      expect(typeof actual === 'boolean' ? Number(actual) : actual, key).toBe(value);
      continue;
    }
    if (/^(pad|origPad)/.test(key)) continue;
    const actual = rec[key];
    expect(actual instanceof Uint8Array ? Array.from(actual) : actual, key).toEqual(value);
  }
}

function check(source: TableSource, tables: ReleaseTables, release: Release, c: Case, littleEndian: boolean): void {
  const s = tables.structs[c.struct];
  if (s === undefined) return; // e.g. no recorder captures in 1.19
  for (const [v, length] of Object.entries(c.lengths(s.size))) {
    const version = Number(v);
    const oracle = buildOracle(s, length, littleEndian);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: length, maxLength: length }), (bytes) => {
        bytes[0] = c.type;
        if (c.capture) {
          bytes[12] = 0;
          bytes[13] = 0;
          const versionBytes = release === '1.19' || release === '1.20' ? [version, 0] : littleEndian ? [version, 0] : [0, version];
          bytes.set(versionBytes, 14);
        }
        if (c.type === 6) bytes.fill(0, 16, 20); // caplen
        const ev = source.decode(bytes, { release, littleEndian });
        const expected = oracle.parse(bytes);
        expect(Object.keys(expected).length).toBeGreaterThan(3);
        compare(expected, ev);
      }),
      { numRuns: 60 },
    );
  }
}

const SOURCES: [TableSource, (r: Release) => ReleaseTables][] = [
  [specSource, specTables],
  [generatedSource, getTables],
];

describe.each(SOURCES)('binary-parser oracle agrees with the decoder (%s)', (source, tablesOf) => {
  for (const release of RELEASES) {
    for (const c of CASES) {
      it(`${release} ${c.struct}`, () => {
        const tables = tablesOf(release);
        check(source, tables, release, c, true);
        check(source, tables, release, c, false);
      });
    }
  }
});
