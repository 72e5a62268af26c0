/** Bytes the dissector does not interpret: application data, unknown protocols, later fragments, cut headers. */

/** The rest of the packet after the last header decoded. */
export class PayloadLayer {
  declare readonly kind: 'payload';
  declare readonly bytes: Uint8Array;
  declare readonly offset: number;
  /** Number of bytes (the whole layer counts as "header" for the tiling of layers). */
  declare readonly headerLength: number;
  /** Always false: the truncation, if any, is reported on the layer that declared the length. */
  declare readonly truncated: boolean;
  constructor(bytes: Uint8Array, offset: number, length: number) {
    this.kind = 'payload';
    this.bytes = bytes;
    this.offset = offset;
    this.headerLength = length;
    this.truncated = false;
  }
  /** The bytes, as a zero-copy view. */
  get data(): Uint8Array {
    return this.bytes.subarray(this.offset, this.offset + this.headerLength);
  }
}
