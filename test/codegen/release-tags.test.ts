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

describe('release tags with peeled annotated tags (git ls-remote --tags without --refs)', () => {
  const c = (n: number) => n.toString(16).padStart(40, '0');
  const tags = parseReleaseTags(
    [
      `${c(1)}\trefs/tags/v1.20.0`,
      `${c(2)}\trefs/tags/v1.20.0^{}`,
      `${c(3)}\trefs/tags/v1.20.1`,
      `${c(4)}\trefs/tags/v1.20.1^{}`,
      `${c(5)}\trefs/tags/v1.19.5`,
      `${c(6)}\trefs/tags/v1.21.0-pre.0^{}`,
    ].join('\n'),
  );

  it('takes the commit of each tag from its peeled line, once per tag', () => {
    expect(tags.map((t) => [t.tag, t.commit])).toEqual([
      ['v1.20.0', c(2)],
      ['v1.20.1', c(4)],
      ['v1.19.5', c(5)],
    ]);
    expect(newestOf(tags, '1.20')).toEqual({ tag: 'v1.20.1', line: '1.20', patch: 1, commit: c(4) });
  });

  it('sees no new line once 1.20 has a (provisional) pin', () => {
    expect(unpinnedNewerLines(tags, ['1.19', '1.20'])).toEqual([]);
  });
});
