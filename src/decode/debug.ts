/** Debug messages (type 2, `struct debug_msg`): a common header and three u32 arguments. */
import type { ReleaseTables } from '../table-types.js';
import type { DebugArgNames, DebugMessage, DebugMessageJSON, Release } from './types.js';
import type { CommonHeaderLayout } from './capture-header.js';
import { compileCommonHeader, shortBuffer } from './capture-header.js';
import { LayoutDefect, offsetOf } from './layout.js';
import type { ReleaseNames } from './names.js';
import { debugArgNames } from './debug-args.js';
import type { Reader } from './read.js';
import { readerFor } from './read.js';
import type { Writable } from './internal.js';
import { LAYOUT } from './internal.js';
import { jsonView, withDataView } from './plain.js';

export interface DebugLayout {
  names: ReleaseNames;
  rd: Reader;
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

export function compileDebug(t: ReleaseTables, names: ReleaseNames, le: boolean): DebugLayout {
  const n = 'debug_msg';
  const s = t.structs[n];
  if (s === undefined) throw new LayoutDefect(`release ${t.release} has no ${n}`);
  return {
    names,
    rd: readerFor(le),
    hdr: compileCommonHeader(s, n),
    length: s.size,
    arg1: offsetOf(s, 'arg1', 4, n),
    arg2: offsetOf(s, 'arg2', 4, n),
    arg3: offsetOf(s, 'arg3', 4, n),
    ctVerdict: t.enums['DBG']?.['DBG_CT_VERDICT'] ?? -1,
    argNames: names.dbg.map(debugArgNames),
  };
}

/** The order of {@link DebugMessageJSON} views. */
const DEBUG_MESSAGE_KEYS = ['type', 'release', 'subtype', 'subtypeName', 'source', 'hash', 'arg1', 'arg2', 'arg3', 'argNames', 'ctState', 'ctStateName'] as const;

export const DebugMessageEvent = /*#__PURE__*/ withDataView(
  class DebugMessageEvent implements DebugMessage {
    declare readonly type: 2;
    declare readonly subtype: number;
    declare readonly source: number;
    declare readonly hash: number;
    declare readonly arg1: number;
    declare readonly arg2: number;
    declare readonly arg3: number;
    declare readonly [LAYOUT]: DebugLayout;

    /**
     * Every field present and zero: the full shape from the start, so fresh and reused events
     * share one hidden class. The decode function writes the values.
     */
    constructor(L: DebugLayout) {
      this.type = 2;
      this.subtype = 0;
      this.source = 0;
      this.hash = 0;
      this.arg1 = 0;
      this.arg2 = 0;
      this.arg3 = 0;
      this[LAYOUT] = L;
    }

    get subtypeName(): string | undefined {
      return this[LAYOUT].names.dbg[this.subtype];
    }

    get argNames(): DebugArgNames {
      return this[LAYOUT].argNames[this.subtype] as DebugArgNames;
    }

    get ctState(): number | undefined {
      return this.subtype === this[LAYOUT].ctVerdict ? this.arg1 : undefined;
    }

    get ctStateName(): string | undefined {
      const L = this[LAYOUT];
      return this.subtype === L.ctVerdict && this.arg1 < 256 ? L.names.ctState[this.arg1] : undefined;
    }

    get release(): Release {
      return this[LAYOUT].names.release;
    }
    toJSON(): DebugMessageJSON {
      return jsonView<DebugMessage, typeof DEBUG_MESSAGE_KEYS>(this, DEBUG_MESSAGE_KEYS);
    }

  },
  'DebugMessage',
);
export type DebugMessageEvent = InstanceType<typeof DebugMessageEvent>;

/**
 * Decodes a debug message into `into` or a fresh event; `b[0]` is known to be 2. Bytes after
 * the struct are ignored.
 */
export function decodeDebug(L: DebugLayout, b: Uint8Array, into: DebugMessageEvent | undefined): DebugMessageEvent {
  if (b.length < L.length) throw shortBuffer(2, L.length, b.length);
  const r = L.rd;
  const ev: Writable<DebugMessageEvent> = into ?? new DebugMessageEvent(L);
  ev.subtype = b[L.hdr.subtype]!;
  ev.source = r.u16(b, L.hdr.source);
  ev.hash = r.u32(b, L.hdr.hash);
  ev.arg1 = r.u32(b, L.arg1);
  ev.arg2 = r.u32(b, L.arg2);
  ev.arg3 = r.u32(b, L.arg3);
  return ev;
}
