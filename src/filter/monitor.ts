/**
 * Filters with `cilium monitor`'s semantics: `--type`, `--from`, `--to`, `--related-to`.
 * Like the CLI they copy, trace-sock events pass all of them (including the type filter),
 * and the endpoint a record is "to" depends on its type: the destination endpoint id of
 * drops and traces (for TRACE_TO_PROXY that is the proxy port), the remote identity of policy
 * verdicts (low 16 bits), nothing for debug messages and captures.
 */
import type { Event } from '../decode/types.js';
import type { EventFilter } from './combine.js';
import { FilterError } from './errors.js';

/** `cilium monitor --type` names and the message types they select. */
export const monitorTypes = {
  drop: 1,
  debug: 2,
  capture: 3,
  trace: 4,
  'policy-verdict': 5,
  recorder: 6,
  'trace-sock': 7,
  l7: 129,
  agent: 130,
} as const;

/** The `--type` names of `cilium monitor` (`drop`, `trace`, `policy-verdict`, `agent`, …), the keys of {@link monitorTypes}. */
export type MonitorTypeName = keyof typeof monitorTypes;

const TRACE_SOCK = 7;

function typeNumber(e: Event): number {
  return e.type === 'unknown' ? e.messageType : e.type;
}

/**
 * Keeps events of the named types (`drop`, `trace`, `policy-verdict`, …).
 *
 * @example
 * byMessageType(['drop', 'policy-verdict'])
 */
export function byMessageType(names: readonly string[]): EventFilter {
  const wanted = new Set<number>();
  for (const name of names) {
    const n = (monitorTypes as Record<string, number>)[name];
    if (n === undefined) {
      throw new FilterError('unknown-name', `unknown type ${JSON.stringify(name)}; use one of ${Object.keys(monitorTypes).join(', ')}`, name);
    }
    wanted.add(n);
  }
  return (e) => e.type === TRACE_SOCK || wanted.has(typeNumber(e));
}

/**
 * The (source, destination) endpoint pair `cilium monitor` matches `--from`/`--to` against.
 *
 * @example
 * const [from, to] = monitorEndpoints(ev);
 */
export function monitorEndpoints(e: Event): readonly [number, number] {
  switch (e.type) {
    case 1:
      return [e.source, e.dstId & 0xffff];
    case 4:
      return [e.source, e.dstId];
    case 5:
      return [e.source, e.remoteLabel & 0xffff];
    case 2:
    case 3:
      return [e.source, 0];
    default:
      return [0, 0];
  }
}

function idSet(ids: readonly number[]): Set<number> {
  for (const id of ids) {
    if (!Number.isInteger(id) || id < 0 || id > 0xffff) {
      throw new FilterError('invalid-number', `endpoint id ${id} is not between 0 and 65535`, String(id));
    }
  }
  return new Set(ids);
}

/**
 * Keeps events whose source endpoint is one of `ids` (`cilium monitor --from`).
 *
 * @example
 * fromEndpoint([1234])
 */
export function fromEndpoint(ids: readonly number[]): EventFilter {
  const set = idSet(ids);
  return (e) => e.type === TRACE_SOCK || set.has(monitorEndpoints(e)[0]);
}

/**
 * Keeps events whose destination endpoint is one of `ids` (`cilium monitor --to`).
 *
 * @example
 * toEndpoint([1234])
 */
export function toEndpoint(ids: readonly number[]): EventFilter {
  const set = idSet(ids);
  return (e) => e.type === TRACE_SOCK || set.has(monitorEndpoints(e)[1]);
}

/**
 * Keeps events whose source or destination endpoint is one of `ids` (`--related-to`).
 *
 * @example
 * relatedToEndpoint([1234, 5678])
 */
export function relatedToEndpoint(ids: readonly number[]): EventFilter {
  const set = idSet(ids);
  return (e) => {
    if (e.type === TRACE_SOCK) return true;
    const [src, dst] = monitorEndpoints(e);
    return set.has(src) || set.has(dst);
  };
}
