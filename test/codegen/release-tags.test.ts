import { describe, expect, it } from 'vitest';
import { newestOf, parseReleaseTags, unpinnedNewerLines } from '../../codegen/release-tags.js';

// Shape of `git ls-remote --tags --refs <repo>` output: "<sha>\trefs/tags/<name>".
const lsRemote = [
  'a1\trefs/tags/v1.17.9',
  'a2\trefs/tags/v1.17.14',
  'a3\trefs/tags/v1.17.15-rc.0',
  'a4\trefs/tags/v1.19.4',
  'a5\trefs/tags/v1.20.0-pre.1',
  'a6\trefs/tags/v1.21.1',
  'a7\trefs/tags/v1.9.10',
  'a8\trefs/tags/1.19.9',
  '',
].join('\n');

describe('release tags', () => {
  const tags = parseReleaseTags(lsRemote);

  it('keeps final vX.Y.Z tags only', () => {
    expect(tags.map((t) => t.tag)).toEqual(['v1.17.9', 'v1.17.14', 'v1.19.4', 'v1.21.1', 'v1.9.10']);
  });

  it('finds the newest patch of a line numerically, not lexically', () => {
    expect(newestOf(tags, '1.17')?.tag).toBe('v1.17.14');
    expect(newestOf(tags, '1.18')).toBeUndefined();
  });

  it('reports lines newer than every pin and ignores older ones', () => {
    expect(unpinnedNewerLines(tags, ['1.16', '1.17', '1.19'])).toEqual(['1.21']);
  });
});
