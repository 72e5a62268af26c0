/**
 * Moving a pin to a release tag: the `pins.json` entry for the tag's commit, computed from the
 * files read at that tag (sha256 and git blob id of each). The release watch uses it to turn the
 * provisional `1.20` pin (the v1.20 branch point) into a pin of the release commit once the tag
 * is reachable; the same works for moving any pin to a newer patch release.
 */
import { createHash } from 'node:crypto';
import { sha256, type InputSet } from './inputs.js';
import type { ReleaseTag } from './release-tags.js';

/** Git's blob id of `bytes` (`git hash-object`). */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** A release entry of `pins.json` as written (unknown keys kept). */
export type RawPin = Record<string, unknown> & { files: Record<string, { blob: string; sha256: string }>; notes?: string[] };

/**
 * The entry of `old` re-pinned to `tag`: commit, version, provenance and every file's hashes
 * from `files` (which must hold every pinned path), `provisional` dropped, a note with the
 * evidence prepended. `date` is the day the move was made (YYYY-MM-DD).
 */
export function repinEntry(old: RawPin, upstream: string, tag: ReleaseTag, files: InputSet, date: string): RawPin {
  const paths = Object.keys(old.files).sort();
  const missing = paths.filter((p) => !files.has(p));
  if (missing.length > 0) throw new Error(`${tag.tag} lacks ${missing.join(', ')}: the pin's file list needs updating by hand`);
  if (!/^[0-9a-f]{40}$/.test(tag.commit)) throw new Error(`${tag.tag}: "${tag.commit}" is not a commit id`);
  const changed = paths.filter((p) => old.files[p]!.blob !== gitBlobId(files.get(p)!));
  const { provisional: _provisional, ...rest } = old;
  const was = `${String(old['version'])} (${String(old['commit']).slice(0, 10)}${old['provisional'] === true ? ', provisional' : ''})`;
  return {
    ...rest,
    version: tag.tag.replace(/^v/, ''),
    commit: tag.commit,
    provenance: { upstream, tag: tag.tag, fork: upstream, forkRef: tag.tag },
    files: Object.fromEntries(paths.map((p) => [p, { blob: gitBlobId(files.get(p)!), sha256: sha256(files.get(p)!) }])),
    notes: [
      `Re-pinned ${date} by the release watch from ${was} to ${tag.tag}: tag ${tag.tag} of ${upstream} points at ${tag.commit}. ` +
        (changed.length === 0 ? 'Every pinned file has the same git blob as before.' : `Files that changed: ${changed.join(', ')}.`),
      ...(old.notes ?? []),
    ],
  };
}

/** `pins.json` text with one release entry replaced (key order and formatting kept). */
export function replacePin(pinsText: string, release: string, entry: RawPin): string {
  const pins = JSON.parse(pinsText) as { releases: Record<string, RawPin> };
  if (pins.releases[release] === undefined) throw new Error(`pins.json has no release ${release}`);
  pins.releases[release] = entry;
  return `${JSON.stringify(pins, null, 2)}\n`;
}
