/**
 * `cilium-events/tables`: struct layouts, enums, drop reasons, file ids and Go display texts
 * generated from Cilium's pinned headers, one set per supported release.
 *
 * @example
 * ```ts
 * import { getTables, releases } from 'cilium-events/tables';
 * const t = getTables('1.19');
 * t.structs.drop_notify.size;   // 48
 * t.dropReasons[133];           // 'DROP_POLICY'
 * t.texts.dropReasons['133'];   // 'Policy denied'
 * getTables('1.17.2').version;  // '1.17.0' (v1.17.0–v1.17.3 share the 36-byte drop layout)
 * ```
 *
 * @module
 */
import { CiliumEventsError, isLibraryError } from './errors.js';
import { pinnedReleases, tablesByRelease, type PinnedReleaseInfo } from './generated/index.gen.js';
import type { Release } from './decode/types.js';
import type { ReleaseTables } from './table-types.js';

export type { ReleaseTables, StructLayout, FieldLayout } from './table-types.js';
export type { PinnedReleaseInfo } from './generated/index.gen.js';
export type { Release, ReleaseSpec } from './decode/types.js';
/**
 * Each release's tables as its own export, for bundles that need only one release
 * (`import { v1_19 } from 'cilium-events/tables'` lets a bundler drop the others).
 */
export * from './generated/releases.gen.js';
/**
 * The pins behind `releases`: version, commit and the patch releases each one covers;
 * `provisional: true` marks a pin that is not yet at its release commit (`'1.20'`, pinned at
 * the v1.20 branch point). `defaultRelease` is what decoding assumes without a `release`: the
 * newest pin that is not provisional.
 */
export { defaultRelease, pinnedReleases } from './generated/index.gen.js';

/**
 * Every release key `getTables` knows, oldest first: the release lines (pinned at their
 * newest patch release) and separately pinned patch releases such as `'1.17.0'`.
 */
export const releases: readonly Release[] = /*#__PURE__*/ pinnedReleases.map((p) => p.release);

/** Thrown by `getTables` / `resolveRelease` for a release no pin covers. */
export class UnknownReleaseError extends CiliumEventsError<'invalid-option'> {
  /** What the caller asked for. */
  readonly requested: string;
  /** The release keys that are supported. */
  readonly supported: readonly string[];
  constructor(requested: string, reason: string) {
    super('invalid-option', `unknown Cilium release "${requested}" (${reason}); supported: ${releases.join(', ')}`);
    this.name = 'UnknownReleaseError';
    this.requested = requested;
    this.supported = releases;
  }
}

/**
 * Type guard for {@link UnknownReleaseError}, by brand: true for one thrown by any copy of the
 * library (ESM or CJS, any entry point).
 *
 * @example
 * try { getTables(userInput) } catch (e) { if (isUnknownReleaseError(e)) console.error(e.supported) }
 */
export function isUnknownReleaseError(e: unknown): e is UnknownReleaseError {
  return isLibraryError(e, 'UnknownReleaseError');
}

const VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/;

/**
 * The release key whose tables describe `release`: a key itself (`'1.19'`, `'1.17.0'`), a
 * patch release (`'1.17.2'` → `'1.17.0'`, `'1.17.9'` → `'1.17'`), optionally with a leading
 * `v`. A line alone means its newest pinned patch (`'1.17'` → the v1.17.17 pin).
 *
 * @example
 * ```ts
 * resolveRelease('v1.19.4'); // '1.19'
 * resolveRelease('1.17.3');  // '1.17.0'
 * ```
 */
export function resolveRelease(release: string): Release {
  // Called per event by the decoder and the formatter: each spelling is parsed once.
  const known = resolved.get(release);
  if (known !== undefined) return known;
  const r = parseRelease(release);
  resolved.set(release, r);
  return r;
}

const resolved = new Map<string, Release>();

function parseRelease(release: string): Release {
  const m = VERSION.exec(String(release).trim());
  if (m === null) throw new UnknownReleaseError(String(release), 'expected a version such as 1.19 or v1.17.4');
  const line = `${Number(m[1])}.${Number(m[2])}`;
  if (m[3] === undefined) {
    const exact = pinnedReleases.find((p) => p.release === line);
    if (exact === undefined) throw new UnknownReleaseError(release, `no pin for the ${line} line`);
    return exact.release;
  }
  const patch = Number(m[3]);
  const covering = pinnedReleases.find(
    (p: PinnedReleaseInfo) => p.line === line && patch >= p.fromPatch && (p.toPatch === undefined || patch <= p.toPatch),
  );
  if (covering === undefined) throw new UnknownReleaseError(release, `no pin covers ${line}.${patch}`);
  return covering.release;
}

/**
 * The generated tables of a release (see `resolveRelease` for the accepted spellings).
 * The returned object is shared: treat it as read-only.
 *
 * @throws UnknownReleaseError (code `invalid-option`) when no pin covers `release`.
 *
 * @example
 * getTables('1.19').structs.drop_notify.size; // 48
 * getTables('v1.17.2').version;               // '1.17.0': the pin covering v1.17.0–v1.17.3
 */
export function getTables(release: string): ReleaseTables {
  return tablesByRelease[resolveRelease(release)];
}
