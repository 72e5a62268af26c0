/** Renders a counters snapshot as aligned text tables, one section per counter. */
import type { CountersSnapshot } from './counters.js';

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[], numeric: ReadonlySet<number>): string[] {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  return cells.map((r) =>
    r
      .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * Text tables of a snapshot: totals, drops, traces, policy verdicts, lost samples. Empty
 * sections are left out.
 *
 * @example
 * process.stdout.write(formatCountersTable(counters.snapshot()));
 */
export function formatCountersTable(s: CountersSnapshot): string {
  const out: string[] = [];
  const events = Object.entries(s.events);
  out.push(...table(['TYPE', 'EVENTS'], [...events, ['total', events.reduce((n, [, v]) => n + v, 0)]], new Set([1])));
  out.push('', `packets ${s.packets}, bytes ${s.bytes}, lost samples ${s.lostTotal}, other records ${s.otherRecords}, decode errors ${s.errors}`);
  if (s.drops.length > 0) {
    out.push('', 'Drops');
    out.push(
      ...table(
        ['REASON', 'DIRECTION', 'FILE', 'LINE', 'PACKETS', 'BYTES'],
        s.drops.map((d) => [d.reasonText ?? d.reasonName ?? String(d.reason), d.direction, d.file, d.line, d.packets, d.bytes]),
        new Set([3, 4, 5]),
      ),
    );
  }
  if (s.traces.length > 0) {
    out.push('', 'Traces');
    out.push(...table(['OBSERVATION POINT', 'PACKETS', 'BYTES'], s.traces.map((r) => [r.key, r.packets, r.bytes]), new Set([1, 2])));
  }
  if (s.policyVerdicts.length > 0) {
    out.push('', 'Policy verdicts');
    out.push(
      ...table(
        ['MATCH TYPE', 'VERDICT', 'PACKETS', 'BYTES'],
        s.policyVerdicts.map((r) => [...r.key.split(' '), r.packets, r.bytes]),
        new Set([2, 3]),
      ),
    );
  }
  if (s.lost.length > 0) {
    out.push('', 'Lost samples');
    out.push(...table(['CPU', 'SAMPLES'], s.lost.map((l) => [l.cpu, l.samples]), new Set([0, 1])));
  }
  return `${out.join('\n')}\n`;
}
