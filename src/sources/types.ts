/** What every input parser yields: the raw bytes of one monitor message, or a lost-sample count. */

/** One monitor message as it came out of the perf ring (trailing perf padding may be included). */
export interface SampleInput {
  readonly kind: 'sample';
  readonly data: Uint8Array;
  /** The CPU whose ring carried it, when the format records it. */
  readonly cpu: number | undefined;
  /** Byte offset of the record in the input. */
  readonly offset: number;
  /** 1-based line of the record, for line-oriented formats. */
  readonly line: number | undefined;
}

/** The kernel refused `count` samples on `cpu` because the ring was full. */
export interface LostInput {
  readonly kind: 'lost';
  /**
   * Samples lost. A bigint only beyond 2^53, where a number would round: the monitor socket
   * carries Go's `uint64` as sent.
   */
  readonly count: number | bigint;
  readonly cpu: number | undefined;
  readonly offset: number;
  readonly line: number | undefined;
}

/** A record of a kind no monitor message comes in (a gob payload or perf record type other than sample/lost). */
export interface OtherInput {
  readonly kind: 'other';
  /** The payload `Type` (gob) or perf record type (bpftool). */
  readonly recordType: number;
  /** The payload's `Data` (gob), kept for whoever knows the type; `undefined` where the format carries none. */
  readonly data: Uint8Array | undefined;
  readonly cpu: number | undefined;
  readonly offset: number;
  readonly line: number | undefined;
}

/** What every input parser yields: a sample, a lost-samples count, or a record of another kind. */
export type InputRecord = SampleInput | LostInput | OtherInput;

/** Input formats the parsers understand. */
export type InputFormat = 'hex' | 'bin' | 'ring' | 'gob' | 'bpftool';

/** Every {@link InputFormat}, in the order the CLI lists them. */
export const inputFormats: readonly InputFormat[] = ['hex', 'bin', 'ring', 'gob', 'bpftool'];
