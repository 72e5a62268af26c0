/**
 * The error Go's `gob.Decoder.Decode` returns for a payload that is not one value of a struct
 * type (agent notifications and access logs carry one): what `cilium monitor` prints after
 * `cannot decode message type '130': ` (1.19+) or `Error while decoding … message: ` (≤ 1.18).
 *
 * It follows the decoder's message loop (`decodeTypeSequence`): read a length-prefixed message,
 * read its type id; a negative id defines a type and the loop goes on, a positive one is the
 * value, which must be of a struct type defined in the stream.
 */

/** Go's `gob.decodeUintReader`: the value and the next offset, or the error it returns. */
function readUint(b: Uint8Array, at: number): { value: number; next: number } | { error: string } {
  if (at >= b.length) return { error: 'EOF' };
  const first = b[at]!;
  if (first < 0x80) return { value: first, next: at + 1 };
  const n = 256 - first;
  if (n > 8) return { error: 'gob: encoded unsigned integer out of range' };
  if (at + 1 + n > b.length) return { error: 'unexpected EOF' };
  let value = 0;
  for (let i = 0; i < n; i++) value = value * 256 + b[at + 1 + i]!;
  return { value, next: at + 1 + n };
}

/** Go's `toInt`: gob's zig-zag signed integer. */
function toInt(u: number): number {
  const half = Math.floor(u / 2);
  return u % 2 === 1 ? -half - 1 : half;
}

/** `tooBig` of encoding/gob on a 64-bit Go: a message length at or past it is refused. */
const TOO_BIG = 2 ** 33;
/** Type ids below this are gob's own (bool, int, … wireType). */
const FIRST_USER_ID = 64;
/** gob's own non-struct types (bool, int, uint, float, bytes, string, complex, interface). */
const BUILTIN_SCALARS = 8;
/** gob's own struct types (the reserved ones and those describing types). */
const BUILTIN_STRUCTS = { first: 9, last: 23 };
/** `wireType`'s field number of `StructT` (ArrayT 1, SliceT 2, StructT 3). */
const STRUCT_T_DELTA = 3;

/** The Go struct a payload is decoded into: its names and the gob type each field accepts. */
export interface GoStruct {
  /** The package-qualified name (`api.AgentNotify`), as `want struct type …` names it. */
  qualified: string;
  /** The bare name, as the no-field-matched error names it. */
  name: string;
  /** Field name → [gob type id it accepts, Go type name]; empty where the fields are not modelled. */
  fields: Readonly<Record<string, readonly [number, string]>>;
}

/** A struct type definition as sent: its name and fields (name, gob type id). */
interface WireStruct {
  name: string;
  fields: [string, number][];
}

/** A struct type definition, or `undefined` if it is not one we can read. */
function structFields(m: Uint8Array, at: number): WireStruct | undefined {
  let p = at;
  const uint = (): number | undefined => {
    const r = readUint(m, p);
    if ('error' in r) return undefined;
    p = r.next;
    return r.value;
  };
  const string = (): string | undefined => {
    const n = uint();
    if (n === undefined || p + n > m.length) return undefined;
    p += n;
    return new TextDecoder().decode(m.subarray(p - n, p));
  };
  /** A struct of (Name string, Id int) as `CommonType` and `fieldType` are. */
  const nameAndId = (): [string, number] | undefined => {
    let field = -1;
    let name = '';
    let id = 0;
    for (;;) {
      const delta = uint();
      if (delta === undefined) return undefined;
      if (delta === 0) return [name, id];
      field += delta;
      if (field === 0) {
        const n = string();
        if (n === undefined) return undefined;
        name = n;
      } else if (field === 1) {
        const v = uint();
        if (v === undefined) return undefined;
        id = toInt(v);
      } else return undefined;
    }
  };
  if (uint() !== STRUCT_T_DELTA) return undefined;
  let field = -1;
  let name = '';
  const fields: [string, number][] = [];
  for (;;) {
    const delta = uint();
    if (delta === undefined) return undefined;
    if (delta === 0) return { name, fields };
    field += delta;
    if (field === 0) {
      const common = nameAndId();
      if (common === undefined) return undefined;
      name = common[0];
    } else if (field === 1) {
      const count = uint();
      if (count === undefined) return undefined;
      for (let i = 0; i < count; i++) {
        const f = nameAndId();
        if (f === undefined) return undefined;
        fields.push(f);
      }
    } else return undefined;
  }
}

/**
 * `compileDec`'s complaint about a struct value's fields, matched by name to `want`'s: a field
 * of the wrong type is named with the *sent* struct's name, no match at all with the local one.
 */
function fieldError(wire: WireStruct, want: GoStruct): string | undefined {
  if (Object.keys(want.fields).length === 0) return undefined;
  let matched = 0;
  for (const [name, id] of wire.fields) {
    const local = want.fields[name];
    if (local === undefined) continue;
    if (local[0] !== id) return `gob: wrong type (${local[1]}) for received field ${wire.name}.${name}`;
    matched++;
  }
  return matched === 0 && wire.fields.length > 0 ? `gob: type mismatch: no fields matched compiling decoder for ${want.name}` : undefined;
}

/**
 * Go's decode error for `payload` read into the struct `want`, or `undefined` when the messages
 * are sound and the value is of a struct type whose fields fit (the value itself is then what Go
 * reads or rejects).
 *
 * @example
 * gobDecodeError(Uint8Array.of(1, 2, 3), { qualified: 'api.AgentNotify', name: 'AgentNotify', fields: {} });
 * // 'gob: type mismatch in decoder: want struct type api.AgentNotify; got non-struct'
 */
export function gobDecodeError(payload: Uint8Array, want: GoStruct): string | undefined {
  const structs = new Map<number, WireStruct | undefined>();
  const defined = new Set<number>();
  let at = 0;
  let first = true;
  for (;;) {
    const count = readUint(payload, at);
    if ('error' in count) return count.error === 'EOF' && !first ? 'unexpected EOF' : count.error;
    if (count.value >= TOO_BIG) return 'invalid message length';
    const end = count.next + count.value;
    if (end > payload.length) return 'unexpected EOF';
    const message = payload.subarray(count.next, end);
    at = end;
    const id = readUint(message, 0);
    if ('error' in id) return id.error;
    const typeId = toInt(id.value);
    if (typeId >= 0) {
      if (structs.has(typeId)) {
        const wire = structs.get(typeId);
        return wire === undefined ? undefined : fieldError(wire, want);
      }
      if (typeId >= BUILTIN_STRUCTS.first && typeId <= BUILTIN_STRUCTS.last) return undefined;
      if ((typeId >= 1 && typeId <= BUILTIN_SCALARS) || defined.has(typeId)) return `gob: type mismatch in decoder: want struct type ${want.qualified}; got non-struct`;
      return 'gob: unknown type id or corrupted data';
    }
    if (-typeId < FIRST_USER_ID || defined.has(-typeId)) return 'gob: duplicate type received';
    defined.add(-typeId);
    if (message[id.next] === STRUCT_T_DELTA) structs.set(-typeId, structFields(message, id.next));
    first = false;
  }
}
