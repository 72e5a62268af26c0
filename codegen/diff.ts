/** A readable unified-style line diff for the codegen check (`---`/`+++`, `@@` hunks, 3 lines of context). */

const CONTEXT = 3;
/** Above this many LCS cells the diff falls back to one hunk around the first and last change. */
const MAX_CELLS = 16_000_000;

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string): string {
  const a = oldText.split('\n');
  const b = newText.split('\n');
  const ops = a.length * b.length <= MAX_CELLS ? lcsOps(a, b) : coarseOps(a, b);
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - CONTEXT);
    let end = i;
    // Extend over changes separated by at most 2×CONTEXT unchanged lines.
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next]!.kind === ' ' && next - end < 2 * CONTEXT) next++;
      if (next < ops.length && ops[next]!.kind !== ' ') end = next;
      else break;
    }
    const stop = Math.min(ops.length, end + CONTEXT);
    const slice = ops.slice(start, stop);
    const aLen = slice.filter((o) => o.kind !== '+').length;
    const bLen = slice.filter((o) => o.kind !== '-').length;
    const first = slice[0]!;
    hunks.push(`@@ -${first.a + 1},${aLen} +${first.b + 1},${bLen} @@`);
    for (const o of slice) hunks.push(`${o.kind}${o.line}`);
    i = stop;
  }
  if (hunks.length === 0) return '';
  return [`--- ${oldName}`, `+++ ${newName}`, ...hunks].join('\n');
}

function lcsOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const len = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      len[i * w + j] = a[i] === b[j] ? len[(i + 1) * w + j + 1]! + 1 : Math.max(len[(i + 1) * w + j]!, len[i * w + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i]!, a: i++, b: j++ });
    } else if (i < n && (j === m || len[(i + 1) * w + j]! >= len[i * w + j + 1]!)) {
      ops.push({ kind: '-', line: a[i]!, a: i++, b: j });
    } else {
      ops.push({ kind: '+', line: b[j]!, a: i, b: j++ });
    }
  }
  return ops;
}

/** Common prefix and suffix kept, everything between shown as removed then added. */
function coarseOps(a: string[], b: string[]): Op[] {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const ops: Op[] = [];
  for (let i = 0; i < p; i++) ops.push({ kind: ' ', line: a[i]!, a: i, b: i });
  for (let i = p; i < a.length - s; i++) ops.push({ kind: '-', line: a[i]!, a: i, b: p });
  for (let j = p; j < b.length - s; j++) ops.push({ kind: '+', line: b[j]!, a: a.length - s, b: j });
  for (let k = 0; k < s; k++) ops.push({ kind: ' ', line: a[a.length - s + k]!, a: a.length - s + k, b: b.length - s + k });
  return ops;
}
