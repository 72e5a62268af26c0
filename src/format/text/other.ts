/** Trace-sock (7), recorder (6), agent (130) and unknown records, after `pkg/monitor`. */
import type { AgentNotify, RecorderCapture, TraceSockNotify, UnknownEvent } from '../../decode/types.js';
import { tableText, type FormatContext } from '../context.js';
import { recordAddrString } from '../record-addr.js';
import { ETHERNET_START } from '../packet-layers.js';
import { FormatError } from '../errors.js';
import { packetDump } from './packet-dump.js';

/** `TraceSockNotify.Dump` at `-v` (the only verbosity that prints it); note the trailing space. */
export function traceSockLine(ev: TraceSockNotify, ctx: FormatContext): string {
  const xlate = tableText(ctx, 'xlatePoints', ev.xlatePoint) ?? 'unknown';
  const proto = tableText(ctx, 'l4Protocols', ev.l4Proto) ?? 'unknown';
  const ip = recordAddrString(ev.isIPv6 ? ev.dstIpBytes.subarray(0, 16) : ev.dstIpBytes.subarray(0, 4), ctx.dialect);
  return `${ctx.cpuPrefix} [${xlate}] cgroup_id: ${ev.cgroupId} sock_cookie: ${ev.sockCookie}, dst [${ip}]:${ev.dstPort} ${proto} \n`;
}

/** `RecorderCapture.DumpInfo` (≤ 1.18, every verbosity): header, layer dump, `----`. */
export function recorderBlock(ev: RecorderCapture, ctx: FormatContext): string {
  const dir = ev.subtype === 1 ? 'ingress' : 'egress';
  let s = `Recorder capture: dir:${dir} rule:${ev.source} ts:${BigInt.asIntN(64, ev.tvBoot)} caplen:${ev.capLen} len:${ev.origLen}\n`;
  s += packetDump(ctx.goData(ev), ETHERNET_START, true, ctx);
  return s + '----\n';
}

/** `resolveAgentType` (the name, decimal when the release has none) and the text. */
function agentFields(ev: AgentNotify, ctx: FormatContext): { name: string; text: string } {
  if (ev.notificationType === undefined || ev.text === undefined) {
    throw new FormatError('undecodable-payload', 'agent notification payload is not a readable gob AgentNotify value');
  }
  const name = tableText(ctx, 'agentNotifications', ev.notificationType) ?? String(ev.notificationType);
  return { name, text: ev.text };
}

/** `>> <type name>: <text>`. */
export function agentLine(ev: AgentNotify, ctx: FormatContext): string {
  const { name, text } = agentFields(ev, ctx);
  return `>> ${name}: ${text}\n`;
}

/** The agent JSON object, built by string formatting in Go (the text is embedded verbatim). */
export function agentJSON(ev: AgentNotify, ctx: FormatContext): string {
  const { name, text } = agentFields(ev, ctx);
  return `{"type":"agent","subtype":"${name}","message":${text}}\n`;
}

/** `<CPU> Unknown event: [b0 b1 …]` — Go's `%+v` of the whole record. */
export function unknownEventLine(ev: UnknownEvent, ctx: FormatContext): string {
  return `${ctx.cpuPrefix} Unknown event: [${[ev.messageType, ...ev.payload].join(' ')}]\n`;
}
