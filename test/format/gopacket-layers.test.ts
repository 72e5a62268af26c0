/**
 * gopacket behaviours the `-vv` layer dump and the JSON summary reproduce, one per cause found by
 * the Go differential harness (test/oracle): reflective `LayerString` spacing, Go integer
 * arithmetic, runtime panics turned into `Failed to decode layer: panic: …`.
 */
import { describe, expect, it } from 'vitest';
import { formatEvent } from '../../src/format/index.js';
import { trace } from './records.js';
import { CILIUM_GENEVE_ACK, MAC_A, MAC_B, TCP_SYN, bytes, eth, ipv4, udp } from './packets.js';

const dissect = (release: Parameters<typeof trace>[0], packet: Uint8Array): string[] =>
  formatEvent(trace(release, { obsPoint: 3, packet }), { mode: 'dissect' }).split('\n');

describe('gopacket LayerString', () => {
  it('IGMP max response time is computed in uint8 like igmpTimeDecode (high bits lost)', () => {
    // 0x92: mant 1, exp 2 → (0x11 << 5) = 0x220, truncated to 0x20 in uint8 → 3.2s (not 54.4s).
    const igmp = bytes([0x11, 0x92, 0x00, 0x00, 0xe0, 0x00, 0x00, 0xfb]);
    const frame = eth([0x01, 0x00, 0x5e, 0, 0, 0xfb], MAC_A, 0x0800, ipv4([1, 2, 3, 4], [224, 0, 0, 251], 2, igmp));
    expect(dissect('1.19', frame)[4]).toContain(' MaxResponseTime=3.2s ');
    // 0x86: (0x10 << 9) & 0xff = 0 → 0s.
    igmp[1] = 0x86;
    const zero = eth([0x01, 0x00, 0x5e, 0, 0, 0xfb], MAC_A, 0x0800, ipv4([1, 2, 3, 4], [224, 0, 0, 251], 2, igmp));
    expect(dissect('1.19', zero)[4]).toContain(' MaxResponseTime=0s ');
  });

  it('VRRP reslices up to the capacity of the sample (trailing bytes), else panics like Go', () => {
    // IPv4 total length covers 8 VRRP bytes; the 4 bytes after it are Ethernet trailer.
    const vrrp = bytes([0x21, 0x0a, 0x78, 0x01, 0x00, 0x01, 0x00, 0x00]);
    const frame = (count: number): Uint8Array => {
      vrrp[3] = count;
      const ip = ipv4([1, 2, 3, 4], [224, 0, 0, 18], 112, vrrp);
      return eth([0x01, 0x00, 0x5e, 0, 0, 0x12], MAC_A, 0x0800, bytes(ip, [192, 168, 1, 1]));
    };
    expect(dissect('1.19', frame(1))[4]).toBe(
      'VRRP\t{Contents=[..8..] Payload=[] Version=2 Type=VRRPv2 Advertisement VirtualRtrID=10 Priority=120 CountIPAddr=1 AuthType=No Authentication AdverInt=1 Checksum=0 IPAddress=[192.168.1.1]}',
    );
    expect(dissect('1.19', frame(2))[4]).toBe(
      '  Failed to decode layer: panic: runtime error: slice bounds out of range [:16] with capacity 12',
    );
    const short = eth([0x01, 0x00, 0x5e, 0, 0, 0x12], MAC_A, 0x0800, ipv4([1, 2, 3, 4], [224, 0, 0, 18], 112, bytes([0x21, 0x0a])));
    expect(dissect('1.19', short)[4]).toBe('  Failed to decode layer: panic: runtime error: index out of range [2] with length 2');
  });
});

describe('Geneve header bounds (gopacket checks for 7 bytes, slices 8)', () => {
  it('a 7-byte Geneve header at the end of the sample panics in data[:8]; with a byte after it, in data[8:]', () => {
    // Cilium's Geneve frame cut one byte into the 8-byte Geneve header, UDP length adjusted.
    const cut = Uint8Array.from(CILIUM_GENEVE_ACK.subarray(0, 14 + 20 + 8 + 7));
    cut[39] = 15;
    const lines = formatEvent(trace('1.19', { obsPoint: 3, flags: 0x08, packet: cut }), { mode: 'dissect' }).split('\n');
    expect(lines).toContain('  Failed to decode layer: panic: runtime error: slice bounds out of range [:8] with capacity 7');
    // The same 7 UDP payload bytes followed by trailer bytes beyond the UDP length: cap is 8+.
    const trailer = bytes(cut, [0xee]);
    const t = formatEvent(trace('1.19', { obsPoint: 3, flags: 0x08, packet: trailer }), { mode: 'dissect' }).split('\n');
    expect(t).toContain('  Failed to decode layer: panic: runtime error: slice bounds out of range [8:7]');
    expect(formatEvent(trace('1.19', { obsPoint: 3, flags: 0x08, packet: cut }))).toContain(': [error]\n');
  });
});

