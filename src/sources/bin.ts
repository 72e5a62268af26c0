/**
 * The `bin` input format, defined by this project (see docs/cli.md): an 8-byte header — the
 * ASCII magic `CEVBIN`, a zero byte, the format version 1 — then frames of a u32
 * little-endian length followed by that many bytes of one monitor message. Nothing else: no
 * padding, no trailer.
 */
import { SourceError } from './errors.js';
import type { SampleInput } from './types.js';

/** The 8 header bytes of a version-1 `bin` file. */
export const BIN_MAGIC: Uint8Array = Uint8Array.of(0x43, 0x45, 0x56, 0x42, 0x49, 0x4e, 0x00, 0x01);

export function hasBinMagic(bytes: Uint8Array): boolean {
  return bytes.byteLength >= BIN_MAGIC.byteLength && BIN_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Yields the frames of a `bin` file; `offset` is where each frame's length prefix starts.
 *
 * @example
 * for (const r of readBin(readFileSync('events.bin'))) decodeEvent(r.data);
 */
export function* readBin(bytes: Uint8Array): Generator<SampleInput> {
  if (!hasBinMagic(bytes)) throw new SourceError('BAD_FRAME', 'bin: missing the CEVBIN\\0\\x01 header', 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = BIN_MAGIC.byteLength;
  while (at < bytes.byteLength) {
    if (at + 4 > bytes.byteLength) {
      throw new SourceError('BAD_FRAME', `bin: truncated length prefix at byte ${at}`, at);
    }
    const length = view.getUint32(at, true);
    const start = at + 4;
    if (length > bytes.byteLength - start) {
      throw new SourceError('BAD_FRAME', `bin: frame at byte ${at} claims ${length} bytes, only ${bytes.byteLength - start} left`, at);
    }
    yield { kind: 'sample', data: bytes.subarray(start, start + length), cpu: undefined, offset: at, line: undefined };
    at = start + length;
  }
}

/**
 * Writes messages as a `bin` file.
 *
 * @example
 * writeFileSync('events.bin', writeBin(events.map((e) => encodeEvent(e))));
 */
export function writeBin(messages: Iterable<Uint8Array>): Uint8Array {
  const list = [...messages];
  const total = list.reduce((n, m) => n + 4 + m.byteLength, BIN_MAGIC.byteLength);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(BIN_MAGIC);
  let at = BIN_MAGIC.byteLength;
  for (const m of list) {
    view.setUint32(at, m.byteLength, true);
    out.set(m, at + 4);
    at += 4 + m.byteLength;
  }
  return out;
}
