/**
 * Tells the input format from the first bytes, where that is unambiguous: the `bin` magic, a
 * ring snapshot's self-describing metadata page, a gob stream opening with a type definition,
 * JSON for bpftool, hex digits for hex. Anything else is left to the caller's `--input`.
 */
import { hasBinMagic } from './bin.js';
import { looksLikeRingSnapshot } from './ring.js';
import type { InputFormat } from './types.js';

/** How much of the input the text checks look at. */
const SNIFF_BYTES = 4096;

/**
 * A gob stream starts with a message length then a negative type id (odd zig-zag uint) for
 * the first type definition, whose body opens with a `wireType` field delta of 1–7.
 */
function looksLikeGob(b: Uint8Array): boolean {
  let at = 0;
  const first = b[0];
  if (first === undefined) return false;
  if (first >= 0x80) {
    const count = 256 - first;
    if (count > 4) return false;
    at = 1 + count;
  } else at = 1;
  const id = b[at];
  if (id === undefined) return false;
  // The type id: odd means negative (a definition); ff 81 is -65, a one-byte id would be below 64.
  let idEnd = at + 1;
  if (id >= 0x80) {
    if (id !== 0xff) return false;
    const low = b[at + 1];
    if (low === undefined || (low & 1) !== 1) return false;
    idEnd = at + 2;
  } else if ((id & 1) !== 1) return false;
  const delta = b[idEnd];
  return delta !== undefined && delta >= 1 && delta <= 7;
}

function isTextByte(c: number): boolean {
  return c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c < 0x7f);
}

/** The first character that is not blank or part of a `#` comment, or `undefined`. */
function firstContent(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const content = line.replace(/#.*/, '').trim();
    if (content !== '') return content;
  }
  return undefined;
}

/**
 * Returns the input format of `bytes`, or `undefined` when it cannot be told apart.
 *
 * @example
 * const format = detectFormat(bytes) ?? 'hex';
 */
export function detectFormat(bytes: Uint8Array): InputFormat | undefined {
  if (hasBinMagic(bytes)) return 'bin';
  if (looksLikeRingSnapshot(bytes)) return 'ring';
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.every(isTextByte)) {
    const content = firstContent(new TextDecoder().decode(head));
    if (content === undefined) return undefined;
    if (content.startsWith('[') || content.startsWith('{')) return 'bpftool';
    if (/^[0-9a-fA-F \t\r]+$/.test(content)) return 'hex';
    return undefined;
  }
  if (looksLikeGob(bytes)) return 'gob';
  return undefined;
}
