/**
 * Splits a gob stream into messages and decodes them: type definitions are remembered,
 * values are returned with the name of their type. Fed in chunks of any size (a socket or a
 * file), it keeps only the unfinished message and refuses messages above a size limit.
 */
import { Carry } from '../concat.js';
import { SourceError } from '../errors.js';
import { GobCursor } from './cursor.js';
import { decodeValue, type GobValue } from './values.js';
import { readWireType, type GobType } from './wire-types.js';

/** One decoded value message. */
export interface GobMessage {
  /** Stream offset of the message's length prefix. */
  readonly offset: number;
  readonly typeId: number;
  /** Name of the value's type (`Payload`), empty for unnamed and predefined types. */
  readonly typeName: string;
  /** The definition the stream gave the value's type; `undefined` for predefined types. */
  readonly type?: GobType;
  readonly value: GobValue;
  /**
   * Set only with `resync`: the message was malformed and skipped (`value` is `null`). Its
   * length prefix still told where the next message starts, so the stream goes on.
   */
  readonly error?: SourceError;
}

export interface GobStreamOptions {
  /** Largest message accepted, in bytes. Default 16 MiB (a monitor sample is at most a few KiB). */
  maxMessageBytes?: number;
  /**
   * Skip a message whose body is malformed, returning it in place with its `error`, instead
   * of ending the stream. Framing errors (a bad length prefix, a message over the limit) end
   * the stream either way: after them the next message boundary is unknown. Default false.
   */
  resync?: boolean;
}

const DEFAULT_MAX = 16 << 20;
/** gob's first user type id: lower ids are predefined, and Go's decoder refuses their definition. */
const FIRST_USER_ID = 64;
/**
 * Bytes of type definitions a stream may keep (each id's latest): the agent's stream has one
 * of 57 bytes, so this only stops a stream of ever new types from growing memory without end.
 */
export const MAX_TYPE_BYTES = 1 << 20;

/**
 * Incremental gob decoder.
 *
 * @example
 * const gob = new GobStream();
 * socket.on('data', (chunk) => { for (const m of gob.push(chunk)) console.log(m.typeName, m.value) });
 * socket.on('end', () => gob.end());
 */
export class GobStream {
  private readonly types = new Map<number, GobType>();
  /** Message bytes of the definition kept for each id, and their sum. */
  private readonly typeSizes = new Map<number, number>();
  private typeBytes = 0;
  private pending: Uint8Array = new Uint8Array(0);
  private readonly carry = new Carry();
  /** Stream offset of `pending[0]`. */
  private base = 0;
  private readonly max: number;
  private readonly resync: boolean;
  private failure: SourceError | undefined;

  constructor(options: GobStreamOptions = {}) {
    this.max = options.maxMessageBytes ?? DEFAULT_MAX;
    this.resync = options.resync ?? false;
  }

  /**
   * Decodes every message completed by `chunk`; keeps the rest for the next call. A malformed
   * message ends the batch: the messages before it are returned, and the error is thrown by
   * the next `push` or `end`.
   */
  push(chunk: Uint8Array): GobMessage[] {
    if (this.failure) throw this.failure;
    this.pending = this.carry.join(chunk);
    const out: GobMessage[] = [];
    let at = 0;
    try {
      for (;;) {
        const frame = this.frameAt(at);
        if (frame === undefined) break;
        const offset = this.base + at;
        let message: GobMessage | undefined;
        try {
          message = this.decodeMessage(frame.start, frame.end, offset);
        } catch (e) {
          if (!this.resync || !(e instanceof SourceError)) throw e;
          message = { offset, typeId: 0, typeName: '', value: null, error: e };
        }
        if (message !== undefined) out.push(message);
        at = frame.end;
      }
    } catch (e) {
      if (!(e instanceof SourceError)) throw e;
      this.failure = e;
      return out;
    }
    this.base += at;
    // The remainder is copied out of the caller's chunk, which it may reuse.
    this.carry.keep(this.pending, at);
    this.pending = this.carry.bytes;
    return out;
  }

  /** Declares the end of the stream; throws if it stopped inside a message. */
  end(): void {
    if (this.failure) throw this.failure;
    if (this.pending.byteLength > 0) {
      throw new SourceError(
        'bad-gob',
        `gob: stream ends inside a message (${this.pending.byteLength} bytes left) at byte ${this.base}`,
        this.base,
      );
    }
  }

  /** The error that ended the stream (thrown again by `push` and `end`), if one did. */
  get error(): SourceError | undefined {
    return this.failure;
  }

  /** Type defined for `id` so far in the stream. */
  typeOf(id: number): GobType | undefined {
    return this.types.get(id);
  }

  /** Locates the message starting at `at`, or `undefined` when it is not complete yet. */
  private frameAt(at: number): { start: number; end: number } | undefined {
    const buf = this.pending;
    // `length`, not `byteLength`: on Node 20 a typed array's byteLength is a getter call
    // (~10 ns), here twice per message.
    const size = buf.length;
    if (at >= size) return undefined;
    const first = buf[at] as number;
    let length: number;
    let start: number;
    if (first < 0x80) {
      length = first;
      start = at + 1;
    } else {
      const count = 256 - first;
      if (count > 8) throw new SourceError('bad-gob', `gob: invalid message length byte 0x${first.toString(16)} at byte ${this.base + at}`, this.base + at);
      if (at + 1 + count > size) return undefined;
      length = 0;
      for (let i = 0; i < count; i++) {
        length = length * 256 + (buf[at + 1 + i] as number);
        if (length > this.max) break;
      }
      start = at + 1 + count;
    }
    if (length > this.max) {
      // `length` stopped growing once past the limit: the claim may be larger still.
      throw new SourceError('gob-too-large', `gob: message at byte ${this.base + at} claims more than the ${this.max}-byte limit`, this.base + at);
    }
    if (length === 0) throw new SourceError('bad-gob', `gob: empty message at byte ${this.base + at}`, this.base + at);
    if (start + length > size) return undefined;
    return { start, end: start + length };
  }

  private decodeMessage(start: number, end: number, offset: number): GobMessage | undefined {
    const c = new GobCursor(this.pending, start, end, this.base);
    const typeId = c.int();
    if (typeId < 0) {
      const id = -typeId;
      if (id < FIRST_USER_ID) c.fail(`definition of predefined type id ${id}`);
      const type = readWireType(c);
      if (!c.done) c.fail('bytes left after a type definition');
      const bytes = this.typeBytes - (this.typeSizes.get(id) ?? 0) + (end - start);
      if (bytes > MAX_TYPE_BYTES) {
        throw new SourceError('gob-too-large', `gob: type definitions of more than ${MAX_TYPE_BYTES} bytes, at byte ${offset}`, offset);
      }
      this.types.set(id, type);
      this.typeSizes.set(id, end - start);
      this.typeBytes = bytes;
      return undefined;
    }
    if (typeId === 0) c.fail('type id 0');
    const lookup = (id: number): GobType | undefined => this.types.get(id);
    const type = this.types.get(typeId);
    if (type === undefined && typeId > 8) {
      throw new SourceError('gob-unknown-type', `gob: value of type id ${typeId} with no definition before it, at byte ${offset}`, offset);
    }
    // Values that are not structs travel as a one-field struct: a zero delta, then the value.
    if (type?.kind !== 'struct' && c.uint() !== 0) c.fail('non-zero delta before a singleton value');
    const value = decodeValue(c, typeId, lookup);
    if (!c.done) c.fail('bytes left after a value');
    return { offset, typeId, typeName: type?.name ?? '', type, value };
  }
}
