/**
 * Flags shared by the commands that read events: the input format, the release, and the
 * filters (`cilium monitor`'s `--type/--from/--to/--related-to`, `hubble observe`'s
 * `--ip/--port/--protocol/--verdict`, and datapath fields).
 */
import type { Release } from '../decode/types.js';
import {
  allOf,
  byDropReason,
  byIdentity,
  byIfindex,
  byIp,
  byMessageType,
  byObservationPoint,
  byPort,
  bySubtype,
  byProtocol,
  byTcpFlags,
  byVerdict,
  fromEndpoint,
  isFilterError,
  relatedToEndpoint,
  toEndpoint,
  type EventFilter,
} from '../filter/index.js';
import { inputFormats, type InputFormat } from '../sources/types.js';
import { resolveRelease } from '../tables.js';
import { UsageError, type FlagSpec, type ParsedArgs } from './args.js';

export const inputFlags: FlagSpec[] = [
  { name: 'input', short: 'i', kind: 'value', valueName: 'FORMAT', help: `input format: ${inputFormats.join('|')} (default: detected)` },
  { name: 'release', kind: 'value', valueName: 'VERSION', help: 'Cilium release whose layouts to assume, e.g. 1.18 or 1.17.2 (default: newest)' },
];

export const filterFlags: FlagSpec[] = [
  { name: 'type', short: 't', kind: 'list', valueName: 'TYPE', help: 'message type: drop, debug, capture, trace, policy-verdict, recorder, trace-sock, l7, agent' },
  { name: 'from', kind: 'list', valueName: 'EP', help: 'source endpoint id (as cilium monitor --from)' },
  { name: 'to', kind: 'list', valueName: 'EP', help: 'destination endpoint id (as cilium monitor --to)' },
  { name: 'related-to', kind: 'list', valueName: 'EP', help: 'source or destination endpoint id' },
  { name: 'ip', kind: 'list', valueName: 'IP|CIDR', help: 'source or destination address (as hubble observe --ip)' },
  { name: 'port', kind: 'list', valueName: 'PORT', help: 'source or destination TCP/UDP/SCTP port' },
  { name: 'protocol', kind: 'list', valueName: 'PROTO', help: 'tcp, udp, sctp, icmp, icmpv4, icmpv6, vrrp, igmp' },
  { name: 'verdict', kind: 'list', valueName: 'VERDICT', help: 'FORWARDED, DROPPED, AUDIT, REDIRECTED, TRACED, TRANSLATED, ...' },
  { name: 'subtype', kind: 'list', valueName: 'SUBTYPE', help: 'subtype byte: a number or its C name (DBG_CT_VERDICT, TRACE_TO_STACK, ...)' },
  { name: 'drop-reason', kind: 'list', valueName: 'REASON', help: 'drop reason code or name (133, DROP_POLICY, policy)' },
  { name: 'observation-point', kind: 'list', valueName: 'POINT', help: 'trace observation point (to-endpoint, TRACE_TO_STACK, FROM_NETWORK)' },
  { name: 'identity', kind: 'list', valueName: 'ID', help: 'source or destination security identity (number or reserved name)' },
  { name: 'ifindex', kind: 'list', valueName: 'N', help: 'interface index of drops and traces' },
  { name: 'tcp-flags', kind: 'list', keepCommas: true, valueName: 'FLAGS', help: 'TCP flags that must all be set, e.g. SYN or SYN,ACK (repeat for OR)' },
];

export function inputFormatOf(args: ParsedArgs): InputFormat | 'auto' {
  const v = args.values.get('input');
  if (v === undefined || v === 'auto') return 'auto';
  if (!(inputFormats as readonly string[]).includes(v)) throw new UsageError(`unknown input format ${JSON.stringify(v)}; use one of ${inputFormats.join(', ')}`);
  return v as InputFormat;
}

export function releaseOf(args: ParsedArgs): Release | undefined {
  const v = args.values.get('release');
  if (v === undefined) return undefined;
  try {
    return resolveRelease(v) as Release;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function endpointIds(values: readonly string[], flag: string): number[] {
  return values.map((v) => {
    if (!/^\d+$/.test(v)) throw new UsageError(`--${flag}: ${JSON.stringify(v)} is not an endpoint id`);
    return Number(v);
  });
}

/** The conjunction of every filter flag given (flags AND, values of one flag OR), or `undefined`. */
export function filterOf(args: ParsedArgs): EventFilter | undefined {
  const filters: EventFilter[] = [];
  const list = (name: string): string[] | undefined => args.lists.get(name);
  try {
    const add = (name: string, build: (values: string[]) => EventFilter): void => {
      const values = list(name);
      if (values !== undefined) filters.push(build(values));
    };
    add('type', byMessageType);
    add('from', (v) => fromEndpoint(endpointIds(v, 'from')));
    add('to', (v) => toEndpoint(endpointIds(v, 'to')));
    add('related-to', (v) => relatedToEndpoint(endpointIds(v, 'related-to')));
    add('ip', (v) => byIp(v));
    add('port', (v) => byPort(v));
    add('protocol', byProtocol);
    add('verdict', byVerdict);
    add('subtype', bySubtype);
    add('drop-reason', byDropReason);
    add('observation-point', byObservationPoint);
    add('identity', (v) => byIdentity(v));
    add('ifindex', byIfindex);
    add('tcp-flags', byTcpFlags);
  } catch (e) {
    if (isFilterError(e)) throw new UsageError(e.message);
    throw e;
  }
  return filters.length === 0 ? undefined : allOf(...filters);
}
