// Public types of the ring reader.

/** Which walker reads the ring. */
export type RingImpl = 'wasm' | 'ts';

/** Options of {@link readRecords}. */
export interface ReadOptions {
  /** `'auto'` (default): WebAssembly when the runtime has it, else the TypeScript walker. */
  impl?: RingImpl | 'auto';
  /** Where the data pages start when the metadata page has no `data_offset`/`data_size`. Default 4096. */
  pageSize?: number;
  /** `'backward'` for overwritable rings opened with `write_backward`. Default `'forward'`. */
  direction?: 'forward' | 'backward';
  /** Read without advancing `data_tail`. Default false. */
  peek?: boolean;
}

/** A `PERF_RECORD_SAMPLE` carrying `PERF_SAMPLE_RAW`. */
export interface SampleRecord {
  readonly kind: 'sample';
  /** Bytes from {@link RingRead.start} to the record's header. */
  readonly offset: number;
  /** Record size from the header (header and raw size field included). */
  readonly size: number;
  /**
   * The raw bytes, padding included (0–7 bytes the kernel did not write). A view of the
   * caller's buffer, or a fresh copy when the record wraps around the end of the data area.
   */
  readonly data: Uint8Array;
}

/** A `PERF_RECORD_LOST`: the kernel refused `count` samples because the ring was full. */
export interface LostRecord {
  readonly kind: 'lost';
  readonly offset: number;
  readonly size: number;
  /** Id of the perf event (`PERF_EVENT_IOC_ID`). */
  readonly id: bigint;
  /** Samples refused since the previous lost record (exact below 2^53). */
  readonly count: number;
}

/** One record of {@link RingRead.records}: a sample or a lost-samples count. */
export type RingRecord = SampleRecord | LostRecord;

/** Why a walk ended. */
export type RingStop =
  /** Forward ring: reached `data_head`. */
  | 'head'
  /** Backward ring: walked the whole data area. */
  | 'window'
  /** Backward ring: a zero header (never-written memory). */
  | 'zero-header'
  /** Backward ring: the next record reaches past the window (its tail end was overwritten). */
  | 'overwritten'
  /** Backward ring: a header that cannot be a record. */
  | 'invalid';

/** Result of {@link scanRing}: what a walk found, without the records. */
export interface RingScan {
  readonly impl: RingImpl;
  readonly direction: 'forward' | 'backward';
  /** Logical position (u64) where the walk started: `data_tail`, or `data_head` for backward rings. */
  readonly start: bigint;
  /** Logical position (u64) just after the last record walked. */
  readonly end: bigint;
  readonly samples: number;
  readonly lostRecords: number;
  /** Sum of the `lost` counts. */
  readonly lostSamples: number;
  /** Records of other types, passed over. */
  readonly skipped: number;
  readonly stop: RingStop;
  /** Whether `data_tail` was advanced to `end`. */
  readonly tailCommitted: boolean;
}

/** Result of {@link readRecords}. */
export interface RingRead extends RingScan {
  /** In ring order: oldest first (forward), newest first (backward). */
  readonly records: RingRecord[];
}