describe('one gopacket struct per layer type, reused within a packet', () => {
  it('IPv4 in IPv4: every IPv4 line prints the struct as the last decode left it', () => {
    const inner = ipv4([9, 9, 9, 9], [8, 8, 8, 8], 17, bytes([0, 1, 0, 2, 0, 8, 0, 0]));
    const ok = eth(MAC_A, MAC_B, 0x0800, ipv4([1, 2, 3, 4], [5, 6, 7, 8], 4, inner));
    const lines = dissect('1.19', ok).filter((l) => l.startsWith('IPv4\t'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(lines[1]);
    expect(lines[0]).toContain(' SrcIP=9.9.9.9 DstIP=8.8.8.8 ');
    // The inner header fails its IHL check after setting Length and IHL only.
    const bad = Uint8Array.from(inner);
    bad[0] = 0x4d;
    const failed = dissect('1.19', eth(MAC_A, MAC_B, 0x0800, ipv4([1, 2, 3, 4], [5, 6, 7, 8], 4, bad)));
    expect(failed.filter((l) => l.startsWith('IPv4\t'))).toEqual([
      'IPv4\t{Contents=[..20..] Payload=[..28..] Version=4 IHL=13 TOS=0 Length=28 Id=4660 Flags= FragOffset=0 TTL=64 Protocol=IPv4 Checksum=0 SrcIP=1.2.3.4 DstIP=5.6.7.8 Options=[] Padding=[]}',
    ]);
    expect(failed).toContain('  Failed to decode layer: Invalid IP header length > IP length (13 > 28)');
  });

  it('Geneve in Geneve: options accumulate in the one struct (gopacket < v1.6), reset in 1.20', () => {
    const geneve = (vni: number, cls: number, inner: Uint8Array): Uint8Array =>
      bytes([0x01, 0, 0x65, 0x58, 0, 0, vni, 0, cls >> 8, cls & 0xff, 0x80, 0x00], inner);
    const udpTo = (payload: Uint8Array): Uint8Array => bytes([0x03, 0xe8, 0x17, 0xc1, 0, 8 + payload.length, 0, 0], payload);
    const innerFrame = eth(MAC_B, MAC_A, 0x0800, ipv4([1, 1, 1, 1], [2, 2, 2, 2], 17, udpTo(geneve(6, 0x0103, CILIUM_GENEVE_ACK.subarray(50)))));
    const pkt = eth(MAC_A, MAC_B, 0x0800, ipv4([1, 2, 3, 4], [5, 6, 7, 8], 17, udpTo(geneve(5, 0x0102, innerFrame))));
    const genLines = (r: '1.19' | '1.20') =>
      formatEvent(trace(r, { obsPoint: 3, flags: 0x08, packet: pkt }), { mode: 'dissect' }).split('\n').filter((l) => l.startsWith('Geneve\t'));
    const both = 'Options=[{Class=258 Type=128 Flags=0 Length=4 Data=[]}, {Class=259 Type=128 Flags=0 Length=4 Data=[]}]}';
    expect(genLines('1.19')).toHaveLength(2);
    for (const l of genLines('1.19')) expect(l.endsWith(' VNI=6 ' + both)).toBe(true);
    for (const l of genLines('1.20')) expect(l.endsWith(' VNI=6 Options=[{Class=259 Type=128 Flags=0 Length=4 Data=[]}]}')).toBe(true);
  });

  it('1.17 (gopacket v1.3.1) returns at an IPv4 End-of-Options option before setting the header fields', () => {
    const pkt = eth(MAC_A, MAC_B, 0x0800, ipv4([1, 2, 3, 4], [5, 6, 7, 8], 17, bytes([0, 1, 0, 2, 0, 8, 0, 0]), { options: [0, 0, 0, 0] }));
    expect(dissect('1.17', pkt)[2]).toBe(
      'IPv4\t{Contents=[..24..] Payload=[..8..] Version=0 IHL=6 TOS=0 Length=32 Id=0 Flags= FragOffset=0 TTL=0 Protocol=IPv6HopByHop Checksum=0 SrcIP=<nil> DstIP=<nil> Options=[IPv4Option(0:[])] Padding=[0, 0, 0]}',
    );
    expect(dissect('1.18', pkt)[2]).toContain(' Version=4 IHL=6 TOS=0 Length=32 Id=4660 ');
  });
});

describe('TCP MPTCP options (gopacket ≥ v1.3 decodes option kind 30)', () => {
  /** A SYN whose header carries `opts` (padded with EndList to a multiple of 4), then `payload`. */
  const withOptions = (opts: readonly number[], payload: readonly number[] = []): Uint8Array => {
    const padded = [...opts];
    while (padded.length % 4 !== 0) padded.push(0);
    const hdr = [0x9c, 0x40, 0x00, 0x50, 0, 0, 0, 1, 0, 0, 0, 0, (5 + padded.length / 4) << 4, TCP_SYN, 0xff, 0xff, 0, 0, 0, 0];
    return eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 6, bytes(hdr, padded, payload)));
  };
  const tcpLine = (release: Parameters<typeof trace>[0], pkt: Uint8Array): string | undefined =>
    dissect(release, pkt).find((l) => l.startsWith('TCP\t') || l.startsWith('  Failed'));

  it('prints what gopacket decoded (MPTCPOption(…)) and sets Multipath', () => {
    const capable = withOptions([30, 4, 0x01, 0x81]);
    expect(tcpLine('1.19', capable)).toContain(' Options=[MPTCPOption(MP_CAPABLE Version 1)] Padding=[] Multipath=true}');
    expect(tcpLine('1.17', capable)).toContain(' Options=[MPTCPOption(MP_CAPABLE Version 1)] ');
    // 1.16's gopacket v1.1.19 knows no MPTCP: a generic option of unknown kind.
    expect(tcpLine('1.16', capable)).toContain(' Options=[TCPOption(Unknown(30): 0x0181)] Padding=[]}');
    const rst = withOptions([30, 4, 0x81, 7]);
    expect(tcpLine('1.19', rst)).toContain(' Options=[MPTCPOption(MP_TCPRST Transient true; Reason 7)] ');
    const remove = withOptions([30, 5, 0x40, 3, 9]);
    expect(tcpLine('1.19', remove)).toContain(' Options=[MPTCPOption(REMOVE_ADDR Address ID [3 9]), ');
    const unknown = withOptions([30, 3, 0xf0]);
    expect(tcpLine('1.19', unknown)).toContain(' Options=[TCPOption(MultipathTCP:), ');
  });

  it('length checks and Go bounds panics (lengths are not checked against the header)', () => {
    expect(tcpLine('1.19', withOptions([30, 5, 0x00, 0]))).toBe('  Failed to decode layer: MP_CAPABLE bad option length 5');
    // MP_CAPABLE of 12 bytes in a 4-byte option area: Go reslices data[4:12] into the payload,
    // then `data = data[12:]` is beyond len(data) = 4.
    expect(tcpLine('1.19', withOptions([30, 12, 0x00, 0], [1, 2, 3, 4, 5, 6, 7, 8]))).toBe(
      '  Failed to decode layer: panic: runtime error: slice bounds out of range [12:4]',
    );
    // … and past the end of the sample, the reslice itself panics against the capacity.
    expect(tcpLine('1.19', withOptions([30, 12, 0x00, 0]))).toBe(
      '  Failed to decode layer: panic: runtime error: slice bounds out of range [:12] with capacity 4',
    );
    // v1.6.1 (1.20) rejects a zero length before looking at the subtype.
    expect(tcpLine('1.20', withOptions([30, 0, 0x00, 0]))).toBe('  Failed to decode layer: MPTCP bad option length 0');
  });
});

