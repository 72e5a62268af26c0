/**
 * The plain-data view of decoded events: what `toJSON()` returns and what `console.log` shows.
 *
 * Events keep derived values (names, packet views, u64 fields) as prototype getters so that
 * decoding allocates one object; the getters are invisible to `JSON.stringify`, spreads'
 * consumers and `util.inspect`. This module turns an event into one object of own, JSON-safe
 * properties instead: every raw field and every derived value, in a fixed order per type.
 */

/**
 * The key Node.js (and Bun) look up for a custom `util.inspect`. `Symbol.for` gives every copy
 * of this library — ESM and CJS builds, separately bundled entries — the same key.
 */
export const INSPECT: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

/** JSON form of one property value: u64 → decimal string, bytes → hex, absent → `null`. */
type JSONValue<V> = V extends bigint
  ? string
  : V extends Uint8Array
    ? string
    : V extends undefined
      ? null
      : V extends readonly (infer T)[]
        ? JSONValue<T>[]
        : V;

/**
 * The `toJSON()` view of an event type `E`: each property of `E` (raw fields and derived
 * values alike) with `bigint` as a decimal string, `Uint8Array` as lower-case hex without
 * separators and `undefined` as `null`, so every view of one type has the same keys.
 */
export type JSONView<E> = { -readonly [K in ViewKey<E>]: JSONValue<E[K]> };

const HEX = /*#__PURE__*/ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex of `bytes`, two digits per byte, no separators. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i] as number];
  return s;
}

function jsonValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return toHex(v);
  if (Array.isArray(v)) return v.map(jsonValue);
  return v;
}

/** The keys a view of `E` holds: every property but `toJSON` and the internal symbols. */
export type ViewKey<E> = Exclude<keyof E, 'toJSON' | symbol>;

/**
 * Reads `keys` of `ev` (own fields and getters alike) into a fresh JSON-safe object. The key
 * list is checked to be complete: a key of `E` missing from it is a compile error naming it, so
 * a field added to an event type cannot be left out of its view. (The lists are plain array
 * literals at module level, which bundlers drop when nothing uses them.)
 */
export function jsonView<E, K extends readonly ViewKey<E>[]>(
  ev: E,
  keys: K & ([Exclude<ViewKey<E>, K[number]>] extends [never] ? unknown : { missing: Exclude<ViewKey<E>, K[number]> }),
): JSONView<E> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k as string] = jsonValue(ev[k]);
  return out as JSONView<E>;
}

/** The subset of Node's `util.inspect` options this hook passes on. */
interface InspectOptions {
  depth?: number | null;
}
type Inspect = (value: unknown, options?: InspectOptions) => string;

/**
 * Gives an event class the `util.inspect` hook that shows its `toJSON()` view as
 * `Name { … }`. Installed on the prototype here rather than written as a computed method in
 * the class body: bundlers cannot drop a class with a computed key, so every event class would
 * ride along in bundles that never decode (`dissectPacket`, `createHeaderFilter`); a
 * pure-annotated call to this function is dropped with its class when unused.
 *
 * @example
 * // at module level, pure-annotated:
 * export const FooEvent = withDataView(class FooEvent { toJSON() { return { type: 'foo' }; } }, 'Foo');
 */
export function withDataView<C extends abstract new (...args: never[]) => { toJSON(): object }>(cls: C, name: string): C {
  Object.defineProperty(cls.prototype, INSPECT, {
    value(this: { toJSON(): object }, depth: number, options: InspectOptions | undefined, inspect: Inspect | undefined) {
      return inspectView(name, this.toJSON(), depth, options, inspect);
    },
    writable: true,
    configurable: true,
  });
  return cls;
}

/**
 * The `util.inspect` hook of every event: `Name { …view }` instead of the internal symbols.
 * Node passes `inspect` itself as the third argument, so this module needs no `node:util`.
 */
function inspectView(
  name: string,
  view: object,
  depth: number,
  options: InspectOptions | undefined,
  inspect: Inspect | undefined,
): string | object {
  if (typeof inspect !== 'function') return view;
  if (depth < 0) return `[${name}]`;
  const d = options?.depth;
  return `${name} ${inspect(view, { ...options, depth: d == null ? d : d - 1 })}`;
}
