/**
 * Tells the input format from the first bytes, where that is unambiguous: the `bin` magic, a
 * ring snapshot's self-describing metadata page, a gob stream opening with a type definition,
 * JSON for bpftool, hex digits for hex. Anything else is left to the caller's `--input`.
 */
import { hasBinMagic } from './bin.js';
import { GobCursor } from './gob/cursor.js';
import { readWireType } from './gob/wire-types.js';
import { looksLikeRingSnapshot } from './ring.js';
import type { InputFormat } from './types.js';

/** How much of the input the text checks look at. */
const SNIFF_BYTES = 4096;

/**
 * gob gives user-defined types ids from 64 up (`firstUserId` in encoding/gob); predefined
 * ones are never redefined. The agent's `Payload` is usually 65, but a process that encodes
 * nothing else first (our Go test server, Go 1.25) gives it 64.
 */
const FIRST_USER_TYPE = 64;

/**
 * A gob stream opens with a type definition: a message whose type id is minus a user type id
 * and whose body parses as a `wireType`. Checked by parsing that first message.
 */
function looksLikeGob(b: Uint8Array): boolean {
  const first = b[0];
  if (first === undefined) return false;
  let length = first;
  let start = 1;
  if (first >= 0x80) {
    const count = 256 - first;
    if (count > 4 || b.byteLength < 1 + count) return false;
    length = 0;
    for (let i = 1; i <= count; i++) length = length * 256 + (b[i] as number);
    start = 1 + count;
  }
  if (length === 0 || start + length > b.byteLength) return false;
  try {
    const c = new GobCursor(b, start, start + length, 0);
    if (c.int() > -FIRST_USER_TYPE) return false;
    readWireType(c);
    return c.done;
  } catch {
    return false;
  }
}

function isTextByte(c: number): boolean {
  return c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c !== 0x7f);
}

/**
 * The text of `head` when it is UTF-8 without control characters but tab and line breaks (a
 * hex dump's `#` comments may say `→`), else `undefined`. A character cut at the end of the
 * sniffed bytes is left out, not an error.
 */
function textOf(head: Uint8Array): string | undefined {
  if (!head.every(isTextByte)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return undefined;
  }
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
 * Returns the input format of `bytes` — the whole input, or its first few KiB with the
 * input's full length as `totalLength` — or `undefined` when it cannot be told apart.
 *
 * @example
 * const format = detectFormat(bytes) ?? 'hex';
 */
export function detectFormat(bytes: Uint8Array, totalLength: number = bytes.byteLength): InputFormat | undefined {
  if (hasBinMagic(bytes)) return 'bin';
  if (looksLikeRingSnapshot(bytes, totalLength)) return 'ring';
  const head = bytes.subarray(0, SNIFF_BYTES);
  const text = textOf(head);
  if (text !== undefined) {
    const content = firstContent(text);
    if (content === undefined) return undefined;
    if (content.startsWith('[') || content.startsWith('{')) return 'bpftool';
    if (/^[0-9a-fA-F \t\r]+$/.test(content)) return 'hex';
    return undefined;
  }
  if (looksLikeGob(bytes)) return 'gob';
  return undefined;
}
