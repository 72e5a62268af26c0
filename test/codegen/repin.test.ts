/** Moving a pin to a release tag (what the release watch's --repin writes into pins.json). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../codegen/inputs.js';
import { loadPins, repoRoot } from '../../codegen/pins.js';
import { gitBlobId, repinEntry, replacePin, type RawPin } from '../../codegen/repin.js';

const pinsText = readFileSync(join(repoRoot, 'bpf-headers', 'pins.json'), 'utf8');
const raw = (JSON.parse(pinsText) as { releases: Record<string, RawPin> }).releases;
const tag = { tag: 'v1.20.0', line: '1.20', patch: 0, commit: 'ab'.repeat(20) };

describe('gitBlobId', () => {
  it('is what git hash-object computes', () => {
    const bytes = Buffer.from('struct x { int a; };\n');
    expect(gitBlobId(bytes)).toBe(execFileSync('git', ['hash-object', '--stdin'], { input: bytes, encoding: 'utf8' }).trim());
    expect(gitBlobId(new Uint8Array(0))).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
  });
});

describe('repinEntry', () => {
  const old = raw['1.20']!;
  const files = new Map(Object.keys(old.files).map((p) => [p, Buffer.from(`contents of ${p} at v1.20.0\n`)]));

  it('moves the provisional 1.20 pin to the tag commit with fresh hashes and an evidence note', () => {
    const e = repinEntry(old, 'cilium/cilium', tag, files, '2026-12-10');
    expect(e['provisional']).toBeUndefined();
    expect([e['version'], e['commit'], e['covers']]).toEqual(['1.20.0', tag.commit, old['covers']]);
    expect(e['provenance']).toEqual({ upstream: 'cilium/cilium', tag: 'v1.20.0', fork: 'cilium/cilium', forkRef: 'v1.20.0' });
    for (const [p, bytes] of files) expect(e.files[p]).toEqual({ blob: gitBlobId(bytes), sha256: sha256(bytes) });
    expect(e.notes![0]).toMatch(/^Re-pinned 2026-12-10 by the release watch from 1\.20\.0-dev \(0d16a39ad9, provisional\) to v1\.20\.0: tag v1\.20\.0 of cilium\/cilium points at abab/);
    expect(e.notes!.slice(1)).toEqual(old.notes);
    // The result is a valid pins.json that no longer has a provisional pin.
    const next = loadPins(replacePin(pinsText, '1.20', e));
    expect(next.releases.find((p) => p.release === '1.20')).toMatchObject({ version: '1.20.0', commit: tag.commit, provisional: false });
    expect(next.releases.map((p) => p.release)).toEqual(loadPins(pinsText).releases.map((p) => p.release));
  });

  it('names the files whose blobs changed, and refuses a tag missing a pinned file', () => {
    const same = new Map(files);
    expect(repinEntry(old, 'cilium/cilium', tag, same, 'd').notes![0]).toContain('Files that changed: bpf/lib/classifiers.h');
    same.delete('bpf/lib/trace.h');
    expect(() => repinEntry(old, 'cilium/cilium', tag, same, 'd')).toThrow(/v1\.20\.0 lacks bpf\/lib\/trace\.h/);
    expect(() => repinEntry(old, 'cilium/cilium', { ...tag, commit: 'not-a-commit' }, files, 'd')).toThrow(/not a commit id/);
  });

  it('keeps every other byte of pins.json when nothing changes', () => {
    expect(replacePin(pinsText, '1.19', raw['1.19']!)).toBe(pinsText);
  });
});
