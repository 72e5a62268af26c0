/**
 * Obtaining inputs from temporary fake checkouts and git repositories: a file whose sha256
 * differs from its pin is refused with file, expected and actual hash; several sources are
 * tried in turn; git directories are read at the pinned commit.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, readInputs } from '../../codegen/inputs.js';
import { fromSources, ObtainError, writeInputs } from '../../codegen/obtain.js';
import { loadPins, type ReleasePin } from '../../codegen/pins.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const contents: Record<string, string> = {
  'bpf/lib/drop.h': '#define DROP_POLICY -133\n',
  'pkg/monitor/api/drop.go': 'package api\n',
};

function fakePin(commit = 'a'.repeat(40)): ReleasePin {
  return {
    release: '9.9',
    version: '9.9.1',
    commit,
    covers: { line: '9.9', fromPatch: 0 },
    provenance: { upstream: 'cilium/cilium', tag: 'v9.9.1', fork: 'none/none', forkRef: 'main' },
    files: Object.fromEntries(Object.entries(contents).map(([p, c]) => [p, { blob: 'b'.repeat(40), sha256: sha(c) }])),
    notes: [],
  };
}

function writeTree(root: string, files: Record<string, string>): void {
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), c);
  }
}

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'obtain-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('reading pinned inputs from a directory', () => {
  it('returns the files when every sha256 matches', () => {
    writeTree(join(tmp, 'good'), contents);
    const { files } = readInputs(fakePin(), join(tmp, 'good'));
    expect([...files.keys()]).toEqual(['bpf/lib/drop.h', 'pkg/monitor/api/drop.go']);
    expect(files.get('bpf/lib/drop.h')!.toString()).toBe(contents['bpf/lib/drop.h']);
  });

  it('refuses a file whose sha256 differs, naming file, expected and actual hash', () => {
    const tampered = '#define DROP_POLICY -134\n';
    writeTree(join(tmp, 'bad'), { ...contents, 'bpf/lib/drop.h': tampered });
    let err: unknown;
    try {
      readInputs(fakePin(), join(tmp, 'bad'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(e.code).toBe('INPUT_SHA256_MISMATCH');
    expect(e.path).toBe('bpf/lib/drop.h');
    expect(e.expected).toBe(sha(contents['bpf/lib/drop.h']!));
    expect(e.actual).toBe(sha(tampered));
    expect(e.message).toContain('bpf/lib/drop.h');
    expect(e.message).toContain(sha(tampered));
    expect(e.message).toContain(sha(contents['bpf/lib/drop.h']!));
  });

  it('reports a missing file with its path', () => {
    writeTree(join(tmp, 'partial'), { 'bpf/lib/drop.h': contents['bpf/lib/drop.h']! });
    expect(() => readInputs(fakePin(), join(tmp, 'partial'))).toThrow(/pkg\/monitor\/api\/drop\.go of release 9\.9 not found/);
  });
});

describe('trying several sources', () => {
  it('takes the first source that has every file verified', () => {
    writeTree(join(tmp, 'wrong'), { ...contents, 'bpf/lib/drop.h': 'other release\n' });
    writeTree(join(tmp, 'right'), contents);
    const got = fromSources(fakePin(), [join(tmp, 'missing'), join(tmp, 'wrong'), join(tmp, 'right')]);
    expect(got.origin).toBe(join(tmp, 'right'));
  });

  it('rethrows the sha256 refusal when no source fits, and says so when none has the files', () => {
    writeTree(join(tmp, 'wrong'), { ...contents, 'bpf/lib/drop.h': 'other release\n' });
    expect(() => fromSources(fakePin(), [join(tmp, 'nothing'), join(tmp, 'wrong')])).toThrow(InputError);
    expect(() => fromSources(fakePin(), [join(tmp, 'nothing')])).toThrow(ObtainError);
  });

  it('writes verified files under <out>/<release>/<path>', () => {
    writeTree(join(tmp, 'right'), contents);
    writeInputs(join(tmp, 'out'), '9.9', fromSources(fakePin(), [join(tmp, 'right')]).files);
    expect(readFileSync(join(tmp, 'out', '9.9', 'bpf/lib/drop.h'), 'utf8')).toBe(contents['bpf/lib/drop.h']);
  });
});

const git = spawnSync('git', ['--version']).status === 0;
if (!git) console.warn('skipping git-source tests: git is not installed');

describe.skipIf(!git)('reading from git at the pinned commit', () => {
  function repoWith(files: Record<string, string>): { dir: string; commit: string } {
    const dir = join(tmp, 'repo');
    writeTree(dir, files);
    const g = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    g('init', '-q');
    g('add', '.');
    g('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-q', '-m', 'pinned');
    const commit = g('rev-parse', 'HEAD');
    // Move the work tree past the pin: the reader must use the commit, not the files on disk.
    writeTree(dir, { 'bpf/lib/drop.h': 'changed after the pin\n' });
    return { dir, commit };
  }

  it('reads a work tree through git show <commit>:<path>', () => {
    const { dir, commit } = repoWith(contents);
    const { files, origin } = readInputs(fakePin(commit), dir);
    expect(files.get('bpf/lib/drop.h')!.toString()).toBe(contents['bpf/lib/drop.h']);
    expect(origin).toContain(commit);
  });

  it('says so when the repository lacks the pinned commit', () => {
    const { dir } = repoWith(contents);
    // The work tree's files have moved on (see repoWith), so they are not read instead.
    expect(() => readInputs(fakePin('c'.repeat(40)), dir)).toThrow(InputError);
    writeTree(dir, contents);
    rmSync(join(dir, 'pkg'), { recursive: true });
    expect(() => readInputs(fakePin('c'.repeat(40)), dir)).toThrow(/a git repository without commit c{40} of v9\.9\.1/);
  });

  it('reads a bare clone', () => {
    const { dir, commit } = repoWith(contents);
    const bare = join(tmp, 'bare.git');
    execFileSync('git', ['clone', '-q', '--bare', dir, bare], { stdio: 'ignore' });
    expect(readInputs(fakePin(commit), bare).files.size).toBe(2);
  });
});

describe('npm run headers', () => {
  it('exits non-zero and writes nothing when a file of the fake checkout differs from pins.json', () => {
    const pin = loadPins().releases.find((p) => p.release === '1.19')!;
    writeTree(join(tmp, 'fake'), Object.fromEntries(Object.keys(pin.files).map((p) => [p, `not the pinned ${p}\n`])));
    const root = new URL('../..', import.meta.url).pathname;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'bpf-headers/obtain.ts'), '--from', join(tmp, 'fake'), '--release', '1.19', '--out', join(tmp, 'out')],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    const first = Object.keys(pin.files)[0]!;
    expect(run.stderr).toContain(`refusing ${first} for release 1.19`);
    expect(run.stderr).toContain(pin.files[first]!.sha256);
    expect(run.stderr).toContain(sha(`not the pinned ${first}\n`));
    expect(existsSync(join(tmp, 'out'))).toBe(false);
  });
});
