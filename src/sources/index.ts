/**
 * cilium-events/sources — parsers of the formats monitor events arrive in: hex lines, the
 * length-prefixed `bin` framing, perf ring snapshots, the monitor socket's gob stream and
 * `bpftool -j map event_pipe` JSON. Each yields the raw message bytes (for `decodeEvent`) and
 * lost-sample counts.
 */
export type { InputRecord, SampleInput, LostInput, OtherInput, InputFormat } from './types.js';
export { inputFormats } from './types.js';
export { SourceError, isSourceError } from './errors.js';
export type { SourceErrorCode } from './errors.js';
export { readHex, HexReader, MAX_HEX_LINE } from './hex.js';
export { readBin, writeBin, BinReader, BIN_MAGIC, MAX_BIN_FRAME } from './bin.js';
export { readRingSnapshot, looksLikeRingSnapshot } from './ring.js';
export type { RingSnapshotOptions } from './ring.js';
export { readBpftool, BpftoolReader, MAX_BPFTOOL_RECORD } from './bpftool.js';
export { readGob, MonitorStreamReader } from './gob/monitor-payloads.js';
export type { MonitorStreamOptions } from './gob/monitor-payloads.js';
export { GobStream } from './gob/stream.js';
export type { GobMessage, GobStreamOptions } from './gob/stream.js';
export type { GobValue } from './gob/values.js';
export type { GobType, GobField } from './gob/wire-types.js';
export { detectFormat } from './detect.js';
export { readInput } from './read-input.js';
export { createStreamReader } from './stream-reader.js';
export type { StreamReader } from './stream-reader.js';
