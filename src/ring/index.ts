/**
 * cilium-events/ring — read the per-CPU perf rings of a `BPF_MAP_TYPE_PERF_EVENT_ARRAY`
 * (Cilium's `cilium_events`) with a WebAssembly walker or its TypeScript twin.
 *
 * @module
 */
export { readRecords, scanRing, scanRecords } from './read-records.js';
export type { ScanRecordsOptions } from './read-records.js';
export { RecordBatch } from './record-batch.js';
export type {
  ReadOptions,
  RingImpl,
  RingRead,
  RingScan,
  RingRecord,
  RingStop,
  SampleRecord,
  LostRecord,
} from './types.js';
export type { RingRegion, RingPages } from './region.js';
export { RingError, isRingError } from './errors.js';
export type { RingErrorCode } from './errors.js';
export { initRingReader, allocateRingRegion } from './init.js';
export { readEvents } from './read-events.js';
export type { ReadEventsOptions, RingEventEntry, RingEvents } from './read-events.js';
