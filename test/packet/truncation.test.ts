import { describe, expect, it } from 'vitest';
import { dissectPacket } from '../../src/packet/index.js';
import type { LayerKind } from '../../src/packet/index.js';
import { vxlanFrame } from './frames.js';
import { hex } from './hex.js';

/**
 * A frame and, for each header, where it starts, where its fixed part ends and where the
 * whole header ends, counted from the RFC layouts. Once the fixed part is there the layer is
 * decoded and owns the rest of a cut header; before that the bytes are left as payload.
 */
interface Layout {
  readonly frame: Uint8Array;
  readonly startsAt: 'ethernet' | 'ip';
  readonly headers: readonly (readonly [LayerKind, number, number, number])[];
  /** The outermost header that declares a length covering the rest of the frame. */
  readonly outerDeclaring: LayerKind;
}

const VXLAN_TCP: Layout = {
  frame: vxlanFrame(8472),
  startsAt: 'ethernet',
  headers: [
    ['ethernet', 0, 14, 14],
    ['ipv4', 14, 34, 34],
    ['udp', 34, 42, 42],
    ['vxlan', 42, 50, 50],
    ['ethernet', 50, 64, 64],
    ['ipv4', 64, 84, 84],
    ['tcp', 84, 104, 104],
  ],
  outerDeclaring: 'ipv4',
};

const IPV6_EXT_UDP: Layout = {
  frame: hex(`
    60 00 00 00  00 24 00 40  ${'00'.repeat(15)}01  ${'00'.repeat(15)}02   # payload 36, next HBH
    11 01 00 00 00 00 00 00  01 06 00 00 00 00 00 00   # hop-by-hop, 16 bytes, next UDP
    30 39 00 35 00 14 00 00                            # UDP 12345 -> 53, length 20
    00 01 02 03 04 05 06 07 08 09 0a 0b                # data
  `),
  startsAt: 'ip',
  // The IPv6 layer covers the fixed header and its extension headers.
  headers: [
    ['ipv6', 0, 40, 56],
    ['udp', 56, 64, 64],
    ['payload', 64, 64, 76],
  ],
  outerDeclaring: 'ipv6',
};

describe.each([
  ['Ethernet/IPv4/UDP/VXLAN/Ethernet/IPv4/TCP', VXLAN_TCP],
  ['IPv6 + hop-by-hop / UDP / data', IPV6_EXT_UDP],
])('cut at every byte: %s', (_name, layout) => {
  const { frame, headers } = layout;
  it('has the layout the test assumes', () => {
    expect(headers.at(-1)![3]).toBe(frame.length);
  });

  for (let n = 0; n <= frame.length; n++) {
    it(`${n} bytes`, () => {
      const p = dissectPacket(frame.subarray(0, n), { startsAt: layout.startsAt });
      for (const l of p.layers) expect(l.offset + l.headerLength).toBeLessThanOrEqual(n);

      if (n === 0) {
        expect([p.layers.length, p.truncated]).toEqual([0, false]);
        return;
      }
      if (n === frame.length) {
        expect([p.truncated, p.truncatedLayer, p.cutHeader]).toEqual([false, null, null]);
        expect(p.layers.map((l) => l.kind)).toEqual(headers.map((h) => h[0]));
        return;
      }
      expect(p.truncated).toBe(true);
      const [firstKind, , firstFixedEnd] = headers[0]!;
      expect(p.truncatedLayer).toBe(n < firstFixedEnd ? firstKind : layout.outerDeclaring);

      const complete = headers.filter(([, , , end]) => end <= n).map(([kind]) => kind);
      const [kind, start, fixedEnd] = headers.find(([, start, , end]) => start <= n && n < end)!;
      const kinds = p.layers.map((l) => l.kind);
      if (kind === 'payload') {
        // Data is not a header: cutting it cuts no header, the rest is a shorter payload.
        expect(p.cutHeader).toBeNull();
        expect(kinds).toEqual(n > start ? [...complete, 'payload'] : complete);
      } else if (n >= fixedEnd) {
        expect(p.cutHeader).toBe(kind);
        expect(kinds).toEqual([...complete, kind]);
        expect(p.layers.at(-1)!.truncated).toBe(true);
      } else {
        expect(p.cutHeader).toBe(kind);
        expect(kinds).toEqual(n > start ? [...complete, 'payload'] : complete);
      }
    });
  }
});
