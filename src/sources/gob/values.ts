/**
 * Decodes gob values into plain JS: structs → objects keyed by field name, slices and arrays
 * → arrays, maps → `Map`, `[]byte` and marshaler blobs → `Uint8Array` views, interfaces →
 * `{ interfaceType, bytes }` (their concrete value is left encoded). Nesting is bounded.
 */
import type { GobCursor } from './cursor.js';
import { GobId, readFields, type GobType } from './wire-types.js';

export type GobValue =
  | boolean
  | number
  /** Integers beyond 2^53 (Go's 64-bit `int` and `uint`), exact. */
  | bigint
  | string
  | Uint8Array
  | null
  | readonly [number, number]
  | GobValue[]
  | Map<GobValue, GobValue>
  | { interfaceType: string; bytes: Uint8Array }
  | { [field: string]: GobValue };

/** Deepest nesting of composite values accepted; deeper input is treated as corrupt. */
const MAX_DEPTH = 64;

export type TypeLookup = (id: number) => GobType | undefined;

export function decodeValue(c: GobCursor, id: number, types: TypeLookup, depth = 0): GobValue {
  if (depth > MAX_DEPTH) c.fail(`values nested deeper than ${MAX_DEPTH}`);
  switch (id) {
    case GobId.bool:
      return c.uint() !== 0;
    case GobId.int:
      return c.wideInt();
    case GobId.uint:
      return c.wideUint();
    case GobId.float:
      return c.float();
    case GobId.bytes:
      return c.bytesField();
    case GobId.string:
      return c.string();
    case GobId.complex:
      return [c.float(), c.float()] as const;
    case GobId.interface: {
      const interfaceType = c.string();
      if (interfaceType === '') return null;
      c.int(); // concrete type id; its value stays encoded
      return { interfaceType, bytes: c.bytesField() };
    }
  }
  const type = types(id);
  if (type === undefined) c.fail(`value of undefined type id ${id}`);
  switch (type.kind) {
    case 'struct': {
      const out: { [field: string]: GobValue } = {};
      readFields(c, (i) => {
        const field = type.fields[i];
        if (field === undefined) c.fail(`field ${i} beyond the ${type.fields.length} fields of ${type.name}`);
        out[field.name] = decodeValue(c, field.id, types, depth + 1);
      });
      return out;
    }
    case 'slice':
    case 'array': {
      const count = c.uint();
      // Every element takes at least one byte: a larger count cannot be honest.
      if (count > c.end - c.pos) c.fail(`element count ${count} exceeds the message`);
      if (type.kind === 'array' && count !== type.len) c.fail(`array of ${count} elements, type says ${type.len}`);
      const out: GobValue[] = [];
      for (let n = 0; n < count; n++) out.push(decodeValue(c, type.elem, types, depth + 1));
      return out;
    }
    case 'map': {
      const count = c.uint();
      if (count > c.end - c.pos) c.fail(`map size ${count} exceeds the message`);
      const out = new Map<GobValue, GobValue>();
      for (let n = 0; n < count; n++) {
        const key = decodeValue(c, type.key, types, depth + 1);
        out.set(key, decodeValue(c, type.elem, types, depth + 1));
      }
      return out;
    }
    case 'opaque':
      return c.bytesField();
  }
}
