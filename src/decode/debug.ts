/** Debug messages (type 2, `struct debug_msg`): a common header and three u32 arguments. */
import type { ReleaseTables } from '../table-types.js';
import type { DebugArgNames, DebugMessage, Release } from './types.js';
import type { CommonHeaderLayout } from './capture-header.js';
import { compileCommonHeader, shortBuffer } from './capture-header.js';
import { LayoutDefect, offsetOf } from './layout.js';
import type { ReleaseNames } from './names.js';
import { debugArgNames } from './debug-args.js';

export interface DebugLayout {
  hdr: CommonHeaderLayout;
  length: number;
  arg1: number;
  arg2: number;
  arg3: number;
  /** `DBG_CT_VERDICT` in this release, whose arg1 is a CT state. */
  ctVerdict: number;
  /** Argument names by subtype value. */
  argNames: readonly DebugArgNames[];
}

export function compileDebug(t: ReleaseTables, names: ReleaseNames): DebugLayout {
  const n = 'debug_msg';
  const s = t.structs[n];
  if (s === undefined) throw new LayoutDefect(`release ${t.release} has no ${n}`);
  return {
    hdr: compileCommonHeader(s, n),
    length: s.size,
    arg1: offsetOf(s, 'arg1', 4, n),
    arg2: offsetOf(s, 'arg2', 4, n),
    arg3: offsetOf(s, 'arg3', 4, n),
    ctVerdict: t.enums['DBG']?.['DBG_CT_VERDICT'] ?? -1,
    argNames: names.dbg.map(debugArgNames),
  };
}

export class DebugMessageEvent implements DebugMessage {
  declare readonly type: 2;
  declare readonly subtype: number;
  declare readonly source: number;
  declare readonly hash: number;
  declare readonly arg1: number;
  declare readonly arg2: number;
  declare readonly arg3: number;
  declare readonly dbgName: string | undefined;
  declare readonly argNames: DebugArgNames;
  declare readonly ctStateName: string | undefined;
  declare readonly release: Release;

  constructor(L: DebugLayout, names: ReleaseNames, le: boolean, bytes: Uint8Array, view: DataView) {
    const b = bytes.byteOffset;
    const subtype = bytes[L.hdr.subtype] as number;
    const arg1 = view.getUint32(b + L.arg1, le);
    this.type = 2;
    this.subtype = subtype;
    this.source = view.getUint16(b + L.hdr.source, le);
    this.hash = view.getUint32(b + L.hdr.hash, le);
    this.arg1 = arg1;
    this.arg2 = view.getUint32(b + L.arg2, le);
    this.arg3 = view.getUint32(b + L.arg3, le);
    this.dbgName = names.dbg[subtype];
    this.argNames = L.argNames[subtype] as DebugArgNames;
    this.ctStateName = subtype === L.ctVerdict && arg1 < 256 ? names.ctState[arg1] : undefined;
    this.release = names.release;
  }
}

/** Decodes a debug message; `bytes[0]` is known to be 2. Bytes after the struct are ignored. */
export function decodeDebug(
  L: DebugLayout,
  names: ReleaseNames,
  le: boolean,
  bytes: Uint8Array,
  view: DataView,
): DebugMessageEvent {
  if (bytes.length < L.length) throw shortBuffer(2, L.length, bytes.length);
  return new DebugMessageEvent(L, names, le, bytes, view);
}
