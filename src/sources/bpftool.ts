/**
 * The `bpftool` input format: what `bpftool -j map event_pipe <map>` prints — a JSON array of
 * `{type, cpu, index, timestamp?, data: [bytes…]}` for samples (type 9) and
 * `{type, cpu, index, lost: {id, count}}` for lost records (type 2). Also accepted: the
 * pretty-printed form (`-p`), one object per line, and an array cut short when bpftool was
 * killed (no closing `]`). Byte arrays may hold numbers or `"0x.."` strings.
 */
import { SourceError } from './errors.js';
import type { InputRecord } from './types.js';

const PERF_RECORD_SAMPLE = 9;
const PERF_RECORD_LOST = 2;

/** Locates the top-level objects of the text, skipping the array brackets and commas around them. */
function* objectSpans(text: string): Generator<{ start: number; end: number; line: number }> {
  let line = 1;
  let i = 0;
  let sawArrayEnd = false;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\n') line++;
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === ',' || ch === '[') {
      i++;
      continue;
    }
    if (ch === ']') {
      sawArrayEnd = true;
      i++;
      continue;
    }
    if (ch !== '{' || sawArrayEnd) {
      throw new SourceError('BAD_JSON', `bpftool: line ${line}: unexpected ${JSON.stringify(ch)} at byte ${i}`, i, line);
    }
    const start = i;
    const startLine = line;
    let depth = 0;
    let inString = false;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) line++;
      if (inString) {
        if (c === 0x5c) i++; // backslash: skip the escaped character
        else if (c === 0x22) inString = false;
      } else if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 0) break;
      }
    }
    if (i >= text.length) {
      throw new SourceError('BAD_JSON', `bpftool: line ${startLine}: object at byte ${start} is cut short`, start, startLine);
    }
    i++;
    yield { start, end: i, line: startLine };
  }
}

function byteValue(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255) return v;
  if (typeof v === 'string' && /^0x[0-9a-fA-F]{1,2}$/.test(v)) return parseInt(v, 16);
  return -1;
}

function uintField(o: Record<string, unknown>, key: string): number | undefined {
  const v = o[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/**
 * Parses captured `bpftool -j map event_pipe` output.
 *
 * @example
 * const records = readBpftool(execSync('timeout 5 bpftool -j map event_pipe pinned /sys/fs/bpf/tc/globals/cilium_events', { encoding: 'utf8' }));
 */
export function readBpftool(text: string): InputRecord[] {
  const out: InputRecord[] = [];
  for (const { start, end, line } of objectSpans(text)) {
    const bad = (why: string): never => {
      throw new SourceError('BAD_JSON', `bpftool: line ${line}: record at byte ${start} ${why}`, start, line);
    };
    let o: unknown;
    try {
      o = JSON.parse(text.slice(start, end));
    } catch (e) {
      bad(`is not valid JSON (${(e as Error).message})`);
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return bad('is not an object');
    const rec = o as Record<string, unknown>;
    const type = uintField(rec, 'type');
    if (type === undefined) return bad('has no numeric "type"');
    const cpu = uintField(rec, 'cpu');
    if (type === PERF_RECORD_SAMPLE) {
      const data = rec['data'];
      if (!Array.isArray(data)) return bad('has no "data" array');
      const bytes = new Uint8Array(data.length);
      data.forEach((v, k) => {
        const b = byteValue(v);
        if (b < 0) bad(`has a data element ${JSON.stringify(v)} that is not a byte`);
        bytes[k] = b;
      });
      out.push({ kind: 'sample', data: bytes, cpu, offset: start, line });
    } else if (type === PERF_RECORD_LOST) {
      const lost = rec['lost'];
      const count = typeof lost === 'object' && lost !== null ? uintField(lost as Record<string, unknown>, 'count') : undefined;
      if (count === undefined) return bad('has no "lost.count"');
      out.push({ kind: 'lost', count, cpu, offset: start, line });
    } else {
      out.push({ kind: 'other', recordType: type, cpu, offset: start, line });
    }
  }
  return out;
}
