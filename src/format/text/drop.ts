/** Drop notifications (type 1) as `pkg/monitor/datapath_drop.go` prints them. */
import type { DropNotify } from '../../decode/types.js';
import { connectionSummary } from '../connection-summary.js';
import type { ReleaseTables } from '../../table-types.js';
import { tableText, type FormatContext } from '../context.js';
import { goHex } from '../go-text.js';
import { endpointText, identityText } from '../identity.js';
import { packetFlags } from './flags.js';
import { packetDump } from './packet-dump.js';

/** `api.DropReasonExt`: the reason text, `, <ext_error>` when non-zero; unknown → `code, ext`. */
export function dropReasonExt(ev: DropNotify, ctx: FormatContext): string {
  const ext = int8(ev.extError);
  const text = tableText(ctx, 'dropReasons', ev.subtype);
  if (text === undefined) return `${ev.subtype}, ${ext}`;
  return ext === 0 ? text : `${text}, ${ext}`;
}

/** Go keeps ext_error in an int8. */
export function int8(v: number): number {
  return (v << 24) >> 24;
}

/** `api.BPFFileName`: the source file of the drop, `unknown(<id>)` when the release lacks it. */
export function bpfFileName(ev: DropNotify, tables: ReleaseTables): string {
  return tables.texts.fileNames?.[String(ev.file)] ?? `unknown(${ev.file})`;
}

function identity(ev: DropNotify, ctx: FormatContext): string {
  return `, identity ${identityText(ev.srcLabel, ctx.numeric, ctx.names)}->${identityText(ev.dstLabel, ctx.numeric, ctx.names)}`;
}

/** Go's `CapLen > 0` test before it prints the packet (see `Dialect.dropCapLenSpansVersion`). */
export function dropCaptured(ev: DropNotify, ctx: FormatContext): boolean {
  return ev.capLen > 0 || (ctx.dialect.dropCapLenSpansVersion && (ev.version !== 0 || ev.extVersion !== 0));
}

/** The one-line drop summary (default and `-v`). */
export function dropInfo(ev: DropNotify, ctx: FormatContext): string {
  let s = `xx drop (${dropReasonExt(ev, ctx)}) flow ${goHex(ev.hash)} to endpoint ${endpointText(ev.dstId, ctx.numeric, ctx.names)}, ifindex ${ev.ifindex}, file ${bpfFileName(ev, ctx.tables)}:${ev.line}, `;
  if (ctx.dialect.ipTraceId && ev.ipTraceId > 0n) s += ` [ ip-trace-id = ${ev.ipTraceId} ]`;
  s += identity(ev, ctx);
  s += `: ${connectionSummary(ctx.goData(ev), packetFlags(ev, ctx), ctx.dialect)}\n`;
  return s;
}

/** The `-vv` drop block: separator, header line, packet. */
export function dropVerbose(ev: DropNotify, hex: boolean, ctx: FormatContext): string {
  let s = `${ctx.cpuPrefix} MARK ${goHex(ev.hash)} FROM ${endpointText(ev.source, ctx.numeric, ctx.names)} DROP: ${ev.origLen} bytes, reason ${dropReasonExt(ev, ctx)}`;
  if (ev.srcLabel !== 0 || ev.dstLabel !== 0) s += identity(ev, ctx);
  s += ev.dstId !== 0 ? `, to endpoint ${endpointText(ev.dstId, ctx.numeric, ctx.names)}\n` : '\n';
  if (ctx.dialect.ipTraceId && ev.ipTraceId > 0n) s += ` [ IP-TRACE-ID=${ev.ipTraceId}`;
  const data = ctx.goData(ev);
  if (dropCaptured(ev, ctx) && data.length > 0) {
    // 1.19 passes the negated flag to its drop printer, so `--hex` dissects and `-vv` dumps hex.
    const dissect = ctx.dialect.dropVerboseInvertsHex ? hex : !hex;
    const packet = packetDump(data, packetFlags(ev, ctx), dissect, ctx);
    // Up to 1.18 the header sits in a bufio buffer until the packet went straight to stdout.
    return ctx.dialect.verbosePacketFirst ? packet + s : s + packet;
  }
  return s;
}
