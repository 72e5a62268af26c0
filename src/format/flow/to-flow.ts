/**
 * `toFlow`: the Hubble flow of a drop, trace, policy-verdict or debug-capture event, mapped as
 * `pkg/hubble/parser/threefour` maps it and shaped as `hubble observe -o json` prints it
 * (proto field names, enum names, zero values left out, uint64 as strings).
 */
import type { DebugCapture, DropNotify, Event, PolicyVerdict, ReleaseSpec, TraceNotify, TraceSockNotify } from '../../decode/types.js';
import { BYTES, PACKET_START } from '../../decode/internal.js';
import { getTables, resolveRelease } from '../../tables.js';
import { dialectOf, type Dialect } from '../dialect.js';
import { FormatError } from '../errors.js';
import { RESERVED_IDENTITY_NAMES } from '../identity.js';
import { ETHERNET_START, type PacketFlags } from '../packet-layers.js';
import { debugCaptureProxyPort } from '../text/debug.js';
import { bpfFileName } from '../text/drop.js';
import {
  AUTH_TYPE_NAMES,
  DEBUG_CAPTURE_POINT_NAMES,
  DROP_REASON_NAMES,
  OBSERVATION_POINT_NAMES,
  TRACE_REASON_NAMES,
  enumJSON,
} from './enums.js';
import { recordAddrString, recordAddrUnspecified } from '../record-addr.js';
import { sortAndFilterLabels } from './labels.js';
import { flowPacketFields, type FlowIP, type FlowLayer4, type FlowTunnel } from './packet.js';
import { sockFlowFields } from './sock.js';

/** What the agent knows about a local endpoint (its `endpointGetter`), matched by IP. */
export interface FlowEndpointInfo {
  id: number;
  ips: readonly string[];
  identity?: number;
  namespace?: string;
  podName?: string;
  labels?: readonly string[];
  clusterName?: string;
}

/** Options of `toFlow`: the release whose Hubble to reproduce, and what a running agent would add (interface names, local endpoints, identity labels, node name). */
export interface FlowOptions {
  /** Release whose Hubble to reproduce, as decoding accepts it (`'v1.17.2'`); default the event's. */
  release?: ReleaseSpec;
  /** Interface names for `interface.name` (the agent's link cache); omitted when unknown. */
  interfaceName?: (ifindex: number) => string | undefined;
  /** Local endpoints, looked up by packet IP like the agent's endpoint cache. */
  endpoints?: readonly FlowEndpointInfo[];
  /** Labels of identities (the agent's identity cache). */
  identityLabels?: Readonly<Record<number, readonly string[]>>;
  /**
   * Label reserved identities without an `identityLabels` entry as a running agent's identity
   * cache does (`reserved:host`, `reserved:world`, …). Off by default: Hubble without an
   * identity cache (no-op identity getter) prints no labels.
   */
  reservedIdentityLabels?: boolean;
  /** `node_name` to put in the flow. */
  nodeName?: string;
  /** The agent's `--ip-tracing-option-type` (reported as `ip_trace_id.ip_option_type`). */
  ipTracingOptionType?: number;
}

/** The `source` or `destination` of a {@link Flow}, as Hubble's JSON names the fields. */
export interface FlowEndpoint {
  ID?: number;
  identity?: number;
  cluster_name?: string;
  namespace?: string;
  labels?: string[];
  pod_name?: string;
}

/** A Hubble flow as `hubble observe -o json` prints it (agent-only fields left out). */
export interface Flow {
  /** Absent for debug captures (`VERDICT_UNKNOWN` is protojson's zero value). */
  verdict?: string;
  drop_reason?: number;
  auth_type?: string | number;
  ethernet?: { source: string; destination: string };
  IP?: FlowIP;
  l4?: FlowLayer4;
  tunnel?: FlowTunnel;
  source: FlowEndpoint;
  destination: FlowEndpoint;
  Type: 'L3_L4' | 'SOCK';
  node_name?: string;
  reply?: true;
  event_type: { type: number; sub_type?: number };
  traffic_direction?: 'INGRESS' | 'EGRESS';
  policy_match_type?: number;
  trace_observation_point?: string | number;
  trace_reason?: string | number;
  file?: { name: string; line?: number };
  ip_trace_id?: { trace_id: string; ip_option_type?: number };
  drop_reason_desc?: string | number;
  is_reply?: boolean;
  debug_capture_point?: string | number;
  interface?: { index: number; name?: string };
  proxy_port?: number;
  /** Trace-sock flows: `SocketTranslationPoint`. */
  sock_xlate_point?: string | number;
  /** Trace-sock flows: uint64 as a decimal string. */
  socket_cookie?: string;
  /** Trace-sock flows: uint64 as a decimal string. */
  cgroup_id?: string;
  Summary?: string;
}

