/**
 * Go `encoding/json` output details the monitor's JSON depends on: HTML-safe string escaping
 * (`<`, `>`, `&` as `\u003c` …) and key order/omitempty handled by building objects in order.
 */

/**
 * A JSON value in Go's field order; `undefined` members are left out (omitempty). A `Map` is a
 * Go map: its keys are written sorted, as `encoding/json` sorts them (a JS object would put
 * integer-like keys first).
 */
export type GoJSONValue = string | number | bigint | boolean | null | GoJSONObject | readonly GoJSONValue[] | ReadonlyMap<string, GoJSONValue>;
export interface GoJSONObject {
  [key: string]: GoJSONValue | undefined;
}

/**
 * The escape of every UTF-16 unit Go's encoder escapes below U+0080 (`''` for units copied
 * as they are): the short forms for `"`, `\`, newline, carriage return, tab, backspace and form
 * feed (the last two since Go 1.22, which builds every supported Cilium release), `\u00XX` for
 * the other control characters and the HTML-sensitive `<`, `>`, `&`.
 */
const ASCII_ESCAPES: readonly string[] = Array.from({ length: 0x80 }, (_, c) => {
  if (c === 0x22) return '\\"';
  if (c === 0x5c) return '\\\\';
  if (c === 0x0a) return '\\n';
  if (c === 0x0d) return '\\r';
  if (c === 0x09) return '\\t';
  if (c === 0x08) return '\\b';
  if (c === 0x0c) return '\\f';
  if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26) return '\\u' + c.toString(16).padStart(4, '0');
  return '';
});

/** The escape Go writes for UTF-16 unit `c`, or `''` when it is copied as it is. */
function escapeOf(c: number): string {
  if (c < 0x80) return ASCII_ESCAPES[c] ?? '';
  return c === 0x2028 ? '\\u2028' : c === 0x2029 ? '\\u2029' : '';
}

/** Every UTF-16 unit `escapeOf` escapes; the regular expression engine finds them faster than a loop. */
const NEEDS_ESCAPE = /["\\\x00-\x1f<>&\u2028\u2029]/g;

/**
 * `json.Marshal` of a Go string. The runs between escapes are copied as slices, so a string
 * without any (most of them) costs one scan and one concatenation.
 */
function goJSONString(s: string): string {
  let out = '"';
  let from = 0;
  NEEDS_ESCAPE.lastIndex = 0;
  for (let m = NEEDS_ESCAPE.exec(s); m !== null; m = NEEDS_ESCAPE.exec(s)) {
    out += s.slice(from, m.index) + escapeOf(s.charCodeAt(m.index));
    from = m.index + 1;
  }
  return from === 0 ? out + s + '"' : out + s.slice(from) + '"';
}

/** Go's string order (bytewise UTF-8, which is code point order), not UTF-16's. */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < x.length && i < y.length; i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * Object keys as written, escapes and quotes included: the keys are our structs' field names, a
 * few dozen strings written for every event, so each is escaped once. Bounded all the same, in
 * case a caller builds objects from data.
 */
const KEYS = new Map<string, string>();
const MAX_KEYS = 1024;

function goJSONKey(k: string): string {
  let out = KEYS.get(k);
  if (out === undefined) {
    out = goJSONString(k) + ':';
    if (KEYS.size < MAX_KEYS) KEYS.set(k, out);
  }
  return out;
}

/** `json.Marshal` of a value built in Go's field order. */
export function goJSON(v: GoJSONValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goJSONString(v);
  if (typeof v === 'number' || typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + (v as readonly GoJSONValue[]).map(goJSON).join(',') + ']';
  if (v instanceof Map) {
    const map = v as ReadonlyMap<string, GoJSONValue>;
    const keys = [...map.keys()].sort(byCodePoint);
    return '{' + keys.map((k) => goJSONString(k) + ':' + goJSON(map.get(k)!)).join(',') + '}';
  }
  const obj = v as GoJSONObject;
  let out = '{';
  for (const k in obj) {
    const val = obj[k];
    if (val === undefined) continue;
    if (out.length > 1) out += ',';
    out += goJSONKey(k) + goJSON(val);
  }
  return out + '}';
}
