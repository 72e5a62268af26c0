/**
 * Packet times as whole seconds since the Unix epoch plus nanoseconds. Two numbers rather than
 * one `bigint` of nanoseconds: every BigInt operation allocates in V8, and the per-packet
 * split into a file's fields would cost more than writing the packet (see bench/pcap.bench.mjs).
 */
import { PcapError } from './errors.js';

/**
 * A point in time: `seconds` since 1970-01-01T00:00:00Z and `nanoseconds` into that second.
 *
 * @example
 * const t: Timestamp = { seconds: 1_733_000_000, nanoseconds: 123_456_789 };
 */
export interface Timestamp {
  /** Whole seconds since the epoch, an integer ≥ 0. */
  seconds: number;
  /** 0 to 999 999 999. */
  nanoseconds: number;
}

const NS_PER_S = 1_000_000_000;
const TWO_32 = 0x1_0000_0000;
const TWO_16 = 0x1_0000;

/**
 * A timestamp from nanoseconds since the epoch (a recorder's `tv_boot` plus boot time, a
 * `PERF_SAMPLE_TIME` value made absolute, `BigInt(Date.now()) * 1_000_000n`).
 *
 * @example
 * timestampFromNs(1_733_000_000_123_456_789n); // { seconds: 1733000000, nanoseconds: 123456789 }
 */
export function timestampFromNs(ns: bigint): Timestamp {
  if (ns < 0n) throw new PcapError('invalid-packet', `timestamp ${ns} ns is before 1970`);
  return { seconds: Number(ns / 1_000_000_000n), nanoseconds: Number(ns % 1_000_000_000n) };
}

/**
 * A timestamp from milliseconds since the epoch, fraction allowed (`Date.now()`,
 * `performance.timeOrigin + performance.now()`).
 *
 * @example
 * timestampFromMs(Date.now());
 */
export function timestampFromMs(ms: number): Timestamp {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanoseconds: Math.min(NS_PER_S - 1, Math.round((ms - seconds * 1000) * 1_000_000)) };
}

/** The sum of two timestamps (a boot-relative time and the boot time). */
export function addTimestamps(a: Timestamp, b: Timestamp): Timestamp {
  const ns = a.nanoseconds + b.nanoseconds;
  return ns >= NS_PER_S ? { seconds: a.seconds + b.seconds + 1, nanoseconds: ns - NS_PER_S } : { seconds: a.seconds + b.seconds, nanoseconds: ns };
}

/** Throws `invalid-packet` unless `t` is a valid time with at most `maxSeconds` seconds. */
export function checkTimestamp(t: Timestamp, maxSeconds: number, format: string): void {
  const { seconds, nanoseconds } = t;
  // `x >>> 0 === x`: an integer from 0 to 2^32 - 1, the cheapest such test on the hot path.
  if (!(nanoseconds >>> 0 === nanoseconds && nanoseconds < NS_PER_S && seconds >= 0 && seconds <= maxSeconds && Math.floor(seconds) === seconds)) {
    throw new PcapError('invalid-packet', `timestamp ${seconds} s + ${nanoseconds} ns is not a time ${format} can hold`);
  }
}

/**
 * `seconds · unitsPerSecond` as the high and low 32-bit halves of a u64 (`out`), exactly, with
 * doubles only: every partial product stays below 2^53.
 */
export function splitUnits(seconds: number, unitsPerSecond: number, out: [number, number]): void {
  // seconds = sh·2^16 + sl, so seconds·u = (sh·u)·2^16 + sl·u with sh·u, sl·u < 2^47.
  // Remainders by subtraction: `%` on doubles is a slow library call in V8.
  const sh = Math.floor(seconds / TWO_16);
  const c = sh * unitsPerSecond;
  const cHigh = Math.floor(c / TWO_16);
  const b = (seconds - sh * TWO_16) * unitsPerSecond;
  const bHigh = Math.floor(b / TWO_32);
  let low = (c - cHigh * TWO_16) * TWO_16 + (b - bHigh * TWO_32);
  const carry = low >= TWO_32 ? 1 : 0;
  low -= carry * TWO_32;
  out[0] = cHigh + bHigh + carry;
  out[1] = low;
}