/**
 * The bytes Hubble decodes: everything after the record header (`data[packetOffset:]`), trailing
 * bytes past `capLen` (perf padding) included — Hubble never looks at `cap_len`. Events that do
 * not come from `decodeEvent` have only `packet`.
 */
function hubblePacket(ev: L34Event, d: Dialect): Uint8Array {
  const internal = ev as { [BYTES]?: Uint8Array; [PACKET_START]?: number };
  const b = internal[BYTES];
  const start = ev.type === 1 && d.hubbleDropAnyVersion && ev.version > 1 ? 0 : internal[PACKET_START];
  return b !== undefined && start !== undefined && start <= b.length ? b.subarray(start) : ev.packet;
}

function nz(n: number): number | undefined {
  return n === 0 ? undefined : n;
}

type L34Event = DropNotify | TraceNotify | PolicyVerdict | DebugCapture;

function flagsOf(ev: L34Event): PacketFlags {
  switch (ev.type) {
    case 1:
    case 4:
      return { isL3Device: ev.isL3Device, isIPv6: ev.isIPv6, isVXLAN: ev.isVXLAN, isGeneve: ev.isGeneve };
    case 5:
      return { isL3Device: ev.isL3Device, isIPv6: ev.isIPv6, isVXLAN: false, isGeneve: false };
    case 3:
      return ETHERNET_START;
  }
}

/** `TraceReasonIsKnown` etc. on the base reason. */
const TRACE_REASON_UNKNOWN = 5;
const TRACE_REASON_REPLY = 2;
const TRACE_REASON_SRV6_ENCAP = 6;
const TRACE_REASON_SRV6_DECAP = 7;
const TRACE_REASON_ENCRYPT_OVERLAY = 8;

/** `OriginalIP()` unless it is unspecified (a v0 trace has none: zero). */
function origIpSet(ev: TraceNotify, d: Dialect): string | undefined {
  const bytes = ev.origIpBytes;
  if (bytes === undefined) return undefined;
  const ip = ev.isIPv6 ? bytes.subarray(0, 16) : bytes.subarray(0, 4);
  return recordAddrUnspecified(ip, d) ? undefined : recordAddrString(ip, d);
}

function resolveEndpoint(ip: string | undefined, identity: number, options: FlowOptions): FlowEndpoint {
  const ep = ip === undefined ? undefined : options.endpoints?.find((e) => e.ips.includes(ip));
  if (ep !== undefined) {
    // The datapath identity wins over the cache's unless it is unknown (resolveIdentityConflict).
    const id = identity !== 0 ? identity : (ep.identity ?? 0);
    return {
      ID: nz(ep.id),
      identity: nz(id),
      cluster_name: ep.clusterName || clusterNameOf(ep.labels ?? []),
      namespace: ep.namespace || undefined,
      labels: nonEmpty(sortAndFilterLabels(ep.labels ?? [], id)),
      pod_name: ep.podName || undefined,
    };
  }
  const labels = options.identityLabels?.[identity] ?? (options.reservedIdentityLabels ? reservedLabels(identity) : []);
  return { identity: nz(identity), cluster_name: clusterNameOf(labels), labels: nonEmpty(sortAndFilterLabels(labels, identity)) };
}

/** The `io.cilium.k8s.policy.cluster` label's key, whatever its source. */
const CLUSTER_LABEL_KEY = 'io.cilium.k8s.policy.cluster';

/**
 * `ClusterName` of Hubble's endpoints: the value of the label whose key is
 * `io.cilium.k8s.policy.cluster` (`labels.ParseLabel`: the source is what precedes the first `:`,
 * `$` stands for `reserved:`; the key ends at the first `=`). `undefined` when no label has it.
 */
function clusterNameOf(labels: readonly string[]): string | undefined {
  let name: string | undefined;
  for (const label of labels) {
    let rest = label.startsWith('$') ? label.slice(1) : label;
    if (!label.startsWith('$')) {
      const colon = rest.indexOf(':');
      if (colon >= 0) rest = rest.slice(colon + 1);
    }
    const eq = rest.indexOf('=');
    if (eq > 0 && rest.slice(0, eq) === CLUSTER_LABEL_KEY) name = rest.slice(eq + 1);
  }
  return name || undefined;
}

function nonEmpty(labels: string[]): string[] | undefined {
  return labels.length > 0 ? labels : undefined;
}

/**
 * The labels the agent's identity cache holds for reserved identities (`reservedIdentityLabels`):
 * `reserved:<name>`, and the kube-apiserver identity also carries `reserved:remote-node`.
 */
function reservedLabels(identity: number): readonly string[] {
  const name = identity === 0 ? undefined : RESERVED_IDENTITY_NAMES[identity];
  if (name === undefined) return [];
  return identity === 7 ? ['reserved:kube-apiserver', 'reserved:remote-node'] : [`reserved:${name}`];
}

