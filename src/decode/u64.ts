/** Reads a u64 as a bigint without allocating one for the common value 0. */
export function readU64(view: DataView, at: number, le: boolean): bigint {
  const lo = view.getUint32(at, le);
  const hi = view.getUint32(at + 4, le);
  if (lo === 0 && hi === 0) return 0n;
  return view.getBigUint64(at, le);
}
