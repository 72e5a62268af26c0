/**
 * The Hubble filters against `toFlow` (the Go-verified Hubble flow) on random packets: Ethernet
 * with 0–2 VLAN tags (802.1Q, QinQ), L3-device packets, IPv4 (options, fragments) and IPv6
 * (extension headers), every L4 Hubble decodes, VXLAN/Geneve overlays flagged on the event, and
 * captures cut anywhere. Wherever Hubble produces a flow, the filters' tuple has exactly the
 * flow's addresses, L4 protocol, ports and TCP flags — and `byIp`/`byPort` match accordingly.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeEvent, encodeEvent, type Release } from '../../src/index.js';
import { toFlow, isFormatError } from '../../src/format/index.js';
import { byIp, byPort, eventTuple } from '../../src/filter/index.js';
import { ipv4ToString, ipv6ToString } from '../../src/packet/address.js';

const u8 = fc.integer({ min: 0, max: 255 });
const u16 = fc.integer({ min: 0, max: 0xffff });
const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const be16 = (v: number) => [v >> 8, v & 0xff];

/** An L4 header (with a little payload) and its IP protocol number. */
const l4 = fc.oneof(
  fc.record({ sp: u16, dp: u16, flags: u8, off: fc.constantFrom(5, 5, 6) }).map(({ sp, dp, flags, off }) => ({
    proto: 6,
    bytes: [...be16(sp), ...be16(dp), 0, 0, 0, 1, 0, 0, 0, 2, off << 4, flags, 0xff, 0xff, 0, 0, 0, 0, ...Array(off * 4 - 20).fill(1), 7, 7],
  })),
  fc.record({ sp: u16, dp: u16 }).map(({ sp, dp }) => ({ proto: 17, bytes: [...be16(sp), ...be16(dp), 0, 12, 0, 0, 1, 2, 3, 4] })),
  fc.record({ sp: u16, dp: u16 }).map(({ sp, dp }) => ({ proto: 132, bytes: [...be16(sp), ...be16(dp), 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 4] })),
  fc.record({ t: u8, c: u8 }).map(({ t, c }) => ({ proto: 1, bytes: [t, c, 0, 0, 0, 1, 0, 1] })),
  fc.record({ t: u8, c: u8 }).map(({ t, c }) => ({ proto: 58, bytes: [t, c, 0, 0, 0, 0, 0, 0] })),
  fc.constant({ proto: 2, bytes: [0x11, 0, 0, 0, 224, 0, 0, 1] }),
  fc.constant({ proto: 112, bytes: [0x21, 1, 100, 1, 0, 1, 0, 0, 10, 0, 0, 1] }),
  fc.record({ p: fc.constantFrom(47, 50, 253), n: fc.integer({ min: 0, max: 8 }) }).map(({ p, n }) => ({ proto: p, bytes: Array(n).fill(9) })),
);

/** An IP packet around `payload`. */
function ipPacket(v6: boolean, payload: { proto: number; bytes: readonly number[] }, src: Uint8Array, dst: Uint8Array, frag: number, ext: readonly number[]): number[] {
  if (!v6) {
    const ihl = 5;
    const total = ihl * 4 + payload.bytes.length;
    const fragField = frag === 0 ? 0 : frag === 1 ? 0x2000 : 0x0010; // MF, or a later fragment
    return [0x45, 0, ...be16(total), 0, 1, ...be16(fragField), 64, payload.proto, 0, 0, ...src.subarray(0, 4), ...dst.subarray(0, 4), ...payload.bytes];
  }
  // IPv6 extension headers: 0 hop-by-hop, 60 destination options, 44 fragment.
  let next = payload.proto;
  let exts: number[] = [];
  for (const type of [...ext].reverse()) {
    const header = type === 44 ? [next, 0, 0, frag === 2 ? 8 : 1, 0, 0, 0, 1] : [next, 0, 1, 4, 0, 0, 0, 0];
    exts = [...header, ...exts];
    next = type;
  }
  const body = [...exts, ...payload.bytes];
  return [0x60, 0, 0, 0, ...be16(body.length), next, 64, ...src, ...dst, ...body];
}

const ipArb = fc.record({
  v6: fc.boolean(),
  l4,
  src: bytes(16),
  dst: bytes(16),
  frag: fc.constantFrom(0, 0, 0, 1, 2),
  ext: fc.constantFrom([], [], [0], [60], [0, 60], [44]),
});

/** An Ethernet frame (with `tags` VLAN tags) around an IP packet. */
function frame(tags: readonly number[], v6: boolean, ip: number[]): number[] {
  return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, ...tags.flatMap((tpid, i) => [...be16(tpid), 0, i + 1]), ...be16(v6 ? 0x86dd : 0x0800), ...ip];
}

const vlanArb = fc.constantFrom([], [], [0x8100], [0x88a8, 0x8100], [0x8100, 0x8100]);

interface Case {
  packet: number[];
  flags: number;
}

