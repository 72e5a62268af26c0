import { describe, expect, it } from 'vitest';
import { loadPins, PinsError } from '../../codegen/pins.js';

describe('pins.json', () => {
  const pins = loadPins();

  it('pins the releases of header-pins.md at their release commits', () => {
    expect(Object.fromEntries(pins.releases.map((p) => [p.release, [p.version, p.commit]]))).toEqual({
      '1.16': ['1.16.19', '011fab6e7b798edd17e0337307dc034ed4916653'],
      '1.17': ['1.17.17', '0db95967f554c95ee21a1fb7268bb5785e563d9d'],
      '1.17.0': ['1.17.0', 'c2bbf787eab9b7f728fcc861904d9bcf17e4ba9b'],
      '1.18': ['1.18.11', '617b6b49b57901ea2671e5468b11ac7341e4beb8'],
      '1.19': ['1.19.5', '20eaccfef029cb046d70219717fb6dbbdf27a59f'],
      '1.20': ['1.20.0-dev', '0d16a39ad92b41825bef6759d5cc6fa9d29f2c0d'],
    });
  });

  it('marks only the 1.20 pin (the v1.20 branch point) provisional, with the tag to move to', () => {
    expect(pins.releases.filter((p) => p.provisional).map((p) => p.release)).toEqual(['1.20']);
    const p = pins.releases.find((r) => r.release === '1.20')!;
    expect([p.provenance.tag, p.provenance.fork, p.covers]).toEqual(['v1.20.0', 'magic-peach/cilium', { line: '1.20', fromPatch: 0 }]);
    expect(() => loadPins(JSON.stringify({ upstream: 'u', releases: { '1.20': { ...JSON.parse(JSON.stringify(p)), provisional: 'yes' } } }))).toThrow(
      /1\.20\.provisional must be true or false/,
    );
  });

  it('covers v1.17.0–v1.17.3 with the 1.17.0 pin and v1.17.4 on with the 1.17 pin', () => {
    const covers = Object.fromEntries(pins.releases.map((p) => [p.release, p.covers]));
    expect(covers['1.17.0']).toEqual({ line: '1.17', fromPatch: 0, toPatch: 3 });
    expect(covers['1.17']).toEqual({ line: '1.17', fromPatch: 4 });
  });

  it('pins the Go files the texts come from and the headers with the event structs, with evidence notes', () => {
    for (const p of pins.releases) {
      for (const f of ['bpf/lib/drop.h', 'bpf/lib/trace.h', 'bpf/lib/source_info.h', 'pkg/monitor/api/drop.go', 'pkg/monitor/api/types.go', 'pkg/monitor/datapath_debug.go']) {
        expect(p.files[f], `${p.release} ${f}`).toBeDefined();
      }
      expect(p.notes.length).toBeGreaterThan(0);
    }
    // sha256 of bpf/lib/drop.h at v1.19.4 as header-pins.md records it (unchanged in v1.19.5).
    expect(pins.releases.find((p) => p.release === '1.19')!.files['bpf/lib/drop.h']!.sha256).toBe(
      '1d572f1f4d06dc5330a38b097e6cd98d8bfba9604c50b8655bd12f9f9f51fcb3',
    );
  });

  it('rejects malformed pins with a message naming the entry', () => {
    const good = { upstream: 'cilium/cilium', releases: {} as Record<string, unknown> };
    const release = (files: Record<string, unknown>) => ({
      version: '1.19.4',
      commit: 'a'.repeat(40),
      covers: { line: '1.19', fromPatch: 0 },
      provenance: { upstream: 'u', tag: 't', fork: 'f', forkRef: 'r' },
      files,
    });
    expect(() => loadPins('{')).toThrow(PinsError);
    expect(() => loadPins(JSON.stringify({ ...good, releases: { '1.19': release({ 'bpf/lib/a.h': { blob: 'b'.repeat(40), sha256: 'xyz' } }) } }))).toThrow(
      /1\.19\.files\.bpf\/lib\/a\.h\.sha256 is not 64 hex digits/,
    );
    expect(() => loadPins(JSON.stringify({ ...good, releases: { '1.19': release({ '../etc/passwd': { blob: 'b'.repeat(40), sha256: 'c'.repeat(64) } }) } }))).toThrow(
      /must be a plain bpf\/… or pkg\/… path/,
    );
    expect(() => loadPins(JSON.stringify({ ...good, releases: { latest: release({}) } }))).toThrow(/release key "latest"/);
  });
});
