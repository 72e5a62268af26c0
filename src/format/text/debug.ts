/** Debug messages (type 2) and debug captures (type 3), after `pkg/monitor/datapath_debug.go`. */
import type { DebugCapture, DebugMessage } from '../../decode/types.js';
import { connectionSummary } from '../connection-summary.js';
import { tableText, type FormatContext } from '../context.js';
import { goHex } from '../go-text.js';
import { goSprintf } from '../go-sprintf.js';
import { ETHERNET_START } from '../packet-layers.js';
import { debugMessageText } from '../strings/debug-messages.js';
import { packetDump } from './packet-dump.js';

/** `DebugMsg.Message()`. */
export function debugMessage(ev: DebugMessage, ctx: FormatContext): string {
  return debugMessageText(
    {
      subtype: ev.subtype,
      arg1: ev.arg1,
      arg2: ev.arg2,
      arg3: ev.arg3,
      ifname: (i) => ctx.ifname(i),
      ctState: (state) => {
        const name = tableText(ctx, 'ctStates', state);
        if (name !== undefined) return name;
        const code = state & 0xff;
        return tableText(ctx, 'dropReasons', code) ?? `${code}, 0`;
      },
    },
    ctx.tables.texts.debugMessages ?? {},
  );
}

/** The `-v`/`-vv` debug line (debug messages print nothing by default). */
export function debugLine(ev: DebugMessage, ctx: FormatContext): string {
  return `${ctx.cpuPrefix} MARK ${goHex(ev.hash)} FROM ${ev.source} DEBUG: ${debugMessage(ev, ctx)}\n`;
}

/** Go `byteorder.NetworkToHost16` on a little-endian host. */
function n16(v: number): number {
  return ((v & 0xff) << 8) | ((v >>> 8) & 0xff);
}

/** Go `byteorder.NetworkToHost32` on a little-endian host. */
function n32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | ((v >>> 24) & 0xff)) >>> 0;
}

/** `DebugCapture.infoPrefix`: only some kinds have one (others print nothing by default). */
export function debugCapturePrefix(ev: DebugCapture, ctx: FormatContext): string {
  switch (ev.subtype) {
    case 4:
      return `-> ${ctx.ifname(ev.arg1)}`;
    case 5:
      return `<- load-balancer ${ctx.ifname(ev.arg1)}`;
    case 6:
      return `== v4->v6 ${ev.arg1}`;
    case 7:
      return `== v6->v4 ${ev.arg1}`;
    case 9:
      return `-> proxy port ${n16(ev.arg1 & 0xffff)}`;
    default:
      return '';
  }
}

/** `DebugCapture.subTypeString`: the generated format string with Go's argument. */
export function debugCaptureText(ev: DebugCapture, ctx: FormatContext): string {
  const format = tableText(ctx, 'debugCaptures', ev.subtype);
  if (format === undefined) return `Unknown message type=${ev.subtype} arg1=${ev.arg1}`;
  // Proxy kinds print the port byte-swapped; the rest print arg1 as is.
  const arg = ev.subtype === 8 || ev.subtype === 9 ? n16(ev.arg1 & 0xffff) : ev.arg1;
  return goSprintf(format, [arg]);
}

/** The Hubble proxy port of proxy capture kinds (`NetworkToHost32(arg1)`). */
export function debugCaptureProxyPort(ev: DebugCapture): number {
  return n32(ev.arg1);
}

/** Default/`-v` line: `<prefix>: <summary>` for kinds with a prefix, else nothing. */
export function debugCaptureInfo(ev: DebugCapture, ctx: FormatContext): string {
  const prefix = debugCapturePrefix(ev, ctx);
  if (prefix === '') return '';
  return `${prefix}: ${connectionSummary(ctx.goData(ev), ETHERNET_START, ctx.dialect)}\n`;
}

/** `DebugCapture.Len` as the release reads it: len_cap from 1.19, the len_orig word before. */
export function debugCaptureBytes(ev: DebugCapture, ctx: FormatContext): number {
  return ctx.dialect.debugCaptureCapLen ? ev.capLen : ev.origLen;
}

/** The `-vv` debug capture block (after the separator). */
export function debugCaptureVerbose(ev: DebugCapture, hex: boolean, ctx: FormatContext): string {
  const bytes = debugCaptureBytes(ev, ctx);
  // 1.19 dropped the newline after the header, so the packet dump starts on the same line.
  const eol = ctx.dialect.debugCaptureCapLen ? '' : '\n';
  let s = `${ctx.cpuPrefix} MARK ${goHex(ev.hash)} FROM ${ev.source} DEBUG: ${bytes} bytes, ${debugCaptureText(ev, ctx)}${eol}`;
  const data = ctx.goData(ev);
  if (bytes > 0 && data.length > 0) s += packetDump(data, ETHERNET_START, !hex, ctx);
  return s;
}
