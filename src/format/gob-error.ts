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

/** `tooBig` of encoding/gob: a message length at or past it is refused. */
const TOO_BIG = 1 << 30;
/** Type ids below this are gob's own (bool, int, … wireType). */
const FIRST_USER_ID = 64;
/** `wireType`'s field number of `StructT` (ArrayT 1, SliceT 2, StructT 3). */
const STRUCT_T_DELTA = 3;

/**
 * Go's decode error for `payload` read into a struct named `want` (`api.AgentNotify`,
 * `monitor.LogRecordNotify`), or `undefined` when the messages are sound and the value is of a
 * struct type the stream defines (the value itself is then what Go reads or rejects).
 *
 * @example
 * gobDecodeError(Uint8Array.of(1, 2, 3), 'api.AgentNotify');
 * // 'gob: type mismatch in decoder: want struct type api.AgentNotify; got non-struct'
 */
export function gobDecodeError(payload: Uint8Array, want: string): string | undefined {
  const structs = new Set<number>();
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
      return structs.has(typeId) ? undefined : `gob: type mismatch in decoder: want struct type ${want}; got non-struct`;
    }
    if (-typeId < FIRST_USER_ID || defined.has(-typeId)) return 'gob: duplicate type received';
    defined.add(-typeId);
    if (message[id.next] === STRUCT_T_DELTA) structs.add(-typeId);
    first = false;
  }
}
