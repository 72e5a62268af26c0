/**
 * cilium-events/filter — composable predicates over decoded events (with `cilium monitor`
 * and `hubble observe` semantics) and streaming counters.
 *
 * @example
 * import { allOf, byMessageType, byIp, Counters } from 'cilium-events/filter';
 * const keep = allOf(byMessageType(['drop']), byIp(['10.0.0.0/8']));
 * const counters = new Counters();
 * for (const ev of events) if (keep(ev)) counters.add(ev);
 *
 * @module
 */
export type { EventFilter } from './combine.js';
export { allOf, anyOf, not } from './combine.js';
export { FilterError, isFilterError } from './errors.js';
export type { FilterErrorCode } from './errors.js';
export { byMessageType, fromEndpoint, toEndpoint, relatedToEndpoint, monitorTypes, monitorEndpoints } from './monitor.js';
export type { MonitorTypeName } from './monitor.js';
export { byVerdict, byIp, byPort, byProtocol, byTcpFlags, hubbleVerdict, hubbleVerdicts, tcpFlagBits } from './hubble.js';
export type { HubbleVerdict } from './hubble.js';
export { byDropReason, byObservationPoint, bySubtype, byIdentity, byIfindex, reservedIdentities, eventIdentities } from './fields.js';
export { eventTuple } from './packet-tuple.js';
export type { PacketTuple } from './packet-tuple.js';
