/**
 * cilium-events/live — events as they happen on a node, for Node.js on Linux: the Cilium
 * agent's monitor socket ({@link watchSocket}, what `cilium monitor` reads) and, without the
 * agent, the kernel's perf rings of a perf event array ({@link watchPerfArray}). Both yield the
 * records of `cilium-events/sources`; decode samples with `decodeEvent`.
 *
 * A separate entry because it needs Node's `net` module and, for perf rings, the optional
 * FFI package `koffi`: the core, `./sources` and `./ring` stay portable to any runtime.
 *
 * @module
 */
export { watchSocket, DEFAULT_MONITOR_SOCKET } from './socket.js';
export type { WatchSocketOptions, ConnectionEvent } from './socket.js';
export { watchPerfArray } from './perf/watch.js';
export type { WatchPerfArrayOptions, PerfArraySource } from './perf/watch.js';
export type { LiveRecord, LiveLostInput, SkippedInput, LiveSource } from './types.js';
export { LiveError, isLiveError } from './errors.js';
export type { LiveErrorCode } from './errors.js';
