/**
 * The contract both walkers (WebAssembly and TypeScript) implement. The driver in
 * read-records.ts hands the data area to `begin`, then calls `step` until the window is
 * walked; each call leaves up to DESCRIPTOR_CAPACITY descriptors in `descriptors()`.
 * scanRing, which needs no records, calls `scan` instead.
 */
export interface WalkEngine {
  readonly impl: 'wasm' | 'ts';
  /**
   * Makes `data` (one ring's data area, a power-of-two length) the ring that `step` walks,
   * over the window of `length` bytes from ring offset `start` (wrapping at the end): walks
   * never read outside it, so only these bytes need to be made available.
   */
  begin(data: Uint8Array, start: number, length: number): void;
  /**
   * Walks from ring offset `start` over at most `length` bytes. Returns the number of
   * descriptors written; `consumed`, `status` and `skipped` describe the call.
   */
  step(start: number, length: number, backward: boolean): number;
  /** The descriptor words of the last `step` (valid until the next `begin` or `step`). */
  descriptors(): Uint32Array;
  /**
   * Walks and validates the whole window from ring offset `start` like repeated `step`s, but
   * only counts: returns the samples; `lostRecords`, `lostSamples` (the lost counts summed as
   * doubles in ring order), `consumed`, `status` and `skipped` describe the walk.
   */
  scan(start: number, length: number, backward: boolean): number;
  readonly consumed: number;
  readonly status: number;
  readonly skipped: number;
  readonly lostRecords: number;
  readonly lostSamples: number;
}
