/**
 * The `bin` input format, defined by this project (see docs/cli.md): an 8-byte header — the
 * ASCII magic `CEVBIN`, a zero byte, the format version 1 — then frames of a u32
 * little-endian length followed by that many bytes of one monitor message. Nothing else: no
 * padding, no trailer.
 */
import { Carry } from './concat.js';
import { SourceError } from './errors.js';
import type { SampleInput } from './types.js';

/** The 8 header bytes of a version-1 `bin` file. */
export const BIN_MAGIC: Uint8Array = Uint8Array.of(0x43, 0x45, 0x56, 0x42, 0x49, 0x4e, 0x00, 0x01);

/** Largest frame accepted (a perf sample is below 64 KiB; agent events are a few KiB). */
export const MAX_BIN_FRAME = 16 << 20;

export function hasBinMagic(bytes: Uint8Array): boolean {
  return bytes.byteLength >= BIN_MAGIC.byteLength && BIN_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Incremental reader of a `bin` stream; `offset` of each record is where its length prefix
 * starts. Frames are views of the pushed chunk when they lie inside one.
 *
 * @example
 * const bin = new BinReader();
 * stream.on('data', (chunk) => { for (const r of bin.push(chunk)) handle(r.data) });
 * stream.on('end', () => bin.end());
 */
export class BinReader {
  private readonly pending = new Carry();
  private base = 0;
  private headerSeen = false;
  private failure: SourceError | undefined;

  /**
   * Frames completed by `chunk`. A malformed frame ends the batch: the frames before it are
   * returned, and the error is thrown by the next `push` or `end`.
   */
  push(chunk: Uint8Array): SampleInput[] {
    if (this.failure) throw this.failure;
    const buf = this.pending.join(chunk);
    const out: SampleInput[] = [];
    let at = 0;
    if (!this.headerSeen) {
      if (buf.byteLength < BIN_MAGIC.byteLength) {
        if (!BIN_MAGIC.subarray(0, buf.byteLength).every((b, i) => buf[i] === b)) this.noMagic();
        this.pending.keep(buf, 0);
        return out;
      }
      if (!hasBinMagic(buf)) this.noMagic();
      this.headerSeen = true;
      at = BIN_MAGIC.byteLength;
    }
    // The chunk's buffer, offset and size read once: on Node 20 a typed array's `byteLength`,
    // `byteOffset` and `buffer` are getter calls (~10 ns each), `length` a plain load.
    const size = buf.length;
    const buffer = buf.buffer;
    const base = buf.byteOffset;
    const view = new DataView(buffer, base, size);
    while (at + 4 <= size) {
      const length = view.getUint32(at, true);
      if (length > MAX_BIN_FRAME) {
        this.failure = new SourceError('bad-frame', `bin: frame at byte ${this.base + at} claims ${length} bytes, more than ${MAX_BIN_FRAME}`, this.base + at);
        return out;
      }
      if (at + 4 + length > size) break;
      // The constructor rather than subarray(), which is several times slower on a Buffer.
      const data = new Uint8Array(buffer, base + at + 4, length);
      out.push({ kind: 'sample', data, cpu: undefined, offset: this.base + at, line: undefined });
      at += 4 + length;
    }
    this.base += at;
    this.pending.keep(buf, at);
    return out;
  }

  /** Throws `bad-frame` when the stream ends inside the header or a frame. */
  end(): void {
    if (this.failure) throw this.failure;
    const rest = this.pending.bytes;
    const left = rest.byteLength;
    if (!this.headerSeen) this.noMagic();
    if (left === 0) return;
    if (left < 4) throw new SourceError('bad-frame', `bin: truncated length prefix at byte ${this.base}`, this.base);
    const length = new DataView(rest.buffer, rest.byteOffset, left).getUint32(0, true);
    throw new SourceError('bad-frame', `bin: frame at byte ${this.base} claims ${length} bytes, only ${left - 4} left`, this.base);
  }

  private noMagic(): never {
    throw new SourceError('bad-frame', 'bin: missing the CEVBIN\\0\\x01 header', 0);
  }
}

/**
 * Reads a whole `bin` file.
 *
 * @example
 * for (const r of readBin(readFileSync('events.bin'))) decodeEvent(r.data);
 */
export function readBin(bytes: Uint8Array): SampleInput[] {
  const reader = new BinReader();
  const out = reader.push(bytes);
  reader.end();
  return out;
}

/**
 * Writes messages as a `bin` file.
 *
 * @example
 * writeFileSync('events.bin', writeBin(events.map((e) => encodeEvent(e))));
 */
export function writeBin(messages: Iterable<Uint8Array>): Uint8Array {
  const list = [...messages];
  const total = list.reduce((n, m) => n + 4 + m.length, BIN_MAGIC.length);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(BIN_MAGIC);
  let at = BIN_MAGIC.length;
  for (const m of list) {
    view.setUint32(at, m.length, true);
    out.set(m, at + 4);
    at += 4 + m.length;
  }
  return out;
}
