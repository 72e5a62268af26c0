/** Reading Cilium release tags from `git ls-remote --tags` output, for the release watch. */

export interface ReleaseTag {
  tag: string;
  /** `1.19` */
  line: string;
  patch: number;
}

/** Final release tags (`vX.Y.Z`; pre-releases and other refs skipped). */
export function parseReleaseTags(lsRemote: string): ReleaseTag[] {
  const out: ReleaseTag[] = [];
  for (const line of lsRemote.split('\n')) {
    const m = /\trefs\/tags\/(v(\d+)\.(\d+)\.(\d+))$/.exec(line.trimEnd());
    if (m !== null) out.push({ tag: m[1]!, line: `${Number(m[2])}.${Number(m[3])}`, patch: Number(m[4]) });
  }
  return out;
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
