/**
 * gob type descriptors: the predefined ids and the `wireType` definitions a stream sends for
 * its own types (struct, slice, array, map, and the marshaler kinds, which travel as opaque
 * byte runs).
 */
import type { GobCursor } from './cursor.js';

/** Predefined type ids of gob's wire format. */
export const GobId = {
  bool: 1,
  int: 2,
  uint: 3,
  float: 4,
  bytes: 5,
  string: 6,
  complex: 7,
  interface: 8,
} as const;

export interface GobField {
  name: string;
  id: number;
}

export type GobType =
  | { kind: 'struct'; name: string; fields: GobField[] }
  | { kind: 'slice'; name: string; elem: number }
  | { kind: 'array'; name: string; elem: number; len: number }
  | { kind: 'map'; name: string; key: number; elem: number }
  /** GobEncoder, BinaryMarshaler, TextMarshaler: a length-prefixed blob only the Go type can read. */
  | { kind: 'opaque'; name: string };

/** Field indices of `wireType`. */
const ARRAY_T = 0;
const SLICE_T = 1;
const STRUCT_T = 2;
const MAP_T = 3;
const LAST_MARSHALER_T = 6;

/**
 * Reads the fields of one gob struct encoding, calling `field` with each field number; the
 * callback must consume the field's value. Ends at the terminating zero delta.
 */
export function readFields(c: GobCursor, field: (index: number) => void): void {
  let index = -1;
  for (;;) {
    const delta = c.uint();
    if (delta === 0) return;
    index += delta;
    field(index);
  }
}

function readCommon(c: GobCursor): { name: string; id: number } {
  const common = { name: '', id: 0 };
  readFields(c, (i) => {
    if (i === 0) common.name = c.string();
    else if (i === 1) common.id = c.int();
    else c.fail(`unknown CommonType field ${i}`);
  });
  return common;
}

function readFieldList(c: GobCursor): GobField[] {
  const count = c.uint();
  // Each fieldType takes at least one byte, so a count beyond the bytes left is corrupt.
  if (count > c.end - c.pos) c.fail(`field count ${count} exceeds the message`);
  const fields: GobField[] = [];
  for (let n = 0; n < count; n++) {
    const f: GobField = { name: '', id: 0 };
    readFields(c, (i) => {
      if (i === 0) f.name = c.string();
      else if (i === 1) f.id = c.int();
      else c.fail(`unknown fieldType field ${i}`);
    });
    fields.push(f);
  }
  return fields;
}

/** Reads a `wireType` message body: exactly one of its fields is set. */
export function readWireType(c: GobCursor): GobType {
  let type: GobType | undefined;
  readFields(c, (which) => {
    if (type !== undefined) c.fail('wireType with more than one kind');
    if (which === STRUCT_T) {
      let name = '';
      let fields: GobField[] = [];
      readFields(c, (i) => {
        if (i === 0) name = readCommon(c).name;
        else if (i === 1) fields = readFieldList(c);
        else c.fail(`unknown structType field ${i}`);
      });
      type = { kind: 'struct', name, fields };
    } else if (which === SLICE_T) {
      const t = { kind: 'slice' as const, name: '', elem: 0 };
      readFields(c, (i) => {
        if (i === 0) t.name = readCommon(c).name;
        else if (i === 1) t.elem = c.int();
        else c.fail(`unknown sliceType field ${i}`);
      });
      type = t;
    } else if (which === ARRAY_T) {
      const t = { kind: 'array' as const, name: '', elem: 0, len: 0 };
      readFields(c, (i) => {
        if (i === 0) t.name = readCommon(c).name;
        else if (i === 1) t.elem = c.int();
        else if (i === 2) t.len = c.int();
        else c.fail(`unknown arrayType field ${i}`);
      });
      type = t;
    } else if (which === MAP_T) {
      const t = { kind: 'map' as const, name: '', key: 0, elem: 0 };
      readFields(c, (i) => {
        if (i === 0) t.name = readCommon(c).name;
        else if (i === 1) t.key = c.int();
        else if (i === 2) t.elem = c.int();
        else c.fail(`unknown mapType field ${i}`);
      });
      type = t;
    } else if (which <= LAST_MARSHALER_T) {
      const t = { kind: 'opaque' as const, name: '' };
      readFields(c, (i) => {
        if (i === 0) t.name = readCommon(c).name;
        else c.fail(`unknown gobEncoderType field ${i}`);
      });
      type = t;
    } else {
      c.fail(`unknown wireType kind ${which}`);
    }
  });
  if (type === undefined) c.fail('empty wireType');
  return type;
}
