/**
 * Shared machinery of the fuzz harnesses (test/fuzz/harnesses.ts): the mutation arbitrary
 * that turns seed inputs into near-valid ones, and the checks every harness applies.
 *
 *  - only typed errors: whatever escapes must be the owning module's error class;
 *  - no reads outside the input: the input is handed over as a view into a larger buffer, twice,
 *    with different bytes around it; the two outcomes must be identical;
 *  - bounded time: each call is timed against a limit (FUZZ_MAX_MS, default 1000 ms);
 *  - bounded memory: the bytes a parser returns are bounded by the bytes it was given.
 */
import fc from 'fast-check';

/** One fuzz target: what it reads, how it is generated, what must hold. */
export interface Harness<T = unknown> {
  /** Short name, used by `npm run fuzz -- --only <name>`. */
  readonly name: string;
  /** The module whose code is under test (where a fix belongs). */
  readonly owner: string;
  /** What the property checks, one line. */
  readonly checks: string;
  readonly arbitrary: fc.Arbitrary<T>;
  /** Throws (an assertion or the escaped error) when a property does not hold. */
  readonly property: (input: T) => void;
}

export const MAX_MS = Number(process.env.FUZZ_MAX_MS ?? 1000);

// ---------------------------------------------------------------------------------------------
// Mutations

type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'word'; at: number; value: number; width: 2 | 4 | 8 }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'remove'; at: number; length: number }
  | { op: 'copy'; from: number; to: number; length: number }
  | { op: 'splice'; other: number; at: number };

const INTERESTING_BYTES = [0, 1, 0x7f, 0x80, 0xfe, 0xff];
const INTERESTING_WORDS = [0, 1, 7, 8, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff];

const mutation = (positions: number): fc.Arbitrary<Mutation> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('flip' as const), at: fc.nat(positions), bit: fc.nat(7) }) },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant('set' as const),
        at: fc.nat(positions),
        value: fc.oneof(fc.constantFrom(...INTERESTING_BYTES), fc.nat(255)),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant('word' as const),
        at: fc.nat(positions),
        value: fc.oneof(fc.constantFrom(...INTERESTING_WORDS), fc.nat(0xffffffff)),
        width: fc.constantFrom(2 as const, 4 as const, 8 as const),
      }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat(positions) }) },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(positions), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), at: fc.nat(positions), length: fc.integer({ min: 1, max: 16 }) }) },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('copy' as const), from: fc.nat(positions), to: fc.nat(positions), length: fc.integer({ min: 1, max: 64 }) }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('splice' as const), other: fc.nat(), at: fc.nat(positions) }) },
  );

function apply(seed: Uint8Array, ops: readonly Mutation[], seeds: readonly Uint8Array[]): Uint8Array {
  let b = seed.slice();
  for (const m of ops) {
    const n = b.length;
    switch (m.op) {
      case 'flip':
        if (n > 0) b[m.at % n]! ^= 1 << m.bit;
        break;
      case 'set':
        if (n > 0) b[m.at % n] = m.value;
        break;
      case 'word': {
        if (n === 0) break;
        const at = m.at % n;
        let v = BigInt(m.value);
        for (let i = 0; i < m.width && at + i < n; i++, v >>= 8n) b[at + i] = Number(v & 0xffn);
        break;
      }
      case 'truncate':
        b = b.slice(0, m.at % (n + 1));
        break;
      case 'insert': {
        const at = m.at % (n + 1);
        const out = new Uint8Array(n + m.bytes.length);
        out.set(b.subarray(0, at));
        out.set(m.bytes, at);
        out.set(b.subarray(at), at + m.bytes.length);
        b = out;
        break;
      }
      case 'remove': {
        if (n === 0) break;
        const at = m.at % n;
        const out = new Uint8Array(n - Math.min(m.length, n - at));
        out.set(b.subarray(0, at));
        out.set(b.subarray(at + m.length), at);
        b = out;
        break;
      }
      case 'copy': {
        if (n === 0) break;
        const from = m.from % n;
        const to = m.to % n;
        b.copyWithin(to, from, Math.min(n, from + m.length));
        break;
      }
      case 'splice': {
        const other = seeds[m.other % seeds.length]!;
        const at = m.at % (n + 1);
        const cut = other.length === 0 ? 0 : m.at % other.length;
        const out = new Uint8Array(at + other.length - cut);
        out.set(b.subarray(0, at));
        out.set(other.subarray(cut), at);
        b = out;
        break;
      }
    }
  }
  return b;
}

/**
 * Inputs near the seeds: a seed with up to `maxOps` mutations (byte and bit flips, interesting
 * values, truncation, insertion, removal, copies, splices with another seed), and now and then
 * plain random bytes. Shrinks towards fewer, smaller mutations of the first seed.
 */
