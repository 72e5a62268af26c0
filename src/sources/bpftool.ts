/**
 * The `bpftool` input format: what `bpftool -j map event_pipe <map>` prints — a JSON array of
 * `{type, cpu, index, timestamp?, data: [bytes…]}` for samples (type 9) and
 * `{type, cpu, index, lost: {id, count}}` for lost records (type 2). Also accepted: the
 * pretty-printed form (`-p`), one object per line, and an array cut short when bpftool was
 * killed (no closing `]`). Byte arrays may hold numbers or `"0x.."` strings. {@link BpftoolReader}
 * takes the output in chunks as bpftool prints it.
 */
import { Carry } from './concat.js';
import { SourceError } from './errors.js';
import type { InputRecord } from './types.js';

const PERF_RECORD_SAMPLE = 9;
const PERF_RECORD_LOST = 2;

function byteValue(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255) return v;
  if (typeof v === 'string' && /^0x[0-9a-fA-F]{1,2}$/.test(v)) return parseInt(v, 16);
  return -1;
}

function uintField(o: Record<string, unknown>, key: string): number | undefined {
  const v = o[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** Turns one parsed top-level object into a record, or throws `bad-json` naming it. */
function toRecord(json: string, start: number, line: number): InputRecord {
  const bad = (why: string): never => {
    throw new SourceError('bad-json', `bpftool: line ${line}: record at byte ${start} ${why}`, start, line);
  };
  let o: unknown;
  try {
    o = JSON.parse(json);
  } catch (e) {
    return bad(`is not valid JSON (${(e as Error).message})`);
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
    return { kind: 'sample', data: bytes, cpu, offset: start, line };
  }
  if (type === PERF_RECORD_LOST) {
    const lost = rec['lost'];
    const count = typeof lost === 'object' && lost !== null ? uintField(lost as Record<string, unknown>, 'count') : undefined;
    if (count === undefined) return bad('has no "lost.count"');
    return { kind: 'lost', count, cpu, offset: start, line };
  }
  return { kind: 'other', recordType: type, data: undefined, cpu, offset: start, line };
}

/** Largest single record accepted (a 64 KiB sample prints as about 256 KiB of JSON). */
export const MAX_BPFTOOL_RECORD = 16 << 20;

const utf8 = new TextDecoder();

/**
 * Incremental reader of bpftool output: each top-level object becomes a record as soon as
 * its closing brace arrives. Structure characters are ASCII, so bytes are scanned directly.
 *
 * @example
 * const reader = new BpftoolReader();
 * bpftool.stdout.on('data', (chunk) => { for (const r of reader.push(chunk)) handle(r) });
 */
export class BpftoolReader {
  private readonly pending = new Carry();
  /** Stream offset of the first pending byte. */
  private base = 0;
  private line = 1;
  /** Index in the pending bytes of the open object's `{`, or -1 between objects. */
  private objStart = -1;
  private objLine = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private arrayEnded = false;
  private failure: SourceError | undefined;

  /**
   * Records completed by `chunk`. A malformed record ends the batch: the records before it
   * are returned, and the error is thrown by the next `push` or `end`.
   */
  push(chunk: Uint8Array): InputRecord[] {
    if (this.failure) throw this.failure;
    const scanFrom = this.pending.length;
    const buf = this.pending.join(chunk);
    const out: InputRecord[] = [];
    let pos = scanFrom;
    // `length`, not `byteLength`: on Node 20 a typed array's byteLength is a getter call
    // (~10 ns), here once per input byte.
    const size = buf.length;
    try {
      for (; pos < size; pos++) {
        const c = buf[pos] as number;
        if (c === 0x0a) this.line++;
        if (this.objStart < 0) this.between(c, pos);
        else if (this.inObject(c)) {
          out.push(toRecord(utf8.decode(buf.subarray(this.objStart, pos + 1)), this.base + this.objStart, this.objLine));
          this.objStart = -1;
        }
      }
    } catch (e) {
      if (!(e instanceof SourceError)) throw e;
      this.failure = e;
      return out;
    }
    // Keep only the open object's bytes.
    const keepFrom = this.objStart < 0 ? size : this.objStart;
    if (size - keepFrom > MAX_BPFTOOL_RECORD) {
      this.failure = new SourceError('bad-json', `bpftool: line ${this.objLine}: record at byte ${this.base + keepFrom} is longer than ${MAX_BPFTOOL_RECORD} bytes`, this.base + keepFrom, this.objLine);
      return out;
    }
    this.pending.keep(buf, keepFrom);
    this.base += keepFrom;
    if (this.objStart >= 0) this.objStart = 0;
    return out;
  }

  /** Throws `bad-json` when the output stops inside a record. */
  end(): void {
    if (this.failure) throw this.failure;
    if (this.objStart >= 0) {
      throw new SourceError('bad-json', `bpftool: line ${this.objLine}: object at byte ${this.base} is cut short`, this.base, this.objLine);
    }
  }

  /** Outside objects: whitespace, commas and the array brackets; `{` opens the next record. */
  private between(c: number, pos: number): void {
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x2c || c === 0x5b) return;
    if (c === 0x5d) {
      this.arrayEnded = true;
      return;
    }
    if (c !== 0x7b || this.arrayEnded) {
      const at = this.base + pos;
      throw new SourceError('bad-json', `bpftool: line ${this.line}: unexpected ${JSON.stringify(String.fromCharCode(c))} at byte ${at}`, at, this.line);
    }
    this.objStart = pos;
    this.objLine = this.line;
    this.depth = 1;
  }

  /** Inside an object; returns true at the brace that closes it. */
  private inObject(c: number): boolean {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (c === 0x5c) this.escaped = true;
      else if (c === 0x22) this.inString = false;
      return false;
    }
    if (c === 0x22) this.inString = true;
    else if (c === 0x7b || c === 0x5b) this.depth++;
    else if (c === 0x7d || c === 0x5d) return --this.depth === 0;
    return false;
  }
}

/**
 * Parses captured `bpftool -j map event_pipe` output.
 *
 * @example
 * const records = readBpftool(execSync('timeout 5 bpftool -j map event_pipe pinned /sys/fs/bpf/tc/globals/cilium_events', { encoding: 'utf8' }));
 */
export function readBpftool(text: string | Uint8Array): InputRecord[] {
  const reader = new BpftoolReader();
  const out = reader.push(typeof text === 'string' ? new TextEncoder().encode(text) : text);
  reader.end();
  return out;
}
