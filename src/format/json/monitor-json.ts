/** The `--json` objects of `cilium monitor` for drop, trace, debug and debug capture records. */
import type { DebugCapture, DebugMessage, DropNotify, TraceNotify } from '../../decode/types.js';
import { connectionSummary } from '../connection-summary.js';
import type { FormatContext } from '../context.js';
import { goHex, goQuote } from '../go-text.js';
import { ETHERNET_START } from '../packet-layers.js';
import { debugCaptureBytes, debugCapturePrefix, debugCaptureText, debugMessage } from '../text/debug.js';
import { dropCaptured, dropReasonExt, int8 } from '../text/drop.js';
import { packetFlags } from '../text/flags.js';
import { observationPointName, traceState, traceSummary } from '../text/trace.js';
import { dissectSummary } from './dissect-summary.js';
import { goJSON } from './go-json.js';

function nonEmpty(s: string): string | undefined {
  return s === '' ? undefined : s;
}

/** `DropNotifyVerbose`. */
export function dropJSON(ev: DropNotify, ctx: FormatContext): string {
  const data = ctx.goData(ev);
  return (
    goJSON({
      cpu: nonEmpty(ctx.cpuPrefix),
      type: 'drop',
      mark: goHex(ev.hash),
      reason: nonEmpty(dropReasonExt(ev, ctx)),
      source: ev.source,
      bytes: ev.origLen,
      srcLabel: ev.srcLabel,
      dstLabel: ev.dstLabel,
      dstID: ev.dstId,
      Line: ev.line,
      File: ev.file,
      ExtError: int8(ev.extError),
      Ifindex: ev.ifindex,
      IPTraceID: ctx.dialect.ipTraceId && ev.ipTraceId !== 0n ? ev.ipTraceId : undefined,
      summary: dropCaptured(ev, ctx) && data.length > 0 ? dissectSummary(data, packetFlags(ev, ctx), ctx.dialect) : undefined,
    }) + '\n'
  );
}

/** `TraceNotifyVerbose`. */
export function traceJSON(ev: TraceNotify, ctx: FormatContext): string {
  const data = ctx.goData(ev);
  return (
    goJSON({
      cpu: nonEmpty(ctx.cpuPrefix),
      type: 'trace',
      mark: goHex(ev.hash),
      ifindex: nonEmpty(ctx.ifname(ev.ifindex)),
      state: nonEmpty(traceState(ev, ctx)),
      observationPoint: observationPointName(ev.subtype, ctx),
      traceSummary: traceSummary(ev, ctx),
      source: ev.source,
      bytes: ev.origLen,
      srcLabel: ev.srcLabel,
      dstLabel: ev.dstLabel,
      dstID: ev.dstId,
      IpTraceID: ctx.dialect.ipTraceId ? ev.ipTraceId : undefined,
      summary: ev.capLen > 0 && data.length > 0 ? dissectSummary(data, packetFlags(ev, ctx), ctx.dialect) : undefined,
    }) + '\n'
  );
}

/** The debug-message JSON, which Go builds with `%q` rather than encoding/json. */
export function debugJSON(ev: DebugMessage, ctx: FormatContext): string {
  return `{"cpu":${goQuote(ctx.cpuPrefix)},"type":"debug","message":${goQuote(debugMessage(ev, ctx))}}\n`;
}

/** `DebugCaptureVerbose`. */
export function debugCaptureJSON(ev: DebugCapture, ctx: FormatContext): string {
  return (
    goJSON({
      cpu: nonEmpty(ctx.cpuPrefix),
      type: 'capture',
      mark: goHex(ev.hash),
      message: nonEmpty(debugCaptureText(ev, ctx)),
      prefix: nonEmpty(debugCapturePrefix(ev, ctx)),
      source: ev.source,
      bytes: debugCaptureBytes(ev, ctx),
      summary: nonEmpty(connectionSummary(ctx.goData(ev), ETHERNET_START, ctx.dialect)),
    }) + '\n'
  );
}
