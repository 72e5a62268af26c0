/**
 * Differential test: random struct/union/enum/#define definitions laid out by our front end
 * and by clang must agree on every size, alignment, offset, bit position and value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutRecord, parseHeaders } from '../../../codegen/c/index.js';
import type { FieldLayout, StructLayout } from '../../../src/table-types.js';
import { bitfieldProbesForTarget, checkStaticAsserts, clangHasTarget, clangMissing, runProbes, type Probe } from './helpers/clang.js';
import { caseModel, renderCase, type RenderedCase } from './helpers/random-c.js';

const missing = clangMissing();
if (missing !== undefined) console.warn(`skipping the clang differential test: ${missing}`);
const arm64 = missing === undefined && clangHasTarget('aarch64');
if (missing === undefined && !arm64) console.warn('skipping the arm64 half of the clang differential test: this clang has no AArch64 target');

const CASES_PER_RUN = 25;

function layoutsOf(rendered: RenderedCase[], text: string, target: 'x86_64' | 'aarch64') {
  const program = parseHeaders([{ path: 'random.h', text }]);
  const layouts = new Map<string, StructLayout>();
  for (const c of rendered) for (const r of [...c.records, ...c.nested]) layouts.set(r.type, layoutRecord(program, r.type, { target }));
  return { program, layouts };
}

/** Compares one batch of cases with clang (x86-64 run, arm64 static assertions). */
function compareWithClang(rendered: RenderedCase[]): void {
  const text = rendered.map((c) => c.text).join('\n');
  const { program, layouts } = layoutsOf(rendered, text, 'x86_64');

  const probes: Probe[] = [];
  const checks: ((r: ReturnType<typeof runProbes>) => void)[] = [];
  for (const c of rendered) {
    for (const rec of [...c.records, ...c.nested]) {
      const ours = layouts.get(rec.type)!;
      // The flattened names follow from the generated model, not from our output.
      expect(ours.fields.map((f) => f.name), rec.type).toEqual(rec.fields.map((f) => f.path));
      const ri = probes.push({ kind: 'record', type: rec.type }) - 1;
      checks.push((r) => expect({ kind: 'record', size: ours.size, align: ours.align }, `${rec.type}\n${c.text}`).toEqual(r[ri]));
      rec.fields.forEach((f, k) => {
        const field: FieldLayout = ours.fields[k]!;
        if (f.bitfield) {
          const i = probes.push({ kind: 'bitfield', type: rec.type, path: f.path }) - 1;
          checks.push((r) => {
            const got = r[i]!;
            if (got.kind !== 'bitfield') throw new Error('probe kind');
            const lo = field.offset * 8 + (field.bitOffset ?? 0);
            expect({ lo, hi: lo + field.bitWidth! - 1 }, `${rec.type}.${f.path}\n${c.text}`).toEqual({ lo: got.lo, hi: got.hi });
            // The storage unit must hold the bits and lie inside the record.
            expect(field.bitOffset! + field.bitWidth!).toBeLessThanOrEqual(field.size * 8);
            expect(field.offset + field.size).toBeLessThanOrEqual(ours.size);
          });
        } else {
          const i = probes.push({ kind: 'field', type: rec.type, path: f.path }) - 1;
          checks.push((r) => expect({ kind: 'field', offset: field.offset, size: field.size }, `${rec.type}.${f.path}\n${c.text}`).toEqual(r[i]));
        }
      });
    }
    for (const name of [...c.enumerators, ...c.defines]) {
      const i = probes.push({ kind: 'constant', expr: name }) - 1;
      checks.push((r) => {
        const got = r[i]!;
        if (got.kind !== 'constant') throw new Error('probe kind');
        const ours = program.evalConstant(name);
        expect(ours === undefined ? undefined : BigInt.asIntN(64, ours), `${name}\n${c.text}`).toBe(got.value);
      });
    }
  }
  const results = runProbes(text, probes);
  for (const check of checks) check(results);

  // arm64: the same layouts computed for that target; sizes and offsets asserted at compile
  // time, bit positions read back from an object file's initialised data.
  if (!arm64) return;
  const arm = layoutsOf(rendered, text, 'aarch64').layouts;
  const asserts: string[] = [];
  const bitProbes: { type: string; path: string }[] = [];
  const bitSizes: number[] = [];
  const bitExpected: { lo: number; hi: number }[] = [];
  for (const c of rendered) {
    for (const rec of [...c.records, ...c.nested]) {
      const l = arm.get(rec.type)!;
      asserts.push(`_Static_assert(sizeof(${rec.type}) == ${l.size} && _Alignof(${rec.type}) == ${l.align}, "${rec.type} size/align");`);
      rec.fields.forEach((f, k) => {
        const field = l.fields[k]!;
        if (!f.bitfield) {
          asserts.push(`_Static_assert(__builtin_offsetof(${rec.type}, ${f.path}) == ${field.offset}, "${rec.type}.${f.path}");`);
          return;
        }
        const lo = field.offset * 8 + field.bitOffset!;
        bitProbes.push({ type: rec.type, path: f.path });
        bitSizes.push(l.size);
        bitExpected.push({ lo, hi: lo + field.bitWidth! - 1 });
      });
    }
  }
  expect(checkStaticAsserts('aarch64-linux-gnu', text, asserts)).toBe('');
  expect(bitfieldProbesForTarget('aarch64-linux-gnu', text, bitProbes, bitSizes)).toEqual(bitExpected);
}

describe.skipIf(missing !== undefined)('layout and constants agree with clang', () => {
  it('random structs, unions, enums and defines', () => {
    fc.assert(
      fc.property(fc.array(caseModel, { minLength: CASES_PER_RUN, maxLength: CASES_PER_RUN }), (cases) => {
        compareWithClang(cases.map((c, i) => renderCase(c, i)));
      }),
      { numRuns: Number(process.env.CFRONT_CLANG_RUNS ?? 4) },
    );
  });
});
