/**
 * Monitor tables from the parsed C headers of one release: struct layouts of the monitor
 * messages, the enum and constant groups the decoder reads, drop reasons and file ids.
 * What the decoder needs and the headers lack is an error naming it; optional items (the
 * recorder's `capture_msg`, `CLS_FLAG_*` before 1.18) are emitted only where present.
 */
import { CParseError, layoutRecord, parseHeaders, type CProgram, type SourceFile } from './c/index.js';
import type { StructLayout } from '../src/table-types.js';
import { extractSourceFileIds } from './source-files.js';

/** Feature macros a datapath build defines, so that every event struct and constant is compiled in. */
export const FEATURE_DEFINES: Readonly<Record<string, string>> = {
  DROP_NOTIFY: '1',
  TRACE_NOTIFY: '1',
  DEBUG: '1',
  POLICY_VERDICT_NOTIFY: '1',
  TRACE_SOCK_NOTIFY: '1',
  BPF_HAVE_PERF_EVENT_OUTPUT: '1',
  ENABLE_CAPTURE: '1',
};

/** Monitor message structs, by C tag; `required: false` ones are emitted where the headers have them. */
const MONITOR_STRUCTS: ReadonlyArray<{ tag: string; required: boolean }> = [
  { tag: 'drop_notify', required: true },
  { tag: 'debug_msg', required: true },
  { tag: 'debug_capture_msg', required: true },
  { tag: 'trace_notify', required: true },
  { tag: 'policy_verdict_notify', required: true },
  { tag: 'capture_msg', required: false },
  { tag: 'trace_sock_notify', required: true },
];

/** Tagged enums emitted under their tag. */
const TAGGED_ENUMS: ReadonlyArray<{ tag: string; required: boolean }> = [
  { tag: 'trace_point', required: true },
  { tag: 'trace_reason', required: true },
  { tag: 'ct_status', required: true },
  { tag: 'ct_dir', required: false },
  { tag: 'xlate_point', required: true },
  { tag: 'l4_protocol', required: true },
];

/**
 * Anonymous enums, each found by one member it must contain (the anchor) and emitted whole
 * under the group name.
 */
const ANCHORED_ENUMS: ReadonlyArray<{ group: string; anchor: string; required: boolean }> = [
  { group: 'CILIUM_NOTIFY', anchor: 'CILIUM_NOTIFY_DROP', required: true },
  { group: 'DBG', anchor: 'DBG_GENERIC', required: true },
  { group: 'DBG_CAPTURE', anchor: 'DBG_CAPTURE_DELIVERY', required: true },
  { group: 'POLICY', anchor: 'POLICY_INGRESS', required: true },
  { group: 'POLICY_MATCH', anchor: 'POLICY_MATCH_NONE', required: true },
  { group: 'CAPTURE', anchor: 'CAPTURE_INGRESS', required: false },
  { group: 'CLS_FLAG', anchor: 'CLS_FLAG_IPV6', required: false },
];

/** `#define` groups: the listed macros that are defined as integer constants. */
const DEFINE_GROUPS: ReadonlyArray<{ group: string; names: readonly string[]; required: readonly string[] }> = [
  { group: 'NOTIFY_VER', names: ['NOTIFY_CAPTURE_VER', 'NOTIFY_DROP_VER', 'NOTIFY_TRACE_VER'], required: ['NOTIFY_CAPTURE_VER'] },
];

/** The C-derived part of `ReleaseTables`. */
export interface CTables {
  structs: Record<string, StructLayout>;
  enums: Record<string, Record<string, number>>;
  dropReasons: Record<number, string>;
  fileIds: Record<number, string>;
}

/** Drop codes are `-130 … -255`; non-drop metric reasons (`REASON_*`) share the space below 130. */
const DROP_MIN = 130;

/** Parses the pinned `bpf/lib` headers of a release and extracts its tables. */
export function extractCTables(headers: readonly SourceFile[]): CTables {
  const program = parseHeaders([...headers], { defines: { ...FEATURE_DEFINES } });
  const sourceInfo = headers.find((f) => f.path.endsWith('/source_info.h'));
  if (sourceInfo === undefined) throw missing('bpf/lib/source_info.h (the source file id list)');
  return {
    structs: extractStructs(program),
    enums: extractEnumGroups(program),
    dropReasons: extractDropReasons(program),
    fileIds: extractSourceFileIds(sourceInfo.text, sourceInfo.path),
  };
}