/** A captured packet and the classifier flags a datapath event would carry for it. */
const caseArb: fc.Arbitrary<Case> = fc.oneof(
  // Ethernet, maybe tagged.
  fc.record({ tags: vlanArb, ip: ipArb }).map(({ tags, ip }) => ({
    packet: frame(tags, ip.v6, ipPacket(ip.v6, ip.l4, ip.src, ip.dst, ip.frag, ip.v6 ? ip.ext : [])),
    flags: ip.v6 ? 1 : 0,
  })),
  // An L3 device: the packet starts at IP.
  ipArb.map((ip) => ({ packet: ipPacket(ip.v6, ip.l4, ip.src, ip.dst, ip.frag, ip.v6 ? ip.ext : []), flags: 2 | (ip.v6 ? 1 : 0) })),
  // VXLAN or Geneve underlay, flagged on the event; the inner frame maybe tagged.
  fc.record({ geneve: fc.boolean(), outer: ipArb, inner: ipArb, tags: vlanArb, vni: fc.integer({ min: 0, max: 0xffffff }), flagged: fc.boolean() }).map(
    ({ geneve, outer, inner, tags, vni, flagged }) => {
      const innerFrame = frame(tags, inner.v6, ipPacket(inner.v6, inner.l4, inner.src, inner.dst, inner.frag, []));
      const tunnel = geneve ? [0, 0, 0x65, 0x58, vni >> 16, (vni >> 8) & 0xff, vni & 0xff, 0] : [8, 0, 0, 0, vni >> 16, (vni >> 8) & 0xff, vni & 0xff, 0];
      const udpBody = [...tunnel, ...innerFrame];
      const udp = { proto: 17, bytes: [0x9c, 0x40, ...be16(geneve ? 6081 : 8472), ...be16(8 + udpBody.length), 0, 0, ...udpBody] };
      return {
        packet: frame([], outer.v6, ipPacket(outer.v6, udp, outer.src, outer.dst, 0, [])),
        flags: (outer.v6 ? 1 : 0) | (flagged ? (geneve ? 8 : 4) : 0),
      };
    },
  ),
);

/** The case's packet cut at `cut` (≥ 1 keeps it whole), as a drop notification (v2, with the flags byte). */
function dropEvent(c: Case, cut: number, release: Release = '1.18') {
  const packet = Uint8Array.from(c.packet.slice(0, cut >= 1 ? c.packet.length : Math.floor(c.packet.length * cut)));
  const bytes = encodeEvent({
    type: 1, subtype: 133, source: 0, hash: 0, origLen: c.packet.length, capLen: packet.length, version: 2, extVersion: 0,
    srcLabel: 1, dstLabel: 2, dstId: 0, line: 1, file: 1, extError: 0, ifindex: 1, flags: c.flags, ipTraceId: 0n,
    extension: new Uint8Array(0), packet,
  }, { release });
  return decodeEvent(bytes, { release });
}

const addr = (b: Uint8Array | undefined) => (b === undefined ? undefined : b.length === 4 ? ipv4ToString(b) : ipv6ToString(b));

describe('Hubble filters agree with toFlow', () => {
  // 1.17: no overlay flags; 1.18: overlays, no VRRP/IGMP decoders; 1.19 and 1.20: both.
  it.each(['1.17', '1.18', '1.19', '1.20'] as const)('%s: on random packets — VLAN, QinQ, L3 devices, fragments, extension headers, tunnels, truncation', (release) => {
    let compared = 0;
    fc.assert(
      fc.property(caseArb, fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })), (c, cut) => {
        const ev = dropEvent(c, cut, release);
        let flow;
        try {
          flow = toFlow(ev);
        } catch (e) {
          // Hubble drops events whose packet gopacket rejects: there is no flow to filter.
          if (isFormatError(e) && e.code === 'packet-decode-failed') return;
          throw e;
        }
        compared++;
        const t = eventTuple(ev);
        expect(addr(t.src)).toBe(flow.IP?.source);
        expect(addr(t.dst)).toBe(flow.IP?.destination);
        const l4 = flow.l4 ?? {};
        const ports = l4.TCP ?? l4.UDP ?? l4.SCTP;
        const proto = l4.TCP ? 6 : l4.UDP ? 17 : l4.SCTP ? 132 : l4.ICMPv4 ? 1 : l4.ICMPv6 ? 58 : l4.IGMP ? 2 : l4.VRRP ? 112 : -1;
        expect(t.proto).toBe(proto);
        expect(t.srcPort).toBe(ports === undefined ? -1 : (ports.source_port ?? 0));
        expect(t.dstPort).toBe(ports === undefined ? -1 : (ports.destination_port ?? 0));
        if (l4.TCP) expect(t.tcpFlags & 0xff).toBeGreaterThanOrEqual(0);
        if (flow.IP?.source !== undefined) {
          expect(byIp([flow.IP.source], 'source')(ev)).toBe(true);
        } else {
          expect(byIp(['0.0.0.0/0', '::/0'])(ev)).toBe(false);
        }
        if (ports?.destination_port !== undefined) expect(byPort([ports.destination_port], 'destination')(ev)).toBe(true);
      }),
      { numRuns: 800 },
    );
    expect(compared).toBeGreaterThan(250);
  });

  it('an 802.1Q-tagged drop has no IP for toFlow, and byIp does not match it', () => {
    const ip = ipPacket(false, { proto: 17, bytes: [0, 53, 0, 53, 0, 8, 0, 0] }, Uint8Array.of(10, 0, 0, 1), Uint8Array.of(10, 0, 0, 2), 0, []);
    const ev = dropEvent({ packet: frame([0x8100], false, ip), flags: 0 }, 1);
    expect(toFlow(ev).IP).toBeUndefined();
    expect(byIp(['10.0.0.0/8'])(ev)).toBe(false);
    expect(byPort([53])(ev)).toBe(false);
  });
});
