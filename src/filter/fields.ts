/**
 * Filters on datapath fields: drop reason, trace observation point, security identity and
 * interface index.
 */
import type { Event } from '../decode/types.js';
import type { EventFilter } from './combine.js';
import { FilterError } from './errors.js';

function nonNegative(value: number | string, what: string, max: number): number {
  const n = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > max) throw new FilterError('invalid-number', `invalid ${what} ${JSON.stringify(value)}`, String(value));
  return n;
}

const normalize = (name: string): string => name.trim().toUpperCase().replace(/-/g, '_');

/**
 * Keeps drops (and policy-verdict denials) whose reason is one of `reasons`: a code (`133`)
 * or a C name with or without its `DROP_` prefix (`DROP_POLICY`, `policy`).
 *
 * @example
 * byDropReason(['DROP_POLICY', 181])
 */
export function byDropReason(reasons: readonly (number | string)[]): EventFilter {
  const codes = new Set<number>();
  const names = new Set<string>();
  for (const r of reasons) {
    if (typeof r === 'number' || /^\d+$/.test(r)) codes.add(nonNegative(r, 'drop reason', 255));
    else {
      const n = normalize(r);
      names.add(n.startsWith('DROP_') ? n : `DROP_${n}`);
    }
  }
  return (e) => {
    if (e.type === 1) return codes.has(e.subtype) || (e.subtypeName !== undefined && names.has(e.subtypeName));
    // A denied policy verdict carries the negated drop code; its name is not in the event.
    if (e.type === 5 && e.verdict < 0) return codes.has(-e.verdict);
    return false;
  };
}

/**
 * The observation point in a spelling-independent form: `TRACE_TO_LXC`, `to-lxc`,
 * `TO_ENDPOINT` (Hubble's name for it) and `to-endpoint` all become `TO_ENDPOINT`.
 */
function pointKey(name: string): string {
  const n = normalize(name).replace(/^TRACE_/, '');
  return n === 'TO_LXC' ? 'TO_ENDPOINT' : n;
}

/**
 * Keeps traces observed at one of `points`, named as in C (`TRACE_TO_STACK`), as Hubble
 * (`TO_STACK`, `TO_ENDPOINT`) or in lower case with dashes (`from-network`).
 *
 * @example
 * byObservationPoint(['to-endpoint', 'from-network'])
 */
export function byObservationPoint(points: readonly string[]): EventFilter {
  const keys = new Set(points.map(pointKey));
  return (e) => e.type === 4 && e.subtypeName !== undefined && keys.has(pointKey(e.subtypeName));
}

/** The C name of an event's subtype byte, whatever it means for its type. */
function subtypeName(e: Event): string | undefined {
  if (e.type === 7) return e.xlatePointName;
  return e.type === 'unknown' || e.type === 129 || e.type === 130 || e.type === 5 ? undefined : e.subtypeName;
}

function subtypeNumber(e: Event): number | undefined {
  if (e.type === 7) return e.xlatePoint;
  return e.type === 'unknown' || e.type === 129 || e.type === 130 ? undefined : e.subtype;
}

/**
 * Keeps events whose subtype byte is one of `subtypes`: a number, or the C name of what it
 * means for the event's type (`DROP_POLICY`, `DBG_CT_VERDICT`, `DBG_CAPTURE_DELIVERY`,
 * `TRACE_TO_STACK`, `XLATE_PRE_DIRECTION_FWD`; case-insensitive). Combine with
 * {@link byMessageType} to give numbers a meaning.
 *
 * @example
 * allOf(byMessageType(['debug']), bySubtype(['DBG_CT_VERDICT']))
 */
export function bySubtype(subtypes: readonly (number | string)[]): EventFilter {
  const numbers = new Set<number>();
  const names = new Set<string>();
  for (const s of subtypes) {
    if (typeof s === 'number' || /^\d+$/.test(s)) numbers.add(nonNegative(s, 'subtype', 255));
    else names.add(normalize(s));
  }
  return (e) => {
    const n = subtypeNumber(e);
    if (n !== undefined && numbers.has(n)) return true;
    const name = subtypeName(e);
    return name !== undefined && names.has(name);
  };
}

/** Cilium's reserved identities by the names Cilium gives them. */
export const reservedIdentities: Readonly<Record<string, number>> = {
  host: 1,
  world: 2,
  unmanaged: 3,
  health: 4,
  init: 5,
  'remote-node': 6,
  'kube-apiserver': 7,
  ingress: 8,
  'world-ipv4': 9,
  'world-ipv6': 10,
};

/**
 * Source and destination identity of an event (policy verdicts: the remote one on its side).
 *
 * @example
 * const [srcIdentity, dstIdentity] = eventIdentities(ev);
 */
export function eventIdentities(e: Event): readonly [number | undefined, number | undefined] {
  switch (e.type) {
    case 1:
    case 4:
      return [e.srcLabel, e.dstLabel];
    case 5:
      return e.isIngress ? [e.remoteLabel, undefined] : [undefined, e.remoteLabel];
    default:
      return [undefined, undefined];
  }
}

function identityNumber(id: number | string): number {
  if (typeof id === 'string') {
    const reserved = reservedIdentities[id.replace(/^reserved:/, '').toLowerCase()];
    if (reserved !== undefined) return reserved;
  }
  return nonNegative(id, 'identity', 0xffffffff);
}

/**
 * Keeps events whose source or destination security identity is one of `ids` (numbers or
 * reserved names such as `world`, `reserved:host`).
 *
 * @example
 * byIdentity(['world', 12345], 'source')
 */
export function byIdentity(ids: readonly (number | string)[], side: 'either' | 'source' | 'destination' = 'either'): EventFilter {
  const set = new Set(ids.map(identityNumber));
  return (e) => {
    const [src, dst] = eventIdentities(e);
    return (side !== 'destination' && src !== undefined && set.has(src)) || (side !== 'source' && dst !== undefined && set.has(dst));
  };
}

/**
 * Keeps drops and traces that name one of the interfaces (`ifindex`).
 *
 * @example
 * byIfindex([2])
 */
export function byIfindex(ifindexes: readonly (number | string)[]): EventFilter {
  const set = new Set(ifindexes.map((i) => nonNegative(i, 'ifindex', 0xffffffff)));
  return (e) => (e.type === 1 || e.type === 4) && set.has(e.ifindex);
}
