/**
 * Reads the one value an agent notification (type 130) carries: a self-contained Go `gob`
 * stream with a type definition for `AgentNotify{Type uint32, Text string}` followed by one
 * value of it. Only what that needs is implemented — struct definitions whose fields are
 * uints, ints, bools, strings or byte slices — and every read is bounds-checked; anything else
 * yields `undefined` and the caller keeps the raw payload.
 */

export interface AgentNotifyValue {
  notificationType: number;
  text: string;
}

/** gob's predefined type ids for the field types handled here. */
const GOB_BOOL = 1;
const GOB_INT = 2;
const GOB_UINT = 3;
const GOB_BYTES = 5;
const GOB_STRING = 6;
/** Field index of `StructT` in gob's `wireType`. */
const WIRE_STRUCT = 2;

class Malformed extends Error {}

class Cursor {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start: number,
    public end: number,
  ) {
    this.pos = start;
  }

  byte(): number {
    if (this.pos >= this.end) throw new Malformed();
    return this.bytes[this.pos++] as number;
  }

  /** gob uint: one byte below 128, else the negated byte count then big-endian bytes. */
  uint(): number {
    const first = this.byte();
    if (first < 0x80) return first;
    const count = 256 - first;
    if (count > 7) throw new Malformed(); // beyond 2^53: not a length or type this reader needs
    let v = 0;
    for (let i = 0; i < count; i++) v = v * 256 + this.byte();
    return v;
  }

  /** gob int: the uint's low bit is the sign, the rest the magnitude (complemented if negative). */
  int(): number {
    const u = this.uint();
    const half = Math.floor(u / 2);
    return u % 2 === 1 ? -half - 1 : half;
  }

  string(): string {
    const len = this.uint();
    if (len > this.end - this.pos) throw new Malformed();
    const s = decoder.decode(this.bytes.subarray(this.pos, this.pos + len));
    this.pos += len;
    return s;
  }

  skipBytes(): void {
    const len = this.uint();
    if (len > this.end - this.pos) throw new Malformed();
    this.pos += len;
  }
}

const decoder = new TextDecoder('utf-8', { fatal: false });

interface StructDef {
  fieldNames: string[];
  fieldTypes: number[];
}

/** Decodes the payload after the type byte, or returns `undefined` if it is not that value. */
export function readAgentNotify(payload: Uint8Array): AgentNotifyValue | undefined {
  try {
    return read(payload);
  } catch (e) {
    if (e instanceof Malformed) return undefined;
    throw e;
  }
}

function read(payload: Uint8Array): AgentNotifyValue | undefined {
  const defs = new Map<number, StructDef>();
  const c = new Cursor(payload, 0, payload.length);
  while (c.pos < payload.length) {
    c.end = payload.length;
    const len = c.uint();
    if (len > payload.length - c.pos) return undefined;
    c.end = c.pos + len;
    const typeId = c.int();
    if (typeId < 0) {
      defs.set(-typeId, readWireType(c));
    } else {
      const def = defs.get(typeId);
      return def === undefined ? undefined : readValue(c, def);
    }
    c.pos = c.end;
  }
  return undefined;
}

/** A `wireType` holding a `structType`: {0 CommonType{0 Name, 1 Id}, 1 Field []{0 Name, 1 Id}}. */
function readWireType(c: Cursor): StructDef {
  if (c.uint() !== WIRE_STRUCT + 1) throw new Malformed();
  const def: StructDef = { fieldNames: [], fieldTypes: [] };
  let field = -1;
  for (;;) {
    const delta = c.uint();
    if (delta === 0) break;
    field += delta;
    if (field === 0) skipCommonType(c);
    else if (field === 1) {
      const count = c.uint();
      for (let i = 0; i < count; i++) readFieldType(c, def);
    } else throw new Malformed();
  }
  if (c.uint() !== 0) throw new Malformed(); // end of wireType
  return def;
}

function skipCommonType(c: Cursor): void {
  let field = -1;
  for (;;) {
    const delta = c.uint();
    if (delta === 0) return;
    field += delta;
    if (field === 0) c.skipBytes();
    else if (field === 1) c.int();
    else throw new Malformed();
  }
}

function readFieldType(c: Cursor, def: StructDef): void {
  let name = '';
  let id = 0;
  let field = -1;
  for (;;) {
    const delta = c.uint();
    if (delta === 0) break;
    field += delta;
    if (field === 0) name = c.string();
    else if (field === 1) id = c.int();
    else throw new Malformed();
  }
  def.fieldNames.push(name);
  def.fieldTypes.push(id);
}

function readValue(c: Cursor, def: StructDef): AgentNotifyValue | undefined {
  // gob omits zero-valued fields, so both start at their zero value.
  let notificationType = 0;
  let text = '';
  let field = -1;
  for (;;) {
    const delta = c.uint();
    if (delta === 0) break;
    field += delta;
    const type = def.fieldTypes[field];
    const name = def.fieldNames[field];
    if (type === GOB_UINT || type === GOB_BOOL) {
      const v = c.uint();
      if (name === 'Type') notificationType = v;
    } else if (type === GOB_INT) c.int();
    else if (type === GOB_STRING) {
      const s = c.string();
      if (name === 'Text') text = s;
    } else if (type === GOB_BYTES) c.skipBytes();
    else throw new Malformed();
  }
  if (!def.fieldNames.includes('Type') || !def.fieldNames.includes('Text')) return undefined;
  return { notificationType, text };
}
