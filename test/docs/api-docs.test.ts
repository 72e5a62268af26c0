// The docs check: every export of every entry point in package.json "exports" carries a doc
// comment (typedoc builds the API reference from them, `npm run docs`), and every exported
// function has an @example. Failures list the exports to document, with their files.
import { beforeAll, describe, expect, it } from 'vitest';
import { apiExports, entries, type ApiExport } from './api-surface.js';

const where = (e: ApiExport): string => `${e.entry}: ${e.kind} ${e.name} (${e.declaredIn})`;

describe('API documentation', () => {
  let all: ApiExport[] = [];
  beforeAll(() => {
    all = apiExports(); // a TypeScript program over the entry points: a few seconds
  }, 180_000);

  it('covers every entry point of package.json "exports"', () => {
    const seen = new Set(all.map((e) => e.entry));
    for (const e of entries()) expect(seen.has(e.specifier), e.specifier).toBe(true);
  });

  it('every export has a doc comment', () => {
    expect(all.filter((e) => !e.documented).map(where)).toEqual([]);
  });

  it('every exported function has an @example', () => {
    expect(all.filter((e) => e.kind === 'function' && !e.hasExample).map(where)).toEqual([]);
  });
});
