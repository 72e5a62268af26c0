import { RingError } from './errors.js';

const U64 = (v: bigint): bigint => BigInt.asUintN(64, v);

/** Computes where the walk starts and how many bytes it may cover; rejects impossible counters. */
export function walkWindow(head: bigint, tail: bigint, size: number, backward: boolean): { start: bigint; length: number } {
  if (backward) {
    if (head % 8n !== 0n) throw new RingError('misaligned', `data_head ${head} is not a multiple of 8`, head);
    return { start: head, length: size };
  }
  if (head % 8n !== 0n || tail % 8n !== 0n) {
    throw new RingError('misaligned', `data_head ${head} / data_tail ${tail} not multiples of 8`, tail);
  }
  const unread = U64(head - tail);
  if (unread > BigInt(size)) {
    // Counters are free-running u64: a "negative" distance means head is behind tail.
    if (unread >= 1n << 63n) throw new RingError('head-behind-tail', `data_head ${head} is behind data_tail ${tail}`, tail);
    throw new RingError('head-too-far', `data_head ${head} is ${unread} bytes past data_tail, more than data_size ${size}`, tail);
  }
  return { start: tail, length: Number(unread) };
}
