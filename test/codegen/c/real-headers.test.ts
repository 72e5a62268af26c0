/**
 * Dev check on the real pinned headers (obtained into bpf-headers/<release>/bpf/lib by
 * `npm run headers`; skipped where absent): our layout of every monitor struct must equal
 * clang's layout of the same header text, and the sizes must be the ones the wire-format
 * notes record for each release.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutRecord, parseHeaders } from '../../../codegen/c/index.js';
// The feature macros the codegen compiles the headers under, so both sides see the same structs.
import { FEATURE_DEFINES as DEFINES } from '../../../codegen/c-tables.js';
import { bitfieldProbesForTarget, checkStaticAsserts, clangHasTarget, clangMissing, runProbes, type Probe } from './helpers/clang.js';
import { clangPreprocess, typeDefinitionsFor } from './helpers/clang-headers.js';

const ROOT = join(import.meta.dirname, '../../..');

/** Header sizes per release (wire-format.md §2, "verified against pinned headers"). */
const EXPECTED: Record<string, Record<string, number | undefined>> = {
  '1.16': { drop_notify: 36, trace_notify: 48, debug_msg: 20, debug_capture_msg: 24, policy_verdict_notify: 32, trace_sock_notify: 38, capture_msg: 24 },
  '1.17.0': { drop_notify: 36, trace_notify: 48, debug_msg: 20, debug_capture_msg: 24, policy_verdict_notify: 32, trace_sock_notify: 38, capture_msg: 24 },
  '1.17': { drop_notify: 40, trace_notify: 48, debug_msg: 20, debug_capture_msg: 24, policy_verdict_notify: 32, trace_sock_notify: 38, capture_msg: 24 },
  '1.18': { drop_notify: 40, trace_notify: 48, debug_msg: 20, debug_capture_msg: 24, policy_verdict_notify: 32, trace_sock_notify: 38, capture_msg: 24 },
  '1.19': { drop_notify: 48, trace_notify: 56, debug_msg: 20, debug_capture_msg: 24, policy_verdict_notify: 40, trace_sock_notify: 40, capture_msg: undefined },
  // v1.20 branch point: same sizes; orig_ip4 / dst_ip.ip4 became `union v4addr` (4 bytes),
  // trace_notify carries `__align_stack_8` on its definition (8-aligned already).
  '1.20': { drop_notify: 48, trace_notify: 56, debug_msg: 20, debug_capture_msg: 24, policy_verdict_notify: 40, trace_sock_notify: 40, capture_msg: undefined },
};

/** Headers that hold the event structs in some release. */
const EVENT_HEADERS = ['common.h', 'notify.h', 'drop.h', 'trace.h', 'dbg.h', 'policy_log.h', 'trace_sock.h', 'pcap.h'];

const clang = clangMissing();
if (clang !== undefined) console.warn(`skipping the real-header clang comparison: ${clang}`);
const arm64 = clang === undefined && clangHasTarget('aarch64');
if (clang === undefined && !arm64) console.warn('skipping the arm64 real-header comparison: this clang has no AArch64 target');

for (const [release, sizes] of Object.entries(EXPECTED)) {
  const libDir = join(ROOT, 'bpf-headers', release, 'bpf', 'lib');
  const present = existsSync(libDir);
  if (!present) console.warn(`skipping real headers of ${release}: ${libDir} is absent (run \`npm run headers\`)`);

  describe.skipIf(!present)(`real headers ${release}`, () => {
    const load = () => {
      const files = readdirSync(libDir)
        .filter((f) => f.endsWith('.h'))
        .sort()
        .map((f) => ({ path: `bpf/lib/${f}`, text: readFileSync(join(libDir, f), 'utf8') }));
      return parseHeaders(files, { defines: DEFINES });
    };

    it('lays out every monitor struct with the sizes of the wire-format notes', () => {
      const program = load();
      for (const [name, size] of Object.entries(sizes)) {
        if (size === undefined) {
          expect(program.records.has(`struct ${name}`), name).toBe(false);
        } else {
          expect(layoutRecord(program, `struct ${name}`).size, name).toBe(size);
        }
      }
    });

    it.skipIf(clang !== undefined)('agrees with clang on every size, offset and bit position', () => {
      const program = load();
      const structs = Object.entries(sizes).filter(([, s]) => s !== undefined).map(([n]) => `struct ${n}`);
      const headers = EVENT_HEADERS.filter((h) => existsSync(join(libDir, h)));
      const text = typeDefinitionsFor(clangPreprocess(libDir, headers, DEFINES), structs);
      const probes: Probe[] = [];
      const expected: unknown[] = [];
      for (const key of structs) {
        const layout = layoutRecord(program, key);
        probes.push({ kind: 'record', type: key });
        expected.push({ kind: 'record', size: layout.size, align: layout.align });
        for (const f of layout.fields) {
          if (f.bitWidth !== undefined) {
            const lo = f.offset * 8 + f.bitOffset!;
            probes.push({ kind: 'bitfield', type: key, path: f.name });
            expected.push({ kind: 'bitfield', lo, hi: lo + f.bitWidth - 1 });
          } else {
            probes.push({ kind: 'field', type: key, path: f.name });
            expected.push({ kind: 'field', offset: f.offset, size: f.size });
          }
        }
      }
      const got = runProbes(text, probes);
      probes.forEach((p, i) => expect(got[i], JSON.stringify(p)).toEqual(expected[i]));

      // arm64: our layouts for that target, checked by clang at compile time.
      if (!arm64) return;
      const asserts = structs.flatMap((key) => {
        const l = layoutRecord(program, key, { target: 'aarch64' });
        return [
          `_Static_assert(sizeof(${key}) == ${l.size} && _Alignof(${key}) == ${l.align}, "${key}");`,
          ...l.fields
            .filter((f) => f.bitWidth === undefined)
            .map((f) => `_Static_assert(__builtin_offsetof(${key}, ${f.name}) == ${f.offset}, "${key}.${f.name}");`),
        ];
      });
      expect(checkStaticAsserts('aarch64-linux-gnu', text, asserts)).toBe('');
      const bitfields = structs.flatMap((key) => {
        const l = layoutRecord(program, key, { target: 'aarch64' });
        return l.fields.filter((f) => f.bitWidth !== undefined).map((f) => ({ key, size: l.size, f }));
      });
      const bits = bitfieldProbesForTarget('aarch64-linux-gnu', text, bitfields.map((b) => ({ type: b.key, path: b.f.name })), bitfields.map((b) => b.size));
      expect(bits).toEqual(bitfields.map(({ f }) => ({ lo: f.offset * 8 + f.bitOffset!, hi: f.offset * 8 + f.bitOffset! + f.bitWidth! - 1 })));
    });
  });
}
