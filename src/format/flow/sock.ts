/**
 * The flow of a socket-LB trace (type 7), as `pkg/hubble/parser/sock` (`Parser.Decode`) makes it.
 */
import type { TraceSockNotify } from '../../decode/types.js';
import type { Dialect } from '../dialect.js';
import { recordAddrString } from '../record-addr.js';
import { SOCK_XLATE_POINT_NAMES, enumJSON } from './enums.js';
import type { FlowIP, FlowLayer4 } from './packet.js';

/** `monitor.XlatePoint*`. */
const XLATE_PRE_FWD = 1;
const XLATE_POST_FWD = 2;
const XLATE_PRE_REV = 3;
const XLATE_POST_REV = 4;

/** `monitor.L4Protocol*` of `trace_sock_notify` (not IP protocol numbers). */
const L4_TCP = 1;
const L4_UDP = 2;

/** `TraceSockNotifyFlagIPv6`: Go tests bit 0 of the flags byte whatever the release's bitfield says. */
const FLAG_IPV6 = 0x1;

export interface SockFlowFields {
  verdict?: 'TRACED' | 'TRANSLATED';
  IP: FlowIP;
  l4?: FlowLayer4;
  /** The IPs the endpoint resolver is given (`undefined`: not valid, nothing to look up). */
  srcIP: string | undefined;
  dstIP: string | undefined;
  /** Source and destination are swapped (reverse-direction translation points). */
  reversed: boolean;
  sock_xlate_point?: string | number;
  socket_cookie?: string;
  cgroup_id?: string;
  Summary: string;
}

/**
 * The sock parser's fields of a trace-sock flow. The source is the pod of the cgroup
 * (`PodMetadataGetter`), which is never known here: its address stays empty, as in Hubble
 * without a cgroup cache and with `skipUnknownCGroupIDs` off (with it on — the agent's default —
 * Hubble skips such events).
 */
export function sockFlowFields(ev: TraceSockNotify, d: Dialect): SockFlowFields {
  const isIPv6 = (ev.flags & FLAG_IPV6) !== 0;
  const ipBytes = isIPv6 ? ev.dstIpBytes.subarray(0, 16) : ev.dstIpBytes.subarray(0, 4);
  const dst = recordAddrString(ipBytes, d);
  let srcIP: string | undefined;
  let dstIP: string | undefined = dst;
  let srcPort = 0;
  let dstPort = ev.dstPort;
  const reversed = ev.xlatePoint === XLATE_PRE_REV || ev.xlatePoint === XLATE_POST_REV;
  if (reversed) {
    [srcIP, dstIP] = [dstIP, srcIP];
    [srcPort, dstPort] = [dstPort, srcPort];
  }
  const ports = { source_port: srcPort || undefined, destination_port: dstPort || undefined };
  return {
    verdict:
      ev.xlatePoint === XLATE_PRE_FWD || ev.xlatePoint === XLATE_PRE_REV
        ? 'TRACED'
        : ev.xlatePoint === XLATE_POST_FWD || ev.xlatePoint === XLATE_POST_REV
          ? 'TRANSLATED'
          : undefined,
    IP: { source: srcIP, destination: dstIP, ipVersion: isIPv6 ? 'IPv6' : 'IPv4' },
    l4: ev.l4Proto === L4_TCP ? { TCP: ports } : ev.l4Proto === L4_UDP ? { UDP: ports } : undefined,
    srcIP,
    dstIP,
    reversed,
    sock_xlate_point: enumJSON(SOCK_XLATE_POINT_NAMES, ev.xlatePoint),
    socket_cookie: ev.sockCookie === 0n ? undefined : ev.sockCookie.toString(),
    cgroup_id: ev.cgroupId === 0n ? undefined : ev.cgroupId.toString(),
    Summary: ev.l4Proto === L4_TCP ? 'TCP' : ev.l4Proto === L4_UDP ? 'UDP' : 'Unknown',
  };
}
