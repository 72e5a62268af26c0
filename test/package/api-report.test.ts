/**
 * The public surface is deliberate: the committed api-report.md must be what
 * scripts/api-report.mjs reads from the entry points now. After a public change, run
 * `npm run api-report`, review the diff, and record the change in CHANGELOG.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without declarations
import { REPORT, report } from '../../scripts/api-report.mjs';

describe('API report', () => {
  it('api-report.md matches the exports of every entry point (npm run api-report rewrites it)', () => {
    expect((report as () => string)()).toBe(readFileSync(REPORT as string, 'utf8'));
  }, 120_000);
});
