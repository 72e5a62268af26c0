/** Joins two byte arrays into a new one. */
export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}

/**
 * The unfinished tail an incremental reader carries from one chunk to the next.
 *
 * Joining a chunk to the tail costs the chunk's length (amortised): the tail lives in a buffer
 * that grows by doubling and is only appended to, so a record fed in many small chunks is not
 * copied again on every chunk (which made the readers quadratic in the record's size: a 1 MiB
 * hex line in 16-byte chunks copied 32 GiB). Bytes before the live tail are never written
 * again, so views handed out into it (record `data`) stay valid; a grown buffer is a new one.
 */
export class Carry {
  private buf: Uint8Array = new Uint8Array(0);
  private start = 0;
  private end = 0;
  /** Whether the last {@link join} returned a view of `buf` (else the caller's chunk). */
  private joinedHere = false;

  /** Bytes carried. */
  get length(): number {
    return this.end - this.start;
  }

  /** The carried bytes. */
  get bytes(): Uint8Array {
    return this.buf.subarray(this.start, this.end);
  }

  /** The carried bytes followed by `chunk`, as one view: `chunk` itself when nothing is carried. */
  join(chunk: Uint8Array): Uint8Array {
    this.joinedHere = this.start !== this.end;
    if (!this.joinedHere) return chunk;
    this.append(chunk);
    return this.buf.subarray(this.start, this.end);
  }

  /**
   * Carries `joined.subarray(from)` to the next chunk; `joined` is what {@link join} returned.
   * A tail of the caller's chunk is copied (the caller may reuse its buffer).
   */
  keep(joined: Uint8Array, from: number): void {
    if (this.joinedHere) {
      this.start += from;
      if (this.start === this.end) this.joinedHere = false;
    } else if (from < joined.byteLength) {
      this.append(joined.subarray(from));
    }
  }

  /** Drops everything carried. */
  clear(): void {
    this.start = this.end;
    this.joinedHere = false;
  }

  private append(bytes: Uint8Array): void {
    const live = this.end - this.start;
    if (this.end + bytes.byteLength > this.buf.byteLength) {
      // A new buffer: views into the old one stay as they are.
      const grown = new Uint8Array(Math.max(2 * (live + bytes.byteLength), 4096));
      grown.set(this.buf.subarray(this.start, this.end));
      this.buf = grown;
      this.start = 0;
      this.end = live;
    }
    this.buf.set(bytes, this.end);
    this.end += bytes.byteLength;
  }
}
