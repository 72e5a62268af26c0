// Loads the kernel-written perf ring fixtures from test/fixtures/perf-ring (see test/fixtures/README.md).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const fixtureDir = fileURLToPath(new URL('../fixtures/perf-ring/', import.meta.url));
// The fixtures are committed; a missing folder is a broken checkout, not a reason to skip.
if (!existsSync(fixtureDir + 'README.md')) throw new Error(`ring tests: ${fixtureDir} is missing`);

export interface ExpectedSample {
  type: 'sample';
  offset: string;
  ring_offset: number;
  size: number;
  raw_size: number;
  emitted_len: number;
  wraps: boolean;
  seq: number;
  raw_hex: string;
}
export interface ExpectedLost {
  type: 'lost';
  offset: string;
  ring_offset: number;
  size: number;
  id: string;
  lost: number;
  wraps: boolean;
}
export interface Expected {
  case: string;
  cpu: number;
  start: string;
  end: string;
  count: number;
  records: (ExpectedSample | ExpectedLost)[];
}
export interface Meta {
  data_offset: number;
  data_size: number;
  data_head: string;
  data_tail: string;
  write_backward: boolean;
  writable: boolean;
  read_start: string;
  read_end: string;
  cpu: number;
  samples: number;
  lost_records: number;
}
export interface FixtureCase {
  name: string;
  ring: Uint8Array;
  meta: Meta;
  expected: Expected;
}

/** Single-ring cases (multi-cpu contributes one per CPU). */
export const caseNames = [
  'basic',
  'empty',
  'drained',
  'wrap',
  'wrap-header-at-end',
  'wrap-exact-end',
  'lost',
  'lost-wrap',
  'lost-wrap-mid',
  'overwrite',
  'overwrite-unfilled',
  'multi-cpu/cpu0',
  'multi-cpu/cpu1',
  'large',
];

const json = (path: string): unknown => JSON.parse(readFileSync(fixtureDir + path, 'utf8'));

/** A fresh copy of the case's ring.bin each call, so reads that commit data_tail do not leak. */
export function loadCase(name: string): FixtureCase {
  return {
    name,
    ring: new Uint8Array(readFileSync(`${fixtureDir}${name}/ring.bin`)),
    meta: json(`${name}/meta.json`) as Meta,
    expected: json(`${name}/expected.json`) as Expected,
  };
}

export function loadJson<T>(path: string): T {
  return json(path) as T;
}

export const toHex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
