/**
 * Go `encoding/json` output details the monitor's JSON depends on: HTML-safe string escaping
 * (`<`, `>`, `&` as `\u003c` …) and key order/omitempty handled by building objects in order.
 */

/** A JSON value in Go's field order; `undefined` members are left out (omitempty). */
export type GoJSONValue = string | number | bigint | boolean | null | GoJSONObject;
export interface GoJSONObject {
  [key: string]: GoJSONValue | undefined;
}

const HEX = '0123456789abcdef';

/** `json.Marshal` of a Go string. */
function goJSONString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += '\\u' + [12, 8, 4, 0].map((sh) => HEX[(c >> sh) & 0xf]).join('');
    } else out += ch;
  }
  return out + '"';
}

/** `json.Marshal` of a value built in Go's field order. */
export function goJSON(v: GoJSONValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goJSONString(v);
  if (typeof v === 'number' || typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const parts: string[] = [];
  for (const [k, val] of Object.entries(v)) if (val !== undefined) parts.push(`${goJSONString(k)}:${goJSON(val)}`);
  return `{${parts.join(',')}}`;
}
