// scripts/readme-links.mjs: what `npm version` does to the README's links.
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without declarations
import { pinLinks as pinLinksUntyped } from '../../scripts/readme-links.mjs';

const pinLinks = pinLinksUntyped as (markdown: string, name: string, version: string) => string;
const base = 'https://cdn.jsdelivr.net/npm/pkg@';

describe('pinLinks', () => {
  it('points relative links at the version on the CDN', () => {
    expect(pinLinks('See [decoding](docs/decoding.md) and [report](./api-report.md).', 'pkg', '1.2.3')).toBe(
      `See [decoding](${base}1.2.3/docs/decoding.md) and [report](${base}1.2.3/api-report.md).`,
    );
  });

  it('moves links of another or no version to this one', () => {
    const md = `[a](${base}0.1.0/docs/a.md) [b](https://cdn.jsdelivr.net/npm/pkg/docs/b.md)`;
    expect(pinLinks(md, 'pkg', '0.2.0')).toBe(`[a](${base}0.2.0/docs/a.md) [b](${base}0.2.0/docs/b.md)`);
  });

  it('is idempotent', () => {
    const once = pinLinks('[a](docs/a.md)', 'pkg', '1.0.0');
    expect(pinLinks(once, 'pkg', '1.0.0')).toBe(once);
  });

  it('leaves headings of the README, other sites, other packages and code alone', () => {
    const md = [
      '[up](#install) [cilium](https://cilium.io) [other](https://cdn.jsdelivr.net/npm/pkg-two@1.0.0/x.md)',
      'inline `[x](docs/x.md)` code',
      '```md',
      '[y](docs/y.md)',
      '```',
      '[z](docs/z.md)',
    ].join('\n');
    expect(pinLinks(md, 'pkg', '1.0.0').split('\n')).toEqual([
      '[up](#install) [cilium](https://cilium.io) [other](https://cdn.jsdelivr.net/npm/pkg-two@1.0.0/x.md)',
      'inline `[x](docs/x.md)` code',
      '```md',
      '[y](docs/y.md)',
      '```',
      `[z](${base}1.0.0/docs/z.md)`,
    ]);
  });

  it('refuses a link that leaves the package', () => {
    expect(() => pinLinks('[src](../src/index.ts)', 'pkg', '1.0.0')).toThrow(/outside the package/);
  });
});
