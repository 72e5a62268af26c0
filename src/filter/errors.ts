/** Errors for filter specifications that cannot mean anything (unknown names, bad CIDRs). */

import { CiliumEventsError, isLibraryError } from '../errors.js';

/** Stable codes of {@link FilterError}. */
export type FilterErrorCode =
  /** A message type, verdict, protocol, flag or observation point name nobody defines. */
  | 'unknown-name'
  /** A number out of range (port above 65535, negative endpoint id, …). */
  | 'invalid-number'
  /** An IP address or CIDR ipaddr.js cannot parse. */
  | 'invalid-address';

/**
 * Thrown while building a filter, never while running one.
 *
 * @example
 * try { byVerdict(['DENIED']) } catch (e) { if (isFilterError(e)) console.error(e.code, e.value) }
 */
export class FilterError extends CiliumEventsError<FilterErrorCode> {
  /** The offending value as given. */
  readonly value: string;
  constructor(code: FilterErrorCode, message: string, value: string) {
    super(code, message);
    this.name = 'FilterError';
    this.value = value;
  }
}

/**
 * Type guard for {@link FilterError}.
 *
 * @example
 * try { byIp([userInput]) } catch (e) { if (isFilterError(e)) usage(`${e.code}: ${e.value}`); else throw e; }
 */
export function isFilterError(e: unknown): e is FilterError {
  return isLibraryError(e, 'FilterError');
}
