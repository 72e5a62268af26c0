/**
 * The display strings `cilium monitor` prints that exist only in Cilium's Go code, read from
 * the pinned Go files of a release. Each group names where its strings live; a group whose
 * source is missing from the pinned Go files is an error (the pin or this table needs fixing).
 */
import { GoExtractError, mapLiteral, readGoFile, switchReturns, evalConst, type GoFile, type GoToken } from './go-source.js';

/** Where one text group comes from. Keys of every group are decimal wire values. */
interface TextSource {
  group: string;
  file: string;
  /** A map literal keyed by value (`map[uint8]string`), or keyed by text (`map[string]int`, inverted). */
  map?: string;
  inverted?: boolean;
  /** A `switch` whose cases return the text (`Recv.Method` for methods). */
  switchIn?: string;
}

/** Text groups, by the name they get in `ReleaseTables.texts`. */
const TEXT_SOURCES: readonly TextSource[] = [
  { group: 'dropReasons', file: 'pkg/monitor/api/drop.go', map: 'errors' },
  { group: 'fileNames', file: 'pkg/monitor/api/files.go', map: 'files' },
  { group: 'messageTypes', file: 'pkg/monitor/api/types.go', map: 'MessageTypeNames', inverted: true },
  { group: 'traceObservationPoints', file: 'pkg/monitor/api/types.go', map: 'TraceObservationPoints' },
  { group: 'agentNotifications', file: 'pkg/monitor/api/types.go', map: 'AgentNotifications' },
  { group: 'policyMatchTypes', file: 'pkg/monitor/api/types.go', switchIn: 'PolicyMatchType.String' },
  { group: 'traceReasons', file: 'pkg/monitor/datapath_trace.go', map: 'traceReasons' },
  { group: 'traceSummaries', file: 'pkg/monitor/datapath_trace.go', switchIn: 'TraceNotify.traceSummary' },
  { group: 'xlatePoints', file: 'pkg/monitor/datapath_sock_trace.go', switchIn: 'TraceSockNotify.XlatePointStr' },
  { group: 'l4Protocols', file: 'pkg/monitor/datapath_sock_trace.go', switchIn: 'TraceSockNotify.L4ProtoStr' },
  { group: 'ctStates', file: 'pkg/monitor/datapath_debug.go', map: 'ctStateText' },
  { group: 'debugMessages', file: 'pkg/monitor/datapath_debug.go', switchIn: 'DebugMsg.Message' },
  { group: 'debugCaptures', file: 'pkg/monitor/datapath_debug.go', switchIn: 'DebugCapture.subTypeString' },
];

/**
 * Parses the Go files and evaluates their constants. A constant may refer to one in another
 * file of its package or, qualified, in another package (`api.MessageTypeDrop`); the second
 * pass sees every constant the first one could evaluate, which covers Cilium's one level of
 * such references.
 */
export function readGoPackages(files: ReadonlyMap<string, string>): Map<string, GoFile> {
  const paths = [...files.keys()].filter((p) => p.endsWith('.go')).sort();
  const parsed = new Map<string, GoFile>();
  const byPackage = new Map<string, Map<string, bigint>>();
  const lookupIn = (pkg: string | undefined) => (name: string): bigint | undefined => {
    const dot = name.indexOf('.');
    if (dot >= 0) return byPackage.get(name.slice(0, dot))?.get(name.slice(dot + 1));
    return pkg === undefined ? undefined : byPackage.get(pkg)?.get(name);
  };
  for (let pass = 0; pass < 2; pass++) {
    for (const path of paths) {
      const file = readGoFile(path, files.get(path)!, lookupIn(parsed.get(path)?.pkg));
      parsed.set(path, file);
      const consts = byPackage.get(file.pkg) ?? new Map<string, bigint>();
      for (const [k, v] of file.consts) consts.set(k, v);
      byPackage.set(file.pkg, consts);
    }
  }
  return parsed;
}

/**
 * Extracts every text group from the pinned Go files (`path` → file text).
 * Throws `GoExtractError` when a group's file, map or function is missing or a key does not
 * resolve to an integer constant.
 */
export function extractTexts(files: ReadonlyMap<string, string>): Record<string, Record<string, string>> {
  const parsed = readGoPackages(files);
  const out: Record<string, Record<string, string>> = {};
  for (const src of TEXT_SOURCES) {
    const file = parsed.get(src.file);
    if (file === undefined) throw new GoExtractError(src.file, 0, `not among the pinned Go files (needed for texts.${src.group})`);
    const resolve = (tokens: GoToken[], line: number): number => {
      const v = evalConst(tokens, 0n, (name) => constantOf(parsed, file, name));
      if (v === undefined) {
        throw new GoExtractError(file.path, line, `cannot resolve "${tokens.map((t) => t.text).join('')}" to an integer (texts.${src.group})`);
      }
      return Number(v);
    };
    const group: Array<[number, string]> = [];
    if (src.map !== undefined) {
      const entries = mapLiteral(file, src.map);
      if (entries === undefined) throw new GoExtractError(file.path, 0, `map literal ${src.map} not found (texts.${src.group})`);
      for (const e of entries) {
        const [textSide, valueSide] = src.inverted ? [e.key, e.value] : [e.value, e.key];
        const text = stringConst(parsed, file, textSide);
        if (text === undefined) throw new GoExtractError(file.path, e.line, `expected a string in map ${src.map}`);
        group.push([resolve(valueSide, e.line), text]);
      }
    } else if (src.switchIn !== undefined) {
      const cases = switchReturns(file, src.switchIn);
      if (cases === undefined) throw new GoExtractError(file.path, 0, `function ${src.switchIn} not found (texts.${src.group})`);
      for (const c of cases) for (const v of c.values) group.push([resolve(v, c.line), c.text]);
    }
    group.sort((a, b) => a[0] - b[0]);
    out[src.group] = Object.fromEntries(group.map(([k, v]) => [String(k), v]));
  }
  return out;
}

function constantOf(parsed: Map<string, GoFile>, file: GoFile, name: string): bigint | undefined {
  const dot = name.indexOf('.');
  const [pkg, local] = dot >= 0 ? [name.slice(0, dot), name.slice(dot + 1)] : [file.pkg, name];
  for (const f of parsed.values()) {
    if (f.pkg !== pkg) continue;
    const v = f.consts.get(local);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** A string literal, or a (possibly qualified) string constant such as `MessageTypeNameDrop`. */
function stringConst(parsed: Map<string, GoFile>, file: GoFile, tokens: GoToken[]): string | undefined {
  if (tokens.length === 1 && tokens[0]!.kind === 'string') return tokens[0]!.value;
  const name = tokens.map((t) => t.text).join('');
  const dot = name.indexOf('.');
  const [pkg, local] = dot >= 0 ? [name.slice(0, dot), name.slice(dot + 1)] : [file.pkg, name];
  for (const f of parsed.values()) {
    if (f.pkg !== pkg) continue;
    const { tokens: ft } = f;
    for (let i = 0; i + 2 < ft.length; i++) {
      if (ft[i]!.text === local && ft[i + 1]!.text === '=' && ft[i + 2]!.kind === 'string' && ft[i + 3]?.kind === 'semi') {
        return ft[i + 2]!.value;
      }
    }
  }
  return undefined;
}