function verdict(ev: L34Event): string | undefined {
  switch (ev.type) {
    case 1:
      return 'DROPPED';
    case 4:
      return 'FORWARDED';
    case 5:
      if (ev.verdict < 0) return 'DROPPED';
      if (ev.verdict > 0) return 'REDIRECTED';
      return ev.audited ? 'AUDIT' : 'FORWARDED';
    case 3:
      return undefined;
  }
}

function isReply(ev: L34Event, d: Dialect): boolean | undefined {
  if (ev.type === 4) {
    const r = ev.reason & 0x7f;
    if (r === TRACE_REASON_UNKNOWN || r === TRACE_REASON_SRV6_ENCAP || r === TRACE_REASON_SRV6_DECAP) return undefined;
    if (r === TRACE_REASON_ENCRYPT_OVERLAY && d.hubbleEncryptOverlayEncap) return undefined;
    return r === TRACE_REASON_REPLY;
  }
  if (ev.type === 5 && ev.verdict >= 0) return false;
  return undefined;
}

function direction(ev: L34Event, srcEndpointId: number, d: Dialect): 'INGRESS' | 'EGRESS' | undefined {
  if (ev.type === 1 && ev.source !== 0) return ev.source === srcEndpointId ? 'EGRESS' : 'INGRESS';
  if (ev.type === 4 && ev.source !== 0 && (ev.reason & 0x7f) !== TRACE_REASON_UNKNOWN) {
    if ((ev.reason & 0x7f) === TRACE_REASON_ENCRYPT_OVERLAY && d.hubbleEncryptOverlayEncap) return 'EGRESS';
    const isSourceEP = ev.source === srcEndpointId;
    const reply = (ev.reason & 0x7f) === TRACE_REASON_REPLY;
    if (isSourceEP !== reply || origIpSet(ev, d) !== undefined) return 'EGRESS';
    return 'INGRESS';
  }
  if (ev.type === 5) return ev.direction === 1 ? 'INGRESS' : 'EGRESS';
  return undefined;
}

function traceReason(ev: L34Event): string | number | undefined {
  if (ev.type !== 4) return undefined;
  const r = ev.reason & 0x7f;
  const value = r === TRACE_REASON_UNKNOWN ? 0 : r < TRACE_REASON_UNKNOWN ? r + 1 : r;
  return enumJSON(TRACE_REASON_NAMES, value);
}

/**
 * `pb.DropReason(decoded.DropReason)`: the uint32 drop reason converted to the int32 enum, so a
 * policy verdict of -2147483648 gives `drop_reason` 2147483648 but `drop_reason_desc` -2147483648.
 */
function dropReasonDesc(code: number, d: Dialect): string | number | undefined {
  if (code === 205 && !d.hubblePuntProxy) return code;
  return enumJSON(DROP_REASON_NAMES, code | 0);
}

function observationPoint(ev: L34Event, d: Dialect): string | number | undefined {
  if (ev.type !== 4) return undefined;
  const point = ev.subtype === 0 ? 101 : ev.subtype;
  if ((point === 12 || point === 13) && !d.hubbleCryptoPoints) return point;
  return enumJSON(OBSERVATION_POINT_NAMES, point);
}

function networkInterface(ev: L34Event, options: FlowOptions): Flow['interface'] {
  let index = 0;
  if (ev.type === 4) index = ev.ifindex;
  else if (ev.type === 3 && [4, 5, 6, 7, 10, 11].includes(ev.subtype)) index = ev.arg1;
  if (index === 0) return undefined;
  const name = options.interfaceName?.(index);
  return { index, name: name || undefined };
}

function proxyPort(ev: L34Event): number | undefined {
  if (ev.type === 4 && ev.subtype === 1) return nz(ev.dstId);
  if (ev.type === 3 && (ev.subtype === 8 || ev.subtype === 9)) return nz(debugCaptureProxyPort(ev));
  return undefined;
}

/**
 * The Hubble flow of a drop (1), trace (4), policy verdict (5) or debug capture (3).
 *
 * @throws FormatError `unsupported-message` for other types; `packet-decode-failed` when Hubble's
 * packet decoder rejects the packet (Hubble produces no flow then either).
 *
 * @example
 * const flow = toFlow(decodeEvent(bytes, { release: '1.19' }));
 * console.log(JSON.stringify({ flow })); // {"flow":{"verdict":"DROPPED","drop_reason":133,…}}
 */
