/**
 * cilium-events/stats — streaming counters over decoded events, what `cilium-events stats`
 * prints: drops by reason × direction × source file:line, traces by observation point, policy
 * verdicts by match type, lost samples.
 *
 * @example
 * import { Counters, formatCountersTable } from 'cilium-events/stats';
 * const counters = new Counters();
 * for (const ev of events) counters.add(ev);
 * process.stdout.write(formatCountersTable(counters.snapshot()));
 *
 * @module
 */
export { Counters } from './counters.js';
export type { CountersSnapshot, DropCount, CountRow } from './counters.js';
export { formatCountersTable } from './table.js';
