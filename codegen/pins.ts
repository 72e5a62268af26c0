/**
 * `bpf-headers/pins.json`: which cilium/cilium commit backs each supported release and the
 * sha256 of every input file the codegen reads from it. Loaded and validated here so that
 * the obtain script, the generator and the check share one reading of it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PinnedFile {
  /** Git blob id at the pinned commit (provenance; the sha256 is what is verified). */
  blob: string;
  /** SHA-256 of the exact file bytes. */
  sha256: string;
}

/** Which patch releases of a line a pin stands for (its layouts are identical for all of them). */
export interface PatchRange {
  line: string;
  fromPatch: number;
  /** Absent: every later patch release as well. */
  toPatch?: number;
}

export interface ReleasePin {
  /** Release key: `'1.19'`, or a separately pinned patch release such as `'1.17.0'`. */
  release: string;
  version: string;
  commit: string;
  covers: PatchRange;
  provenance: { upstream: string; tag: string; fork: string; forkRef: string };
  /**
   * The commit is not the release commit (for `1.20`: the v1.20 branch point, the tag commit
   * being unreachable): tables may change when the pin moves to `provenance.tag`. Never the
   * default release.
   */
  provisional?: boolean;
  /** Repository-relative path → pin, sorted by path. */
  files: Record<string, PinnedFile>;
  notes: string[];
}

export interface Pins {
  upstream: string;
  releases: ReleasePin[];
}

/** Repository root (this file lives in `<root>/codegen/`). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinsPath = join(repoRoot, 'bpf-headers', 'pins.json');

export class PinsError extends Error {
  readonly code = 'PINS_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'PinsError';
  }
}

const HEX40 = /^[0-9a-f]{40}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const RELEASE_KEY = /^\d+\.\d+(\.\d+)?$/;
const SAFE_PATH = /^(bpf|pkg)\/[A-Za-z0-9_./-]+$/;

/** Reads and validates `pins.json` (or the given text); throws `PinsError` naming the bad entry. */
export function loadPins(text: string = readFileSync(pinsPath, 'utf8')): Pins {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PinsError(`pins.json is not valid JSON: ${(e as Error).message}`);
  }
  const root = object(raw, 'pins.json');
  const upstream = string(root['upstream'], 'upstream');
  const releases = object(root['releases'], 'releases');
  const out: ReleasePin[] = [];
  for (const [release, value] of Object.entries(releases)) {
    if (!RELEASE_KEY.test(release)) throw new PinsError(`release key "${release}" is not like 1.19 or 1.17.0`);
    const r = object(value, release);
    const commit = string(r['commit'], `${release}.commit`);
    if (!HEX40.test(commit)) throw new PinsError(`${release}.commit is not a 40-hex commit id`);
    const covers = object(r['covers'], `${release}.covers`);
    const prov = object(r['provenance'], `${release}.provenance`);
    const files: Record<string, PinnedFile> = {};
    for (const [path, f] of Object.entries(object(r['files'], `${release}.files`))) {
      if (!SAFE_PATH.test(path) || path.split('/').includes('..')) {
        throw new PinsError(`${release}: file path "${path}" must be a plain bpf/… or pkg/… path`);
      }
      const pf = object(f, `${release}.files.${path}`);
      const sha256 = string(pf['sha256'], `${release}.files.${path}.sha256`);
      const blob = string(pf['blob'], `${release}.files.${path}.blob`);
      if (!HEX64.test(sha256)) throw new PinsError(`${release}.files.${path}.sha256 is not 64 hex digits`);
      if (!HEX40.test(blob)) throw new PinsError(`${release}.files.${path}.blob is not 40 hex digits`);
      files[path] = { blob, sha256 };
    }
    const toPatch = covers['toPatch'];
    const provisional = r['provisional'];
    if (provisional !== undefined && typeof provisional !== 'boolean') throw new PinsError(`${release}.provisional must be true or false`);
    out.push({
      release,
      version: string(r['version'], `${release}.version`),
      commit,
      covers: {
        line: string(covers['line'], `${release}.covers.line`),
        fromPatch: integer(covers['fromPatch'], `${release}.covers.fromPatch`),
        ...(toPatch === undefined ? {} : { toPatch: integer(toPatch, `${release}.covers.toPatch`) }),
      },
      provenance: {
        upstream: string(prov['upstream'], `${release}.provenance.upstream`),
        tag: string(prov['tag'], `${release}.provenance.tag`),
        fork: string(prov['fork'], `${release}.provenance.fork`),
        forkRef: string(prov['forkRef'], `${release}.provenance.forkRef`),
      },
      provisional: provisional === true,
      files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      notes: Array.isArray(r['notes']) ? r['notes'].map((n, i) => string(n, `${release}.notes[${i}]`)) : [],
    });
  }
  return { upstream, releases: out };
}

/** The pin of one release key, or a `PinsError` listing the known ones. */
export function pinFor(pins: Pins, release: string): ReleasePin {
  const pin = pins.releases.find((r) => r.release === release);
  if (pin === undefined) {
    throw new PinsError(`no pin for release "${release}"; pinned: ${pins.releases.map((r) => r.release).join(', ')}`);
  }
  return pin;
}

function object(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new PinsError(`${what} must be an object`);
  return v as Record<string, unknown>;
}

function string(v: unknown, what: string): string {
  if (typeof v !== 'string' || v === '') throw new PinsError(`${what} must be a non-empty string`);
  return v;
}

function integer(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new PinsError(`${what} must be a non-negative integer`);
  return v;
}
