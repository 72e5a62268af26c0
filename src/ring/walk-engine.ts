import type { RingFilter } from './filter.js';

/**
 * The contract both walkers (WebAssembly and TypeScript) implement. The driver in
 * read-records.ts hands the data area to `begin`, then calls `batch` (descriptors of the
 * records, see layout.ts) or `scan` (counts only) once over the window.
 */
export interface WalkEngine {
  readonly impl: 'wasm' | 'ts';
  /**
   * Makes `data` (one ring's data area, a power-of-two length) the ring that the next walk
   * reads, over the window of `length` bytes from ring offset `start` (wrapping at the end):
   * walks never read outside it, so only these bytes need to be made available.
   */
  begin(data: Uint8Array, start: number, length: number): void;
  /**
   * Walks from ring offset `start` over the window of `length` bytes, writing a descriptor
   * per lost record and per sample `filter` keeps (every sample without one). Returns the
   * number of descriptors; `descriptors()` holds them, `consumed`, `status`, `skipped`,
   * `samples`, `filtered`, `lostRecords` and `lostSamples` describe the walk.
   */
  batch(start: number, length: number, backward: boolean, filter: RingFilter | undefined): number;
  /** The descriptor words of the last `batch` (valid until the next walk of any ring). */
  descriptors(): Uint32Array;
  /**
   * Walks and validates the window like `batch`, but only counts: returns the samples;
   * `lostRecords`, `lostSamples` (the lost counts summed as doubles in ring order),
   * `consumed`, `status` and `skipped` describe the walk.
   */
  scan(start: number, length: number, backward: boolean): number;
  readonly consumed: number;
  readonly status: number;
  readonly skipped: number;
  readonly samples: number;
  readonly filtered: number;
  readonly lostRecords: number;
  readonly lostSamples: number;
}
