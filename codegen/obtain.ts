/**
 * Obtaining the pinned inputs of each release into `bpf-headers/<release>/`: from Cilium
 * checkouts or git directories (`--from`, tried in turn) or, without `--from`, by downloading
 * each file at its pinned commit. Nothing is written for a release unless every one of its
 * files matches its sha256 pin.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkSha256, InputError, readInputs, type InputSet } from './inputs.js';
import type { ReleasePin } from './pins.js';

export type ObtainErrorCode = 'OBTAIN_NOT_FOUND' | 'OBTAIN_DOWNLOAD';

export class ObtainError extends Error {
  constructor(
    readonly code: ObtainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ObtainError';
  }
}

/**
 * Reads a release's verified inputs from the first of `sources` that has them all. A source
 * whose files exist but differ from the pins is skipped; when no source fits, the sha256
 * mismatch (if any was seen) is rethrown so the refusal names file, expected and actual hash.
 */
export function fromSources(pin: ReleasePin, sources: readonly string[]): { files: InputSet; origin: string } {
  let mismatch: InputError | undefined;
  const tried: string[] = [];
  for (const source of sources) {
    try {
      return readInputs(pin, source);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      if (e.code === 'INPUT_SHA256_MISMATCH') mismatch ??= e;
      tried.push(`  ${source}: ${e.message}`);
    }
  }
  if (mismatch !== undefined) throw mismatch;
  throw new ObtainError('OBTAIN_NOT_FOUND', `no source has the pinned files of release ${pin.release} (commit ${pin.commit}):\n${tried.join('\n')}`);
}

/** Raw file URL of `path` at `ref` in the upstream repository. */
function rawUrl(upstream: string, ref: string, path: string): string {
  return `https://raw.githubusercontent.com/${upstream}/${ref}/${path}`;
}

/**
 * Downloads every pinned file of `pin` at `ref` (default: the pinned commit). With `verify`
 * each file must match its pin; the release watch passes `verify: false` for newer tags.
 */
export async function download(pin: ReleasePin, upstream: string, options: { ref?: string; verify?: boolean } = {}): Promise<InputSet> {
  const ref = options.ref ?? pin.commit;
  const files: InputSet = new Map();
  for (const [path, file] of Object.entries(pin.files)) {
    const url = rawUrl(upstream, ref, path);
    let bytes: Buffer;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      bytes = Buffer.from(await res.arrayBuffer());
    } catch (e) {
      throw new ObtainError(
        'OBTAIN_DOWNLOAD',
        `cannot download ${url}: ${(e as Error).message}. Without network access, pass --from <cilium checkout or git dir> instead.`,
      );
    }
    if (options.verify !== false) checkSha256(pin, path, bytes, file.sha256);
    files.set(path, bytes);
  }
  return files;
}

/** Writes a release's files under `<outDir>/<release>/<path>`. */
export function writeInputs(outDir: string, release: string, files: InputSet): void {
  for (const [path, bytes] of files) {
    const target = join(outDir, release, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
}
