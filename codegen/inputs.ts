/**
 * Reading a release's pinned input files from wherever they are: a directory laid out like the
 * Cilium tree (`bpf-headers/<release>/`, a checkout, an unpacked tarball) or a git directory
 * that holds the pinned commit. Every file is checked against its sha256 pin.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ReleasePin } from './pins.js';

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export type InputErrorCode = 'INPUT_MISSING' | 'INPUT_SHA256_MISMATCH';

/** A pinned input that is absent or whose bytes differ from the pin. */
export class InputError extends Error {
  constructor(
    readonly code: InputErrorCode,
    message: string,
    readonly path: string,
    readonly expected?: string,
    readonly actual?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** The bytes of every pinned file of one release, keyed by repository-relative path. */
export type InputSet = Map<string, Buffer>;

/** Where a release's files came from, for messages. */
export interface LoadedInputs {
  files: InputSet;
  origin: string;
}

/**
 * Reads every pinned file of `pin` from `source`: through git (`git show <commit>:<path>`) when
 * `source` is a git directory or work tree that has the commit, else as plain files under it.
 * Throws `InputError` for the first missing file or sha256 mismatch unless `verify` is false
 * (used only to generate tables for an unpinned release).
 */
export function readInputs(pin: ReleasePin, source: string, verify = true): LoadedInputs {
  const viaGit = gitHasCommit(source, pin.commit);
  const files: InputSet = new Map();
  for (const [path, file] of Object.entries(pin.files)) {
    const bytes = viaGit ? gitShow(source, pin.commit, path) : readPlain(source, path);
    if (bytes === undefined) {
      const where = viaGit
        ? ` at commit ${pin.commit}`
        : isGitRepository(source)
          ? ` (a git repository without commit ${pin.commit} of v${pin.version}: fetch it, or pass a source that has it)`
          : '';
      throw new InputError('INPUT_MISSING', `${path} of release ${pin.release} not found in ${source}${where}`, path);
    }
    if (verify) checkSha256(pin, path, bytes, file.sha256);
    files.set(path, bytes);
  }
  return { files, origin: viaGit ? `${source} @ ${pin.commit}` : source };
}

/** Throws an `InputError` naming the file, the expected and the actual sha256 when they differ. */
export function checkSha256(pin: ReleasePin, path: string, bytes: Uint8Array, expected: string): void {
  const actual = sha256(bytes);
  if (actual !== expected) {
    throw new InputError(
      'INPUT_SHA256_MISMATCH',
      `refusing ${path} for release ${pin.release} (v${pin.version}): sha256 ${actual} differs from the pinned ${expected}`,
      path,
      expected,
      actual,
    );
  }
}

/** True when every pinned file of `pin` exists under `dir` as a plain file. */
export function hasAllPlainFiles(pin: ReleasePin, dir: string): boolean {
  return Object.keys(pin.files).every((p) => isFile(join(dir, p)));
}

function readPlain(dir: string, path: string): Buffer | undefined {
  const full = join(dir, path);
  return isFile(full) ? readFileSync(full) : undefined;
}

function isFile(p: string): boolean {
  return existsSync(p) && statSync(p).isFile();
}

/** `source` is a git directory (bare or `.git`) or a work tree whose repository has `commit`. */
function gitHasCommit(source: string, commit: string): boolean {
  if (!existsSync(source)) return false;
  try {
    execFileSync('git', [...gitArgs(source), 'cat-file', '-e', `${commit}^{commit}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function gitShow(source: string, commit: string, path: string): Buffer | undefined {
  try {
    return execFileSync('git', [...gitArgs(source), 'show', `${commit}:${path}`], {
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return undefined;
  }
}

/** The top of a work tree or a git directory itself (a plain directory inside some repository is not). */
function isGitRepository(source: string): boolean {
  return existsSync(join(source, '.git')) || isBareGitDir(source);
}

function isBareGitDir(source: string): boolean {
  return isFile(join(source, 'HEAD')) && existsSync(join(source, 'objects'));
}

/** A bare repository or `.git` directory is addressed with `--git-dir`, a work tree with `-C`. */
function gitArgs(source: string): string[] {
  return isBareGitDir(source) ? ['--git-dir', source] : ['-C', source];
}
