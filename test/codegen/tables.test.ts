import { describe, expect, it } from 'vitest';
import { CiliumEventsError } from '../../src/errors.js';
import { getTables, releases, resolveRelease, UnknownReleaseError } from '../../src/tables.js';

describe('releases', () => {
  it('lists every pinned release, oldest first', () => {
    expect(releases).toEqual(['1.16', '1.17.0', '1.17', '1.18', '1.19', '1.20']);
  });
});

describe('release resolution', () => {
  it('maps a line to its newest pinned patch release', () => {
    expect(getTables('1.17').version).toBe('1.17.17');
    expect(getTables('1.16').version).toBe('1.16.19');
    expect(getTables('1.18').version).toBe('1.18.11');
    expect(getTables('1.19').version).toBe('1.19.5');
  });

  it('maps v1.17.0–v1.17.3 to the 1.17.0 pin and v1.17.4+ to the 1.17 pin (header-pins.md)', () => {
    for (const v of ['1.17.0', '1.17.1', '1.17.2', '1.17.3']) expect(resolveRelease(v)).toBe('1.17.0');
    for (const v of ['1.17.4', '1.17.12', '1.17.14', '1.17.30']) expect(resolveRelease(v)).toBe('1.17');
    expect(getTables('1.17.2').version).toBe('1.17.0');
  });

  it('tolerates a leading v and any patch of a fully covered line', () => {
    expect(resolveRelease('v1.19.4')).toBe('1.19');
    expect(resolveRelease('v1.16')).toBe('1.16');
    expect(resolveRelease('1.18.0')).toBe('1.18');
    expect(getTables('v1.19.4').commit).toBe('20eaccfef029cb046d70219717fb6dbbdf27a59f');
  });

  it('rejects unknown lines and malformed versions with a typed error listing the supported releases', () => {
    for (const bad of ['1.15', '1.21.1', 'latest', '', '1.19.4-rc.1', '1', '1.19.x']) {
      let err: unknown;
      try {
        getTables(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UnknownReleaseError);
      expect(err).toBeInstanceOf(CiliumEventsError);
      const e = err as UnknownReleaseError;
      expect(e.code).toBe('invalid-option');
      expect(e.requested).toBe(bad);
      expect(e.supported).toEqual(['1.16', '1.17.0', '1.17', '1.18', '1.19', '1.20']);
      expect(e.message).toContain('1.16, 1.17.0, 1.17, 1.18, 1.19, 1.20');
    }
  });

  it('hands out each release under its own key', () => {
    for (const r of releases) expect(getTables(r).release).toBe(r);
  });
});

describe('per-release exports', () => {
  it('are the same objects getTables returns', async () => {
    const mod = await import('../../src/tables.js');
    expect(mod.v1_19).toBe(getTables('1.19'));
    expect(mod.v1_17_0).toBe(getTables('1.17.0'));
    expect(mod.pinnedReleases.map((p) => p.release)).toEqual([...releases]);
  });
});

describe('default and provisional releases', () => {
  it('defaults to the newest release that is not provisional', async () => {
    const { defaultRelease, pinnedReleases } = await import('../../src/tables.js');
    expect(defaultRelease).toBe('1.19');
    expect(pinnedReleases.filter((p) => p.provisional === true).map((p) => p.release)).toEqual(['1.20']);
  });
});
