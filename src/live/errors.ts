/**
 * Errors of the live sources. Setup problems (no socket, no privilege, no FFI package, a
 * refused map) are `LiveError`s with a stable `code` and a message that says what to check;
 * once a source runs, trouble in the stream is reported in the stream (skipped and lost
 * records) rather than thrown.
 */
import { CiliumEventsError, isLibraryError } from '../errors.js';

/** Stable codes of {@link LiveError}. */
export type LiveErrorCode =
  /** No socket at the path (the agent is not running, or its run directory is not mounted here). */
  | 'socket-missing'
  /** The path exists but nothing accepts connections on it. */
  | 'socket-refused'
  /** The socket exists but this process may not connect to it. */
  | 'socket-denied'
  /** Connecting failed for another reason (the system error is the `cause`). */
  | 'socket-failed'
  /** The source cannot run here: not Linux, or the optional FFI package `koffi` is missing. */
  | 'unavailable'
  /** The map is Cilium's own `cilium_events`, whose events would be taken from the agent. */
  | 'map-in-use'
  /** The map is not a perf event array, or cannot be opened. */
  | 'bad-map'
  /** A system call failed (`errno` says which error). */
  | 'syscall-failed'
  /** An option is out of range. */
  | 'invalid-option';

/**
 * Thrown by `watchSocket` and `watchPerfArray` when they cannot start.
 *
 * @example
 * try { await watchSocket() } catch (e) { if (isLiveError(e) && e.code === 'socket-missing') console.error(e.message) }
 */
export class LiveError extends CiliumEventsError<LiveErrorCode> {
  /** The system error number, for `syscall-failed` and the socket codes. */
  readonly errno: number | undefined;
  constructor(code: LiveErrorCode, message: string, options?: { cause?: unknown; errno?: number }) {
    super(code, message, options);
    this.name = 'LiveError';
    this.errno = options?.errno;
  }
}

/**
 * Type guard for {@link LiveError}.
 *
 * @example
 * catch (e) { if (isLiveError(e) && e.code === 'unavailable') useSocketInstead() }
 */
export function isLiveError(e: unknown): e is LiveError {
  return isLibraryError(e, 'LiveError');
}
