// A model of the kernel's perf ring writer (forward and backward/overwrite), written from
// the fixture README's description of the layout, free-space rule and LOST records. It keeps
// its own list of what a reader must find.

const U64 = (v: bigint): bigint => BigInt.asUintN(64, v);
export const PAGE = 4096;
export const SAMPLE = 9;
export const LOST = 2;
/** Some other record type the reader must pass over (PERF_RECORD_THROTTLE). */
export const OTHER = 5;

export type Written =
  | { kind: 'sample'; position: bigint; size: number; payload: Uint8Array; rawSize: number }
  | { kind: 'lost'; position: bigint; size: number; id: bigint; lost: number }
  | { kind: 'other'; position: bigint; size: number };

/** Deterministic filler for "stale" memory. */
export function fill(bytes: Uint8Array, seed: number): void {
  let x = seed | 1;
  for (let i = 0; i < bytes.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
}

abstract class RingModel {
  readonly mapping: Uint8Array;
  readonly size: number;
  readonly meta: DataView;
  head: bigint;

  constructor(dataSize: number, head: bigint) {
    this.size = dataSize;
    this.mapping = new Uint8Array(PAGE + dataSize);
    this.meta = new DataView(this.mapping.buffer);
    this.meta.setBigUint64(1040, BigInt(PAGE), true);
    this.meta.setBigUint64(1048, BigInt(dataSize), true);
    this.head = head;
    this.publish();
  }

  get data(): Uint8Array {
    return this.mapping.subarray(PAGE);
  }

  protected put(position: bigint, bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) {
      this.mapping[PAGE + Number(U64(position + BigInt(i)) % BigInt(this.size))] = bytes[i]!;
    }
  }

  protected header(position: bigint, type: number, misc: number, size: number): void {
    const h = new Uint8Array(8);
    const v = new DataView(h.buffer);
    v.setUint32(0, type, true);
    v.setUint16(4, misc, true);
    v.setUint16(6, size, true);
    this.put(position, h);
  }

  /** Writes a sample at `position` exactly as the kernel does: padding bytes are left as they were. */
  protected writeSample(position: bigint, payload: Uint8Array): Written {
    const rawSize = Math.ceil((payload.length + 4) / 8) * 8 - 4;
    const size = 12 + rawSize;
    this.header(position, SAMPLE, 1, size);
    const raw = new Uint8Array(4);
    new DataView(raw.buffer).setUint32(0, rawSize, true);
    this.put(position + 8n, raw);
    this.put(position + 12n, payload);
    return { kind: 'sample', position, size, payload, rawSize };
  }

  protected writeOther(position: bigint, size: number): Written {
    this.header(position, OTHER, 0, size);
    this.put(position + 8n, new Uint8Array(size - 8).fill(0xaa));
    return { kind: 'other', position, size };
  }

  publish(): void {
    this.meta.setBigUint64(1024, this.head, true);
  }
}

export const sampleSize = (len: number): number => 12 + Math.ceil((len + 4) / 8) * 8 - 4;

/** A forward ring in a writable mapping: the kernel never overwrites unread bytes. */
export class ForwardModel extends RingModel {
  tail: bigint;
  unread: Written[] = [];
  private pendingLost = 0;
  readonly id: bigint;

  constructor(dataSize: number, start: bigint, id: bigint) {
    super(dataSize, start);
    this.tail = start;
    this.id = id;
    this.meta.setBigUint64(1032, start, true);
  }

  /** The kernel's rule: full when ((tail - (head + 1)) mod size) < needed. */
  private fits(needed: number): boolean {
    return Number(U64(this.tail - (this.head + 1n)) % BigInt(this.size)) >= needed;
  }

  emit(payload: Uint8Array): boolean {
    const size = sampleSize(payload.length);
    const lostSize = this.pendingLost > 0 ? 24 : 0;
    if (!this.fits(size + lostSize)) {
      this.pendingLost++;
      return false;
    }
    if (lostSize) {
      this.header(this.head, LOST, 0, 24);
      const body = new Uint8Array(16);
      const v = new DataView(body.buffer);
      v.setBigUint64(0, this.id, true);
      v.setBigUint64(8, BigInt(this.pendingLost), true);
      this.put(this.head + 8n, body);
      this.unread.push({ kind: 'lost', position: this.head, size: 24, id: this.id, lost: this.pendingLost });
      this.head = U64(this.head + 24n);
      this.pendingLost = 0;
    }
    this.unread.push(this.writeSample(this.head, payload));
    this.head = U64(this.head + BigInt(size));
    this.publish();
    return true;
  }

  emitOther(size: number): void {
    if (!this.fits(size)) return;
    this.unread.push(this.writeOther(this.head, size));
    this.head = U64(this.head + BigInt(size));
    this.publish();
  }

  /** The reader consumed the `n` oldest records. */
  consume(n: number): void {
    for (const r of this.unread.splice(0, n)) this.tail = U64(this.tail + BigInt(r.size));
    this.meta.setBigUint64(1032, this.tail, true);
  }
}

/** A backward (write_backward) ring in overwrite mode: head counts down from 0. */
export class BackwardModel extends RingModel {
  /** Newest first. */
  written: Written[] = [];

  constructor(dataSize: number) {
    super(dataSize, 0n);
  }

  emit(payload: Uint8Array): void {
    const size = sampleSize(payload.length);
    if (size > this.size) return; // the kernel refuses records larger than the ring
    this.head = U64(this.head - BigInt(size));
    this.written.unshift(this.writeSample(this.head, payload));
    this.publish();
  }

  emitOther(size: number): void {
    this.head = U64(this.head - BigInt(size));
    this.written.unshift(this.writeOther(this.head, size));
    this.publish();
  }

  /** What a reader must return: the newest records that lie wholly in the last `size` bytes. */
  readable(): { records: Written[]; stop: 'window' | 'zero-header' | 'overwritten' } {
    const records: Written[] = [];
    let used = 0;
    for (const r of this.written) {
      if (used === this.size) return { records, stop: 'window' };
      if (used + r.size > this.size) return { records, stop: 'overwritten' };
      records.push(r);
      used += r.size;
    }
    // Never wrapped: the bytes after the oldest record were never written (zero).
    return { records, stop: used === this.size ? 'window' : 'zero-header' };
  }
}
