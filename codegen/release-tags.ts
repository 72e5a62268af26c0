/** Reading Cilium release tags from `git ls-remote --tags` output, for the release watch. */

export interface ReleaseTag {
  tag: string;
  /** `1.19` */
  line: string;
  patch: number;
  /**
   * The commit the tag points to: the peeled `refs/tags/vX.Y.Z^{}` line of an annotated tag
   * where the output has one (`git ls-remote --tags` without `--refs`), else the ref's object id.
   */
  commit: string;
}

/** Final release tags (`vX.Y.Z`; pre-releases and other refs skipped), in order of appearance. */
export function parseReleaseTags(lsRemote: string): ReleaseTag[] {
  const byTag = new Map<string, ReleaseTag>();
  for (const line of lsRemote.split('\n')) {
    const m = /^(\S+)\trefs\/tags\/(v(\d+)\.(\d+)\.(\d+))(\^\{\})?$/.exec(line.trimEnd());
    if (m === null) continue;
    const [, id, tag, major, minor, patch, peeled] = m;
    const seen = byTag.get(tag!);
    if (seen !== undefined) {
      if (peeled !== undefined) seen.commit = id!;
      continue;
    }
    byTag.set(tag!, { tag: tag!, line: `${Number(major)}.${Number(minor)}`, patch: Number(patch), commit: id! });
  }
  return [...byTag.values()];
}

/** The highest patch release of `line`, if any. */
export function newestOf(tags: readonly ReleaseTag[], line: string): ReleaseTag | undefined {
  return tags.filter((t) => t.line === line).sort((a, b) => b.patch - a.patch)[0];
}

/** Release lines newer than every pinned one (`1.20` once it is tagged while `1.19` is the newest pin). */
export function unpinnedNewerLines(tags: readonly ReleaseTag[], pinnedLines: readonly string[]): string[] {
  const key = (line: string): number => {
    const [major, minor] = line.split('.').map(Number);
    return major! * 1000 + minor!;
  };
  const newest = Math.max(...pinnedLines.map(key));
  return [...new Set(tags.map((t) => t.line))].filter((l) => key(l) > newest).sort((a, b) => key(a) - key(b));
}