/** Something the decoder needs is absent from (or unusable in) the pinned headers as a whole. */
export class MissingDefinitionError extends Error {
  readonly code = 'C_MISSING_DEFINITION';
  constructor(readonly what: string) {
    super(`the pinned headers lack ${what}`);
    this.name = 'MissingDefinitionError';
  }
}

function missing(what: string): MissingDefinitionError {
  return new MissingDefinitionError(what);
}

/** Layouts of the monitor structs; a missing required one is an error naming it. */
export function extractStructs(program: CProgram): Record<string, StructLayout> {
  const out: Record<string, StructLayout> = {};
  for (const { tag, required } of MONITOR_STRUCTS) {
    const key = `struct ${tag}`;
    if (!program.records.has(key)) {
      if (required) throw missing(`a definition of ${key}`);
      continue;
    }
    out[tag] = layoutRecord(program, key);
  }
  return out;
}

function toNumber(v: bigint, name: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw missing(`a value of ${name} that fits a JavaScript number`);
  }
  return Number(v);
}

/** The enum and `#define` groups of `TAGGED_ENUMS`, `ANCHORED_ENUMS` and `DEFINE_GROUPS`. */
export function extractEnumGroups(program: CProgram): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const { tag, required } of TAGGED_ENUMS) {
    const e = program.enums.find((x) => x.tag === tag);
    if (e === undefined) {
      if (required) throw missing(`a definition of enum ${tag}`);
      continue;
    }
    out[tag] = Object.fromEntries(e.members.map((m) => [m.name, toNumber(m.value, m.name)]));
  }
  for (const { group, anchor, required } of ANCHORED_ENUMS) {
    // Enums that failed to parse are skipped here: they may be ones we do not need.
    const e = program.enums.find((x) => x.tag === undefined && x.error === undefined && x.members.some((m) => m.name === anchor));
    if (e === undefined) {
      if (!required) continue;
      // One of the broken enums may be the one we need: its error says what went wrong.
      const broken = program.enums.find((x) => x.tag === undefined && x.error !== undefined);
      throw broken?.error ?? missing(`an anonymous enum with ${anchor} (group ${group})`);
    }
    out[group] = Object.fromEntries(e.members.map((m) => [m.name, toNumber(m.value, m.name)]));
  }
  for (const { group, names, required } of DEFINE_GROUPS) {
    const values: Record<string, number> = {};
    for (const name of names) {
      const v = program.macros.has(name) ? program.evalConstant(name) : undefined;
      if (v === undefined) {
        if (required.includes(name)) throw missing(`#define ${name} <integer>`);
        continue;
      }
      values[name] = toNumber(v, name);
    }
    out[group] = values;
  }
  return out;
}

/**
 * Wire code → C name for `DROP_*` (negative in C, positive on the wire) and `REASON_*`
 * (the non-drop metric reasons below 130). Where an alias shares a code (`#define A B`),
 * the name defined by a number wins.
 */
export function extractDropReasons(program: CProgram): Record<number, string> {
  const byCode = new Map<number, { name: string; literal: boolean }>();
  for (const [name, macro] of program.macros) {
    const drop = name.startsWith('DROP_');
    if ((!drop && !name.startsWith('REASON_')) || macro.params !== undefined) continue;
    const v = program.evalConstant(name);
    if (v === undefined) continue;
    const code = drop ? -Number(v) : Number(v);
    if (drop ? code < DROP_MIN || code > 255 : code < 0 || code >= DROP_MIN) continue;
    const literal = macro.body.every((t) => t.kind === 'number' || t.text === '-' || t.text === '(' || t.text === ')');
    const seen = byCode.get(code);
    if (seen === undefined || (literal && !seen.literal) || (literal === seen.literal && name < seen.name && !seen.literal)) {
      byCode.set(code, { name, literal });
    } else if (literal && seen.literal && seen.name !== name) {
      throw new CParseError('C_SYNTAX', macro.loc, `one name per drop code (${code} is both ${seen.name} and ${name})`, name);
    }
  }
  if (byCode.size === 0) throw missing('#define DROP_* reason codes');
  return Object.fromEntries([...byCode].sort((a, b) => a[0] - b[0]).map(([code, { name }]) => [code, name]));
}
