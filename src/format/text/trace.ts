/** Trace notifications (type 4) as `pkg/monitor/datapath_trace.go` prints them. */
import type { TraceNotify } from '../../decode/types.js';
import { connectionSummary } from '../connection-summary.js';
import { tableText, type FormatContext } from '../context.js';
import { goHex } from '../go-text.js';
import { ipv4ToString } from '../../packet/address.js';
import { recordAddrString } from '../record-addr.js';
import { endpointText, identityText } from '../identity.js';
import { packetFlags } from './flags.js';
import { packetDump } from './packet-dump.js';

const TO_LXC = 0;
const TO_PROXY = 1;

/** `api.TraceObservationPoint`: the `to-endpoint`/`from-network` names, else decimal. */
export function observationPointName(obsPoint: number, ctx: FormatContext): string {
  return tableText(ctx, 'traceObservationPoints', obsPoint) ?? String(obsPoint);
}

/**
 * `traceSummary`: the arrow text that opens the summary line. The texts are the release's
 * own (`texts.traceSummaries`, generated from datapath_trace.go); Go composes the proxy one.
 */
export function traceSummary(ev: TraceNotify, ctx: FormatContext, endpoint: (id: number) => string = String): string {
  if (ev.subtype === TO_PROXY) return ev.dstId !== 0 ? `-> proxy port ${ev.dstId}` : '-> proxy';
  const text = tableText(ctx, 'traceSummaries', ev.subtype);
  if (text === undefined) return 'unknown trace';
  // Only the endpoint summaries carry a %d: the destination for to-endpoint, else the source.
  return text.replace('%d', () => endpoint(ev.subtype === TO_LXC ? ev.dstId : ev.source));
}

/** `traceReasonString`: the CT state word; unknown reasons print the raw byte (mask included). */
export function traceState(ev: TraceNotify, ctx: FormatContext): string {
  return tableText(ctx, 'traceReasons', ev.reason & 0x7f) ?? String(ev.reason);
}

/** `OriginalIP().String()`: v4 or v6 by the IPv6 flag; v0 traces have none (all zero). */
function originalIp(ev: TraceNotify, ctx: FormatContext): string {
  const bytes = ev.origIpBytes ?? NO_ORIG_IP;
  // An IPv4 address is the first four bytes, printed in place (recordAddrString of a 4-byte view).
  if (!ev.isIPv6) return ipv4ToString(bytes);
  return recordAddrString(bytes.length > 16 ? bytes.subarray(0, 16) : bytes, ctx.dialect);
}

const NO_ORIG_IP = new Uint8Array(16);

function identity(ev: TraceNotify, ctx: FormatContext): string {
  return `, identity ${identityText(ev.srcLabel, ctx.numeric, ctx.names)}->${identityText(ev.dstLabel, ctx.numeric, ctx.names)}`;
}

/** The one-line trace summary (default and `-v`). */
export function traceInfo(ev: TraceNotify, ctx: FormatContext): string {
  const summary = traceSummary(ev, ctx, (id) => endpointText(id, ctx.numeric, ctx.names));
  let s = (ev.reason & 0x80) !== 0 ? `${summary} encrypted  flow ${goHex(ev.hash)} ` : `${summary} flow ${goHex(ev.hash)} `;
  s += identity(ev, ctx);
  if (ctx.dialect.ipTraceId && ev.ipTraceId > 0n) s += ` [ ip-trace-id = ${ev.ipTraceId} ]`;
  s += ` state ${traceState(ev, ctx)} ifindex ${ctx.ifname(ev.ifindex)} orig-ip ${originalIp(ev, ctx)}: `;
  s += `${connectionSummary(ctx.goData(ev), packetFlags(ev, ctx), ctx.dialect)}\n`;
  return s;
}

/** The `-vv` trace block (after the separator). */
export function traceVerbose(ev: TraceNotify, hex: boolean, ctx: FormatContext): string {
  let s = `${ctx.cpuPrefix} MARK ${goHex(ev.hash)}`;
  if (ctx.dialect.ipTraceId && ev.ipTraceId > 0n) s += ` [ IP-TRACE-ID = ${ev.ipTraceId} ]`;
  s += ` FROM ${endpointText(ev.source, ctx.numeric, ctx.names)} ${observationPointName(ev.subtype, ctx)}: ${ev.origLen} bytes (${ev.capLen} captured), state ${traceState(ev, ctx)}`;
  if (ev.ifindex !== 0) s += `, interface ${ctx.ifname(ev.ifindex)}`;
  if (ev.srcLabel !== 0 || ev.dstLabel !== 0) s += ', ' + identity(ev, ctx);
  s += `, orig-ip ${originalIp(ev, ctx)}`;
  const dst = ev.subtype === TO_PROXY ? `proxy-port ${ev.dstId}` : `endpoint ${endpointText(ev.dstId, ctx.numeric, ctx.names)}`;
  s += ev.dstId !== 0 ? `, to ${dst}\n` : '\n';
  const data = ctx.goData(ev);
  if (ev.capLen > 0 && data.length > 0) {
    const packet = packetDump(data, packetFlags(ev, ctx), !hex, ctx);
    // Up to 1.18 the header sits in a bufio buffer until the packet went straight to stdout.
    return ctx.dialect.verbosePacketFirst ? packet + s : s + packet;
  }
  return s;
}
