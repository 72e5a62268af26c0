import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dissectPacket, invokingPacket } from '../../src/packet/index.js';
import type { DissectOptions, Packet } from '../../src/packet/index.js';
import { ETH_IPV4_TCP_ACK, vxlanFrame } from './frames.js';
import { hex } from './hex.js';

/** A view of `bytes` that throws on any element read outside `0 … length-1`. */
function guarded(bytes: Uint8Array): Uint8Array {
  return new Proxy(bytes, {
    get(target, key) {
      if (typeof key === 'string' && /^(-?\d+(\.\d+)?|NaN|-?Infinity)$/.test(key)) {
        const i = Number(key);
        if (!Number.isInteger(i) || i < 0 || i >= target.length) throw new RangeError(`read outside the packet at ${key}`);
        return target[i];
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Read every getter and method result of every layer and flow, so lazy fields are exercised too. */
function touchEverything(p: Packet): void {
  for (const layer of p.layers) {
    let proto: object | null = Object.getPrototypeOf(layer) as object | null;
    while (proto !== null && proto !== Object.prototype) {
      for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
        if (d.get !== undefined) d.get.call(layer);
        else if (name === 'options' && layer.kind === 'ipv4') layer.options();
      }
      proto = Object.getPrototypeOf(proto) as object | null;
    }
  }
  for (const f of [p.inner, p.outer]) {
    if (f === null) continue;
    void [f.src, f.dst, f.ipVersion, f.protocol, f.srcPort, f.dstPort, f.tcpFlags, f.icmpType, f.icmpCode, f.ethernet?.src];
  }
}

/** Structural promises every result keeps, whatever the input. */
function checkInvariants(p: Packet, length: number): void {
  let end = 0;
  for (const layer of p.layers) {
    expect(layer.offset).toBe(end); // layers tile the bytes from the start, in order
    expect(layer.headerLength).toBeGreaterThanOrEqual(0);
    end = layer.offset + layer.headerLength;
    expect(end).toBeLessThanOrEqual(length);
    if (layer.kind === 'payload') expect(layer.headerLength).toBeGreaterThan(0);
  }
  expect(p.truncated).toBe(p.truncatedLayer !== null);
  if (p.cutHeader !== null) expect(p.truncated).toBe(true);
}

function dissectChecked(bytes: Uint8Array, options: DissectOptions): void {
  const p = dissectPacket(guarded(bytes), options);
  checkInvariants(p, bytes.length);
  touchEverything(p);
  // The quoted datagram of ICMP errors goes through the same walk on a subarray.
  const quoted = invokingPacket(dissectPacket(bytes, options));
  if (quoted !== null) {
    checkInvariants(quoted, quoted.bytes.length);
    touchEverything(quoted);
  }
}

const options = fc.record({
  startsAt: fc.constantFrom<'ethernet' | 'ip'>('ethernet', 'ip'),
  overlay: fc.constantFrom<'vxlan' | 'geneve' | undefined>(undefined, 'vxlan', 'geneve'),
});

const SEEDS: readonly Uint8Array[] = [
  ETH_IPV4_TCP_ACK,
  vxlanFrame(8472),
  vxlanFrame(6081),
  hex(`
    60 00 00 00  00 44 00 40  ${'00'.repeat(32)}
    2b 00 01 04 00 00 00 00  2c 00 00 00 00 00 00 00  3c 00 00 00 12 34 56 78
    33 00 01 04 00 00 00 00  3a 04 00 00 ${'00'.repeat(20)}
    80 00 00 00 12 34 00 01  61 62 63 64
  `),
  hex(`
    45 00 00 38 00 00 00 00 40 01 00 00 0a 00 02 07 0a 00 01 b8  03 03 00 00 00 00 00 00
    45 00 00 30 12 34 40 00 40 06 00 00 0a 00 01 b8 0a 00 02 07  d4 31 00 50 00 00 00 01
  `),
  hex('ffffffffffff 0a580af40105 88a8 0064 8100 3001 0806 0001 0800 0604 0001 0a580af40105 0af40105 000000000000 0af40101'),
];

describe('dissectPacket on arbitrary input', () => {
  it('never throws, never reads outside the bytes, keeps its invariants (random bytes)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 160 }), options, (bytes, opts) => {
        dissectChecked(bytes, opts);
      }),
      { numRuns: 3000 },
    );
  });

  it('same on mutated and cut real frames, which reach the deep layers', () => {
    const mutation = fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(mutation, { maxLength: 6 }),
        fc.nat(),
        options,
        (seed, mutations, cutAt, opts) => {
          const bytes = seed.slice(0, seed.length - (cutAt % (seed.length + 1)));
          for (const m of mutations) if (bytes.length > 0) bytes[m.at % bytes.length] = m.value;
          dissectChecked(bytes, { ...opts, startsAt: seed[0]! >> 4 === 4 || seed[0]! >> 4 === 6 ? 'ip' : opts.startsAt });
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('the guard itself catches a read past the end', () => {
    expect(() => guarded(new Uint8Array(2))[2]).toThrow(RangeError);
  });
});
