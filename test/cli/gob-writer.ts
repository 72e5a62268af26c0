/**
 * Writes monitor-socket gob streams for the CLI tests, following the gob wire rules in
 * /work/shared/spec/monitor-output.md §2.4 (written independently of src/sources/gob).
 */

/** gob uint: < 128 in one byte, else minus the byte count, then big-endian bytes. */
function uint(n: number): number[] {
  if (n < 128) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return [256 - bytes.length, ...bytes];
}

/** gob int: value doubled, or complemented and doubled plus one when negative. */
function int(i: number): number[] {
  return uint(i >= 0 ? i * 2 : (-i - 1) * 2 + 1);
}

function message(body: number[]): number[] {
  return [...uint(body.length), ...body];
}

/** The 57-byte Payload type definition (type id 65) the agent sends first, verbatim from the spec. */
export const PAYLOAD_DEFINITION = Uint8Array.from(
  '38ff81030101075061796c6f616401ff8200010401044461746101 0a 00 01 03 43 50 55 01 04 00 01 04 4c 6f 73 74 01 06 00 01 04 54 79 70 65 01 04 00 00 00'
    .replace(/\s+/g, '')
    .match(/../g)!
    .map((h) => parseInt(h, 16)),
);

/** A `Payload` value message; zero fields are omitted, as gob does. */
export function payload(p: { data?: Uint8Array; cpu?: number; lost?: number; type: number }): Uint8Array {
  const body = [...int(65)];
  let last = -1;
  const field = (index: number, value: number[]): void => {
    body.push(...uint(index - last), ...value);
    last = index;
  };
  if (p.data && p.data.byteLength > 0) field(0, [...uint(p.data.byteLength), ...p.data]);
  if (p.cpu) field(1, int(p.cpu));
  if (p.lost) field(2, uint(p.lost));
  if (p.type) field(3, int(p.type));
  body.push(0);
  return Uint8Array.from(message(body));
}
