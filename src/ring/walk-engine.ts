/**
 * The contract both walkers (WebAssembly and TypeScript) implement. The driver in
 * read-records.ts hands the data area to `begin`, then calls `step` until the window is
 * walked; each call leaves up to DESCRIPTOR_CAPACITY descriptors in `descriptors()`.
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
  readonly consumed: number;
  readonly status: number;
  readonly skipped: number;
}
