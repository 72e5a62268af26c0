// readEvents on the kernel-written fixtures: the payloads imitate Cilium messages (see the
// fixture README), so their decoded type and capture length are known from expected.json.
import { describe, expect, it } from 'vitest';
import { readEvents } from '../../src/ring/index.js';
import { loadCase } from './fixtures.js';

const forwardCases = ['basic', 'wrap', 'lost', 'lost-wrap', 'multi-cpu/cpu1', 'large'];

describe('readEvents', () => {
  for (const name of forwardCases) {
    for (const impl of ['wasm', 'ts'] as const) {
      it(`${name} (${impl}): every sample decoded or reported, lost records in place`, () => {
        const c = loadCase(name);
        const r = readEvents(c.ring, { impl, cpu: c.meta.cpu, peek: true });
        expect(r.cpu).toBe(c.meta.cpu);
        expect(r.entries).toHaveLength(c.expected.count);
        r.entries.forEach((entry, i) => {
          const want = c.expected.records[i]!;
          if (want.type === 'lost') {
            expect(entry).toEqual({ kind: 'lost', offset: expect.any(Number), id: BigInt(want.id), count: want.lost });
            return;
          }
          const typeByte = parseInt(want.raw_hex.slice(0, 2), 16);
          if (want.raw_size < 20) {
            // 1..19-byte payloads are cut-off debug messages (20 bytes): too short to decode.
            expect(entry.kind === 'error' && entry.error.code).toBe('short-buffer');
            expect(entry.kind === 'error' && Buffer.from(entry.data).toString('hex')).toBe(want.raw_hex);
          } else if (want.emitted_len >= 20) {
            expect(entry.kind).toBe('event');
            if (entry.kind !== 'event') return;
            expect(entry.event.type).toBe(typeByte);
            // Drop and trace payloads carry len_cap = length - 48, debug captures length - 24.
            if (typeByte === 1 || typeByte === 4) expect((entry.event as { capLen: number }).capLen).toBe(want.emitted_len - 48);
            if (typeByte === 3) expect((entry.event as { capLen: number }).capLen).toBe(want.emitted_len - 24);
          }
        });
        expect(r.lostSamples).toBe(c.expected.records.reduce((n, e) => n + (e.type === 'lost' ? e.lost : 0), 0));
      });
    }
  }
});
