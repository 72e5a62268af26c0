/**
 * cilium-events/sources — parsers of the formats monitor events arrive in: hex lines, the
 * length-prefixed `bin` framing, perf ring snapshots, the monitor socket's gob stream and
 * `bpftool -j map event_pipe` JSON. Each yields the raw message bytes (for `decodeEvent`) and
 * lost-sample counts.
 *
 * @module
 */
export type { InputRecord, SampleInput, LostInput, OtherInput, InputFormat } from './types.js';
export { inputFormats } from './types.js';
export { SourceError, isSourceError } from './errors.js';
export type { SourceErrorCode } from './errors.js';
export { readHex, HexReader } from './hex.js';
export { readBin, writeBin, BinReader, BIN_MAGIC } from './bin.js';
export { readRingSnapshot, looksLikeRingSnapshot } from './ring.js';
export type { RingSnapshotOptions } from './ring.js';
export { readBpftool, BpftoolReader } from './bpftool.js';
export { readGob, MonitorStreamReader } from './gob/monitor-payloads.js';
export type { MonitorStreamOptions } from './gob/monitor-payloads.js';
// The gob decoder under readGob (GobStream, its values and wire types) is internal.
export { detectFormat } from './detect.js';
export { readInput } from './read-input.js';
export { createStreamReader } from './stream-reader.js';
export { decodeStream } from './decode-stream.js';
export type { DecodeStreamOptions, DecodedInput, EventInput } from './decode-stream.js';
export type { StreamReader } from './stream-reader.js';
