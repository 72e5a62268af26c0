// The committed src/ring/walker-wasm.gen.ts must be what assembly/walker.ts compiles to.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const haveAsc = existsSync(`${root}node_modules/assemblyscript/dist/asc.js`);
if (!haveAsc) console.warn('ring tests: skipping the wasm rebuild check, assemblyscript is not installed');

describe.skipIf(!haveAsc)('generated walker module', () => {
  it('matches a fresh asc build of assembly/walker.ts', () => {
    const r = spawnSync(process.execPath, [`${root}scripts/build-wasm.mjs`, '--check'], { encoding: 'utf8' });
    expect(r.stderr + r.stdout).toContain('matches');
    expect(r.status).toBe(0);
  });
});
