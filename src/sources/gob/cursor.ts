/**
 * Bounds-checked reads of gob's primitive encodings inside one message. Every read that would
 * pass the end of the message throws `SourceError('bad-gob')` with the absolute stream offset.
 */
import { SourceError } from '../errors.js';

/** Created on first use, so importing the gob reader needs no `TextDecoder`. */
let utf8: TextDecoder | undefined;

export class GobCursor {
  pos: number;
  constructor(
    private readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
    /** Stream offset of `bytes[0]`, for error positions. */
    private readonly base: number,
  ) {
    this.pos = start;
  }

  fail(what: string): never {
    throw new SourceError('bad-gob', `gob: ${what} at byte ${this.base + this.pos}`, this.base + this.pos);
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  byte(): number {
    if (this.pos >= this.end) this.fail('message ends early');
    return this.bytes[this.pos++] as number;
  }

  /**
   * gob unsigned integer: below 128 one byte; else a byte holding minus the count of
   * big-endian bytes that follow. Returned as a number while exact, as a bigint beyond 2^53
   * (a Go `uint64` such as `Payload.Lost` may use all 64 bits).
   */
  wideUint(): number | bigint {
    const first = this.byte();
    if (first < 0x80) return first;
    const count = 256 - first;
    if (count > 8) this.fail(`invalid uint length byte 0x${first.toString(16)}`);
    let v = 0n;
    for (let i = 0; i < count; i++) v = (v << 8n) | BigInt(this.byte());
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? v : Number(v);
  }

  /**
   * A gob unsigned integer used as a length, count, index or delta: values beyond 2^53 are
   * refused rather than rounded, since no honest message comes near that.
   */
  uint(): number {
    const v = this.wideUint();
    if (typeof v === 'bigint') this.fail('integer beyond 2^53');
    return v;
  }

  /** gob signed integer: low bit of the uint is the sign; the rest the value (complemented when negative). */
  int(): number {
    const v = this.wideInt();
    if (typeof v === 'bigint') this.fail('integer beyond 2^53');
    return v;
  }

  /** {@link int} for values: exact beyond 2^53 as a bigint (a Go `int` is 64 bits). */
  wideInt(): number | bigint {
    const u = this.wideUint();
    if (typeof u === 'number') {
      const half = Math.floor(u / 2);
      return u % 2 === 1 ? -half - 1 : half;
    }
    const half = u >> 1n;
    const v = (u & 1n) === 1n ? -half - 1n : half;
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }

  /** A length-prefixed byte run (`[]byte`, `string`, marshaler blobs), as a view of the input. */
  bytesField(): Uint8Array {
    const len = this.uint();
    if (len > this.end - this.pos) this.fail(`length ${len} runs past the message`);
    const out = this.bytes.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  string(): string {
    return (utf8 ??= new TextDecoder('utf-8', { fatal: false })).decode(this.bytesField());
  }

  /** gob float: the float64 bits with bytes reversed, sent as a uint. */
  float(): number {
    const first = this.byte();
    let bits = 0n;
    if (first < 0x80) bits = BigInt(first);
    else {
      const count = 256 - first;
      if (count > 8) this.fail(`invalid float length byte 0x${first.toString(16)}`);
      for (let i = 0; i < count; i++) bits = (bits << 8n) | BigInt(this.byte());
    }
    let reversed = 0n;
    for (let i = 0; i < 8; i++) {
      reversed = (reversed << 8n) | (bits & 0xffn);
      bits >>= 8n;
    }
    const view = new DataView(new ArrayBuffer(8));
    view.setBigUint64(0, reversed);
    return view.getFloat64(0);
  }
}