export function toFlow(event: Event, options: FlowOptions = {}): Flow {
  if (event.type === 7) return sockFlow(event, options);
  if (event.type !== 1 && event.type !== 4 && event.type !== 5 && event.type !== 3) {
    throw new FormatError('unsupported-message', `Hubble's L3/L4 and sock parsers do not handle message type ${event.type === 'unknown' ? event.messageType : event.type}`);
  }
  const ev: L34Event = event;
  const release = resolveRelease(options.release ?? ev.release);
  const d = dialectOf(release);
  const pkt = flowPacketFields(hubblePacket(ev, d), flagsOf(ev), d);
  let srcIP = pkt.srcIP;
  if (ev.type === 4 && pkt.IP !== undefined) {
    const orig = origIpSet(ev, d);
    if (orig !== undefined) {
      srcIP = orig;
      if (pkt.IP.source !== orig) pkt.IP = { ...pkt.IP, source: orig, source_xlated: pkt.IP.source };
    }
    if (ev.encrypted) pkt.IP = { ...pkt.IP, encrypted: true };
  }
  let srcLabel = 0;
  let dstLabel = 0;
  if (ev.type === 1 || ev.type === 4) {
    srcLabel = ev.srcLabel;
    dstLabel = ev.dstLabel;
  } else if (ev.type === 5) {
    if (ev.direction === 1) srcLabel = ev.remoteLabel;
    else dstLabel = ev.remoteLabel;
  }
  const source = resolveEndpoint(srcIP, srcLabel, options);
  const destination = resolveEndpoint(pkt.dstIP, dstLabel, options);
  const dropReason = ev.type === 1 ? ev.subtype : ev.type === 5 && ev.verdict < 0 ? -ev.verdict : 0;
  const reply = isReply(ev, d);
  const traceId = ev.type === 1 || ev.type === 4 ? ev.ipTraceId : 0n;
  const flow: Flow = {
    verdict: verdict(ev),
    drop_reason: nz(dropReason),
    auth_type: ev.type === 5 ? enumJSON(AUTH_TYPE_NAMES, ev.authType) : undefined,
    ethernet: pkt.ethernet,
    IP: pkt.IP,
    l4: pkt.l4,
    tunnel: pkt.tunnel,
    source,
    destination,
    Type: 'L3_L4',
    node_name: options.nodeName || undefined,
    reply: reply === true ? true : undefined,
    event_type: { type: ev.type, sub_type: nz(ev.subtype) },
    traffic_direction: direction(ev, source.ID ?? 0, d),
    policy_match_type: ev.type === 5 ? nz(ev.matchType) : undefined,
    trace_observation_point: observationPoint(ev, d),
    trace_reason: traceReason(ev),
    file:
      ev.type === 1 && d.hubbleFileInfo
        ? { name: bpfFileName(ev, getTables(release)), line: nz(ev.line) }
        : undefined,
    ip_trace_id:
      d.ipTraceId && traceId > 0n
        ? { trace_id: traceId.toString(), ip_option_type: nz(options.ipTracingOptionType ?? 0) }
        : undefined,
    drop_reason_desc: dropReasonDesc(dropReason, d),
    is_reply: reply,
    debug_capture_point: ev.type === 3 ? enumJSON(DEBUG_CAPTURE_POINT_NAMES, ev.subtype) : undefined,
    interface: networkInterface(ev, options),
    proxy_port: proxyPort(ev),
    Summary: pkt.Summary || undefined,
  };
  return withoutUndefined(flow);
}

/**
 * The flow `pkg/hubble/parser/sock` makes of a trace-sock record: `Type` SOCK, verdict TRACED
 * (pre-translation points) or TRANSLATED (post), the destination from the record, source and
 * destination swapped for the reverse direction.
 */
function sockFlow(ev: TraceSockNotify, options: FlowOptions): Flow {
  const d = dialectOf(resolveRelease(options.release ?? ev.release));
  const f = sockFlowFields(ev, d);
  const flow: Flow = {
    verdict: f.verdict,
    IP: f.IP,
    l4: f.l4,
    source: resolveEndpoint(f.srcIP, 0, options),
    destination: resolveEndpoint(f.dstIP, 0, options),
    Type: 'SOCK',
    node_name: options.nodeName || undefined,
    event_type: { type: 7, sub_type: nz(ev.xlatePoint) },
    sock_xlate_point: f.sock_xlate_point,
    socket_cookie: f.socket_cookie,
    cgroup_id: f.cgroup_id,
    Summary: f.Summary,
  };
  return withoutUndefined(flow);
}

/**
 * A copy without `undefined` members (recursively) so the object holds exactly the printed
 * fields. Copying rather than deleting keeps the objects in V8's fast mode, which matters to
 * every later property access and to `JSON.stringify`.
 */
function withoutUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const k in o) {
    const v: unknown = o[k];
    if (v === undefined) continue;
    out[k] = isPlainObject(v) ? withoutUndefined(v) : v;
  }
  return out as T;
}

function isPlainObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}
