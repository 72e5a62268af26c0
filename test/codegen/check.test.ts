/**
 * The codegen check on temporary copies of the committed modules: without headers it must
 * catch a hand edit, a stale pin and a stray module; with a regeneration at hand it must
 * show a unified diff.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkGenerated } from '../../codegen/check.js';
import { unifiedDiff } from '../../codegen/diff.js';
import { loadPins, type Pins } from '../../codegen/pins.js';

const committed = new URL('../../src/generated/', import.meta.url).pathname;
let dir: string;
let pins: Pins;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'codegen-check-'));
  cpSync(committed, dir, { recursive: true });
  pins = loadPins();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const noHeaders = () => undefined;
const edit = (file: string, from: string | RegExp, to: string): void => {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(path, next);
};

describe('codegen check without headers', () => {
  it('accepts the committed modules and says which releases it could not regenerate', () => {
    const r = checkGenerated({ pins, generatedDir: dir, regenerate: noHeaders, strict: false });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.headerOnly).toEqual(['1.16', '1.17', '1.17.0', '1.18', '1.19', '1.20']);
  });

  it('catches a hand edit of a table value', () => {
    edit('v1_19.gen.ts', '"133": "DROP_POLICY"', '"133": "DROP_POLICY_EDITED"');
    const r = checkGenerated({ pins, generatedDir: dir, regenerate: noHeaders, strict: false });
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/v1_19\.gen\.ts: body was edited by hand/);
  });

  it('catches a module whose recorded input hash no longer matches pins.json', () => {
    const pin = pins.releases.find((p) => p.release === '1.18')!;
    const sha = pin.files['bpf/lib/drop.h']!.sha256;
    edit('v1_18.gen.ts', sha, '0'.repeat(64));
    const r = checkGenerated({ pins, generatedDir: dir, regenerate: noHeaders, strict: false });
    expect(r.problems.join('\n')).toContain(`input bpf/lib/drop.h: recorded sha256 ${'0'.repeat(64)}, pinned ${sha}`);
  });

  it('catches a removed generated marker, a stray module and a changed index', () => {
    edit('v1_16.gen.ts', /^\/\/ Code generated[^\n]*\n/, '');
    writeFileSync(join(dir, 'v1_15.gen.ts'), '// stray\n');
    edit('index.gen.ts', "'1.19': v1_19,", "'1.19': v1_18,");
    const text = checkGenerated({ pins, generatedDir: dir, regenerate: noHeaders, strict: false }).problems.join('\n');
    expect(text).toContain('v1_16.gen.ts: not a generated module');
    expect(text).toContain('v1_15.gen.ts: generated module of no pinned release');
    expect(text).toMatch(/index\.gen\.ts differs[\s\S]*-  '1\.19': v1_18,\n\+  '1\.19': v1_19,/);
  });

  it('fails in strict mode because the headers are absent', () => {
    const r = checkGenerated({ pins, generatedDir: dir, regenerate: noHeaders, strict: true });
    expect(r.ok).toBe(false);
    expect(r.problems.filter((p) => p.includes('--strict needs them'))).toHaveLength(6);
  });
});

describe('codegen check with a regeneration', () => {
  it('compares byte for byte and prints a unified diff of the difference', () => {
    const regen = (pin: { release: string }) => {
      const text = readFileSync(join(committed, `v${pin.release.replace(/\./g, '_')}.gen.ts`), 'utf8');
      return pin.release === '1.17' ? text.replace('"133": "Policy denied"', '"133": "Policy denied!"') : text;
    };
    const r = checkGenerated({ pins, generatedDir: dir, regenerate: regen, strict: true });
    expect(r.full).toHaveLength(6);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/v1_17\.gen\.ts differs[\s\S]*@@ -\d+,7 \+\d+,7 @@\n[\s\S]*-\s+"133": "Policy denied",\n\+\s+"133": "Policy denied!",/);
  });
});

describe('unified diff', () => {
  const lines = (n: number): string[] => Array.from({ length: n }, (_, i) => String(i + 1));

  it('shows separate hunks with three lines of context and GNU-style ranges', () => {
    const b = lines(20);
    b[4] = 'five';
    b.push('21');
    expect(unifiedDiff(lines(20).join('\n'), b.join('\n'), 'a', 'b')).toBe(
      ['--- a', '+++ b', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', '@@ -18,3 +18,4 @@', ' 18', ' 19', ' 20', '+21'].join('\n'),
    );
  });

  it('merges changes at most six unchanged lines apart into one hunk, as diff -U3 does', () => {
    const b = lines(10);
    b[4] = 'five';
    b.push('11');
    const out = unifiedDiff(lines(10).join('\n'), b.join('\n'), 'a', 'b').split('\n');
    expect(out[2]).toBe('@@ -2,9 +2,10 @@');
    expect(out.filter((l) => l.startsWith('@@'))).toHaveLength(1);
  });

  it('is empty for equal texts', () => {
    expect(unifiedDiff('x\ny', 'x\ny', 'a', 'b')).toBe('');
  });
});
