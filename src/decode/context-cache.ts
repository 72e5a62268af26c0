/**
 * Resolves `DecodeOptions` to compiled release contexts and extension-length tables, caching
 * both so that repeated calls with the same options object cost one comparison.
 */
import type { EventPool } from './event-pool.js';
import type { ReleaseTables } from '../table-types.js';
import { DecodeError } from '../errors.js';
import type { DecodeOptions, ExtensibleMessage, ExtensionLengths, Release, ReleaseSpec } from './types.js';
import type { ReleaseContext } from './release-context.js';
import { compileRelease } from './release-context.js';
import { defaultRelease, pinnedReleases } from '../generated/index.gen.js';

/** Every release the decoder has layouts for, oldest first. */
export const RELEASES: readonly Release[] = /*#__PURE__*/ pinnedReleases.map((p) => p.release);
/**
 * The release assumed when none is given: the newest final one (`'1.19'`; the provisional
 * `'1.20'` pin becomes the default once it is pinned to its tag).
 */
export const NEWEST_RELEASE: Release = defaultRelease;

/**
 * Extension length by ext_version (-1: not registered) of one extensible message, and what an
 * unregistered ext_version or a capture past the end means: an error (`strict`), or what
 * Cilium's Go decoders do (length 0; the bytes present).
 */
export interface ExtensionTable {
  readonly lengths: Int32Array;
  readonly strict: boolean;
}
export type ExtensionTables = Readonly<Record<ExtensibleMessage, ExtensionTable>>;

export interface DecodeContext {
  rc: ReleaseContext;
  ext: ExtensionTables;
  /** The events to overwrite, for a decoder that reuses them; cached contexts have none. */
  pool: EventPool | undefined;
}

const EXTENSIBLE: readonly ExtensibleMessage[] = ['drop', 'trace', 'policyVerdict', 'debugCapture'];

/** Only ext_version 0 (no extension), which upstream Cilium registers for every message. */
function upstreamExtensions(strict: boolean): ExtensionTables {
  const one = (): ExtensionTable => {
    const lengths = new Int32Array(256).fill(-1);
    lengths[0] = 0;
    return { lengths, strict };
  };
  return { drop: one(), trace: one(), policyVerdict: one(), debugCapture: one() };
}

const UPSTREAM = /*#__PURE__*/ upstreamExtensions(false);
const UPSTREAM_STRICT = /*#__PURE__*/ upstreamExtensions(true);

function compileExtensions(lengths: ExtensionLengths | undefined, rc: ReleaseContext, strict: boolean): ExtensionTables {
  // Releases before v1.19 have no ext_version byte: extensions cannot occur there.
  if (lengths === undefined || !rc.hasExtVersion) return strict ? UPSTREAM_STRICT : UPSTREAM;
  const out = upstreamExtensions(strict);
  for (const message of EXTENSIBLE) {
    const table = lengths[message];
    if (table === undefined) continue;
    for (const [key, len] of Object.entries(table)) {
      const v = Number(key);
      if (!Number.isInteger(v) || v < 0 || v > 255 || !Number.isInteger(len) || len < 0 || len > 0xffff) {
        throw new DecodeError('invalid-option', `extensionLengths.${message}[${key}] = ${len} is out of range`, 0, -1);
      }
      out[message].lengths[v] = len;
    }
  }
  return out;
}

/** Builds and caches contexts from a tables lookup. */
export class ContextCache {
  readonly #tables: (release: Release) => ReleaseTables;
  readonly #resolve: (release: string) => Release;
  readonly #releases = new Map<string, ReleaseContext>();
  readonly #plain = new Map<string, DecodeContext>();
  #lastOptions: DecodeOptions | undefined;
  #last: DecodeContext | undefined;

  /**
   * @param tables the tables of a release key
   * @param resolve maps what callers pass (`'v1.17.2'`) to a release key, throwing if none fits
   */
  constructor(tables: (release: Release) => ReleaseTables, resolve: (release: string) => Release) {
    this.#tables = tables;
    this.#resolve = resolve;
  }

  /** The context for `options` (the newest release, little-endian, upstream extensions by default). */
  get(options: DecodeOptions | undefined): DecodeContext {
    if (options === this.#lastOptions && this.#last !== undefined) return this.#last;
    const release = options?.release ?? NEWEST_RELEASE;
    const le = options?.littleEndian ?? true;
    const extensions = options?.extensionLengths;
    const strict = options?.strict === true;
    // Options objects written inline in a loop differ on every call; without extensions the
    // context depends on release, byte order and strictness only, so those are cached by value.
    const key = `${release}/${le ? 'le' : 'be'}${strict ? '/strict' : ''}`;
    let ctx = extensions === undefined ? this.#plain.get(key) : undefined;
    if (ctx === undefined) {
      const rc = this.release(release, le);
      ctx = { rc, ext: compileExtensions(extensions, rc, strict), pool: undefined };
      if (extensions === undefined) this.#plain.set(key, ctx);
    }
    this.#lastOptions = options;
    this.#last = ctx;
    return ctx;
  }

  /** The compiled release, for callers that need layouts without extension tables. */
  release(spec: ReleaseSpec, littleEndian: boolean): ReleaseContext {
    const release = this.#resolveOrThrow(spec);
    const key = `${release}/${littleEndian ? 'le' : 'be'}`;
    let rc = this.#releases.get(key);
    if (rc === undefined) {
      rc = compileRelease(this.#tables(release), release, littleEndian);
      this.#releases.set(key, rc);
    }
    return rc;
  }

  #resolveOrThrow(spec: ReleaseSpec): Release {
    let release: Release | undefined;
    try {
      release = this.#resolve(String(spec));
    } catch {
      release = undefined;
    }
    if (release === undefined || !RELEASES.includes(release)) {
      throw new DecodeError('invalid-option', `unknown release ${String(spec)}; known: ${RELEASES.join(', ')}`, 0, -1);
    }
    return release;
  }
}
