/**
 * One `DataView` per underlying buffer, reused across calls: events read from one perf ring
 * or batch share an `ArrayBuffer`, and creating a view per event would cost more than decoding
 * its header. Only the most recent buffer is remembered, so at most one buffer is kept alive.
 */
let lastBuffer: ArrayBufferLike | undefined;
let lastView: DataView = new DataView(new ArrayBuffer(0));

/** A `DataView` over the whole buffer behind `bytes`; index it with `bytes.byteOffset + i`. */
export function viewOf(bytes: Uint8Array): DataView {
  const buffer = bytes.buffer;
  if (buffer !== lastBuffer) {
    lastView = new DataView(buffer);
    lastBuffer = buffer;
  }
  return lastView;
}
