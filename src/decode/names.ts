/**
 * Enum names and display texts of one release, indexed by wire value so the hot path resolves
 * a name with one array load.
 */
import type { ReleaseTables } from '../table-types.js';
import type { Release } from './types.js';
import { namesByValue } from './layout.js';

type NameTable = readonly (string | undefined)[];

export interface ReleaseNames {
  release: Release;
  dropReason: NameTable;
  dropReasonText: NameTable;
  fileName: NameTable;
  tracePoint: NameTable;
  traceReason: NameTable;
  ctState: NameTable;
  dbg: NameTable;
  dbgCapture: NameTable;
  policyMatch: NameTable;
  captureDirection: NameTable;
  xlatePoint: NameTable;
  l4Protocol: NameTable;
  agentNotification: ReadonlyMap<number, string>;
}

/** Text groups (in `ReleaseTables.texts`) the decoder reads. */
const TEXT_GROUPS = {
  dropReason: 'dropReasons',
  agentNotification: 'agentNotifications',
} as const;

export function compileNames(t: ReleaseTables, release: Release): ReleaseNames {
  return {
    release,
    dropReason: byCode(t.dropReasons),
    dropReasonText: dropReasonTexts(t),
    fileName: byCode(t.fileIds),
    tracePoint: namesByValue(t.enums['trace_point']),
    traceReason: namesByValue(t.enums['trace_reason']),
    ctState: namesByValue(t.enums['ct_status']),
    dbg: namesByValue(t.enums['DBG']),
    dbgCapture: namesByValue(t.enums['DBG_CAPTURE']),
    policyMatch: namesByValue(t.enums['POLICY_MATCH']),
    captureDirection: namesByValue(t.enums['CAPTURE']),
    xlatePoint: namesByValue(t.enums['xlate_point']),
    l4Protocol: namesByValue(t.enums['l4_protocol']),
    agentNotification: agentNotificationNames(t),
  };
}

function byCode(codes: Record<number, string>): NameTable {
  const out = new Array<string | undefined>(256).fill(undefined);
  for (const [code, name] of Object.entries(codes)) {
    const n = Number(code);
    if (n >= 0 && n < 256) out[n] = name;
  }
  return out;
}

/** Texts are keyed by the C name where one exists, else by the decimal code. */
function dropReasonTexts(t: ReleaseTables): NameTable {
  const texts = t.texts[TEXT_GROUPS.dropReason] ?? {};
  const out = new Array<string | undefined>(256).fill(undefined);
  for (let code = 0; code < 256; code++) {
    const name = t.dropReasons[code];
    out[code] = (name !== undefined ? texts[name] : undefined) ?? texts[String(code)];
  }
  return out;
}

function agentNotificationNames(t: ReleaseTables): ReadonlyMap<number, string> {
  const texts = t.texts[TEXT_GROUPS.agentNotification] ?? {};
  const out = new Map<number, string>();
  for (const [key, text] of Object.entries(texts)) {
    const n = Number(key);
    if (Number.isInteger(n)) out.set(n, text);
  }
  return out;
}