describe('connection summary quirks', () => {
  it('VRRP inside VXLAN prints the outer parser\'s VRRP struct (Cilium reads cache.vrrp in the overlay loop)', () => {
    const vrrp = bytes([0x21, 0x0a, 0x78, 0x01, 0x00, 0x01, 0x00, 0x00, 0xc0, 0xa8, 0x01, 0x01]);
    const inner = eth(MAC_B, MAC_A, 0x0800, ipv4([1, 2, 3, 4], [224, 0, 0, 18], 112, vrrp));
    const pkt = eth(MAC_A, MAC_B, 0x0800, ipv4([9, 9, 9, 9], [8, 8, 8, 8], 17, udp(1000, 4789, bytes([8, 0, 0, 0, 0, 0, 5, 0], inner))));
    expect(formatEvent(trace('1.19', { obsPoint: 3, flags: 0x04, packet: pkt }))).toContain(
      ': 1.2.3.4 -> 224.0.0.18 vrrp  0 0 [tunnel 9.9.9.9:1000 -> 8.8.8.8:4789 vxlan]\n',
    );
    // Without the tunnel the packet's own VRRP header is used.
    expect(formatEvent(trace('1.19', { obsPoint: 3, packet: inner }))).toContain(': 1.2.3.4 -> 224.0.0.18 vrrp VRRPv2 Advertisement 10 120\n');
  });
});

describe('Go syscall.Errno texts', () => {
  it('covers the whole Linux table (socket-assign debug messages)', async () => {
    const { errnoText } = await import('../../src/format/strings/errno.js');
    expect(errnoText(64)).toBe('machine is not on the network');
    expect(errnoText(132)).toBe('operation not possible due to RF-kill');
    expect(errnoText(133)).toBe('errno 133');
  });
});
