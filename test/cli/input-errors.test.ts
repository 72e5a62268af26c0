/**
 * What the CLI says about inputs it cannot read: plain read errors (exit 1, no "internal
 * error"), and an empty file under a named binary format reported as short like any other.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await run(args, { stdout, stderr, stdin: Readable.from([]) });
  return { code, stdout: out, stderr: err };
}

const dir = mkdtempSync(join(tmpdir(), 'cilium-events-input-'));
const empty = join(dir, 'empty');
writeFileSync(empty, new Uint8Array(0));

describe('unreadable inputs', () => {
  it.each(['decode', 'stats'])('%s of a directory is a read error', async (command) => {
    const r = await cli([command, dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`cilium-events: cannot read ${dir}: EISDIR\n`);
  });

  it('a missing file is a read error', async () => {
    const r = await cli(['decode', join(dir, 'missing')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(': ENOENT');
    expect(r.stderr).not.toContain('internal error');
  });

  it.each([
    ['bin', 'bad-frame'],
    ['ring', 'bad-ring'],
  ])('-i %s on an empty file is a short input (%s)', async (format, code) => {
    const r = await cli(['decode', '-i', format, empty]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`[${code}]`);
  });

  it.each(['auto', 'hex', 'gob'])('-i %s on an empty file prints nothing and succeeds', async (format) => {
    const r = await cli(format === 'auto' ? ['decode', empty] : ['decode', '-i', format, empty]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
  });
});
