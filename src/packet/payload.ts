/** Bytes the dissector does not interpret: application data, unknown protocols, later fragments, cut headers. */

/** The rest of the packet after the last header decoded. */
export class PayloadLayer {
  readonly kind = 'payload' as const;
  /** Always false: the truncation, if any, is reported on the layer that declared the length. */
  readonly truncated = false;
  constructor(
    readonly bytes: Uint8Array,
    readonly offset: number,
    /** Number of bytes (the whole layer is "header" from the dissector's point of view). */
    readonly headerLength: number,
  ) {}
  /** The bytes, as a zero-copy view. */
  get data(): Uint8Array {
    return this.bytes.subarray(this.offset, this.offset + this.headerLength);
  }
}