export function mutated(seeds: readonly Uint8Array[], options: { maxOps?: number; randomMaxLength?: number } = {}): fc.Arbitrary<Uint8Array> {
  if (seeds.length === 0) throw new Error('mutated: no seeds');
  const longest = Math.max(...seeds.map((s) => s.length));
  const near = fc
    .tuple(fc.nat(seeds.length - 1), fc.array(mutation(longest + 16), { maxLength: options.maxOps ?? 6 }))
    .map(([i, ops]) => apply(seeds[i]!, ops, seeds));
  return fc.oneof(
    { weight: 8, arbitrary: near },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: options.randomMaxLength ?? 256 }) },
  );
}

// ---------------------------------------------------------------------------------------------
// Checks

/** Runs `f`; an error must satisfy `typed` (else it is rethrown as a failure). Returns the value or the error. */
export function typedOnly<R>(f: () => R, typed: (e: unknown) => boolean, what: string): { value: R } | { error: unknown } {
  try {
    return { value: f() };
  } catch (e) {
    if (!typed(e)) {
      const err = new Error(`${what} threw an untyped error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      (err as Error & { cause: unknown }).cause = e;
      throw err;
    }
    return { error: e };
  }
}

/** `bytes` as a view in the middle of a larger buffer whose other bytes are all `fill`. */
export function viewIn(bytes: Uint8Array, fill: number, pad = 64): Uint8Array {
  const backing = new Uint8Array(bytes.length + 2 * pad).fill(fill);
  backing.set(bytes, pad);
  return backing.subarray(pad, pad + bytes.length);
}

const hex = (b: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i]!.toString(16).padStart(2, '0');
  return s;
};

/**
 * A plain, comparable picture of a result: own and prototype getters (lazy fields run),
 * byte arrays as hex, bigints as text, errors as class, code and message; depth- and size-bounded.
 */
export function snapshot(value: unknown, depth = 5): unknown {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return undefined;
  if (value instanceof Uint8Array) return `0x${hex(value)}`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.byteLength})`;
  if (value instanceof Error) return { error: value.name, code: (value as { code?: unknown }).code, message: value.message };
  if (depth === 0) return '…';
  if (Array.isArray(value)) return value.slice(0, 256).map((v) => snapshot(v, depth - 1));
  if (value instanceof Map) return [...value].slice(0, 256).map(([k, v]) => [snapshot(k, 1), snapshot(v, depth - 1)]);
  const out: Record<string, unknown> = {};
  let proto: object | null = value as object;
  let keys = 0;
  while (proto !== null && proto !== Object.prototype && keys < 256) {
    for (const [key, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (key === 'constructor' || key in out || keys++ >= 256) continue;
      if (d.get !== undefined) out[key] = snapshot(d.get.call(value), depth - 1);
      else if ('value' in d && typeof d.value !== 'function') out[key] = snapshot(d.value, depth - 1);
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return out;
}

/**
 * Runs `run` on `bytes` placed in two different surroundings and requires identical outcomes
 * (value or error): a read outside the input would see different bytes. Also times each call.
 * Returns the outcome of the first run.
 */
export function sameOutsideTheInput<R>(
  bytes: Uint8Array,
  run: (view: Uint8Array) => R,
  typed: (e: unknown) => boolean,
  what: string,
): { value: R } | { error: unknown } {
  const t0 = performance.now();
  const a = typedOnly(() => run(viewIn(bytes, 0x00)), typed, what);
  const elapsed = performance.now() - t0;
  if (elapsed > MAX_MS) throw new Error(`${what} took ${elapsed.toFixed(0)} ms on a ${bytes.length}-byte input (limit ${MAX_MS} ms)`);
  const b = typedOnly(() => run(viewIn(bytes, 0xa5)), typed, what);
  const sa = JSON.stringify(snapshot('value' in a ? a.value : a.error));
  const sb = JSON.stringify(snapshot('value' in b ? b.value : b.error));
  if (sa !== sb) throw new Error(`${what} depends on bytes outside its input:\n  ${sa.slice(0, 400)}\n  ${sb.slice(0, 400)}`);
  return a;
}

/** Fails unless `n <= limit`. */
export function bounded(what: string, n: number, limit: number): void {
  if (!(n <= limit)) throw new Error(`${what}: ${n} exceeds its bound ${limit}`);
}

export function equalBytes(what: string, a: Uint8Array, b: Uint8Array): void {
  if (a.length !== b.length || a.some((v, i) => v !== b[i])) throw new Error(`${what}: ${hex(a).slice(0, 200)} ≠ ${hex(b).slice(0, 200)}`);
}

export { hex as toHex };
