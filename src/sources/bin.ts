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
    const out: SampleInput[] = [];
    let rest = chunk;
    if (this.headerSeen && this.pending.length > 0) {
      // Only the carried frame is joined, with the bytes of `chunk` that complete it; the
      // frames after it are read in `chunk` itself. Joining the whole chunk to a few carried
      // bytes copied every chunk once more into a new, larger carry buffer.
      const take = this.bytesToComplete(chunk);
      this.frames(this.pending.join(chunk.subarray(0, take)), 0, out);
      if (this.failure || take === chunk.length) return out;
      rest = new Uint8Array(chunk.buffer, chunk.byteOffset + take, chunk.length - take);
    }
    const buf = this.pending.join(rest);
    let at = 0;
    if (!this.headerSeen) {
      if (buf.length < BIN_MAGIC.length) {
        if (!BIN_MAGIC.subarray(0, buf.length).every((b, i) => buf[i] === b)) this.noMagic();
        this.pending.keep(buf, 0);
        return out;
      }
      if (!hasBinMagic(buf)) this.noMagic();
      this.headerSeen = true;
      at = BIN_MAGIC.length;
    }
    this.frames(buf, at, out);
    return out;
  }

  /** Bytes of `chunk` that complete the carried frame (all of it when they do not). */
  private bytesToComplete(chunk: Uint8Array): number {
    const carried = this.pending.bytes;
    const c = carried.length;
    if (c + chunk.length < 4) return chunk.length;
    const byte = (i: number): number => (i < c ? carried[i]! : chunk[i - c]!);
    const length = (byte(0) | (byte(1) << 8) | (byte(2) << 16) | (byte(3) << 24)) >>> 0;
    // An oversized length is reported by `frames` from the prefix alone.
    if (length > MAX_BIN_FRAME) return 4 - Math.min(c, 4);
    return Math.min(chunk.length, 4 + length - c);
  }

  /** Reads the frames of `buf` from `at`, and carries what is left of it. */
  private frames(buf: Uint8Array, at: number, out: SampleInput[]): void {
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
        return;
      }
      if (at + 4 + length > size) break;
      // The constructor rather than subarray(), which is several times slower on a Buffer.
      const data = new Uint8Array(buffer, base + at + 4, length);
      out.push({ kind: 'sample', data, cpu: undefined, offset: this.base + at, line: undefined });
      at += 4 + length;
    }
    this.base += at;
    this.pending.keep(buf, at);
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
