import { describe, expect, it } from 'vitest';
import { dissectPacket, invokingPacket, TcpFlag } from '../../src/packet/index.js';
import type { Layer, LayerKind } from '../../src/packet/index.js';
import { ETH_IPV4_TCP_ACK, overlayFrame, vxlanFrame } from './frames.js';
import { hex } from './hex.js';

function kinds(layers: readonly Layer[]): LayerKind[] {
  return layers.map((l) => l.kind);
}

describe('Ethernet / IPv4 / TCP', () => {
  it('decodes every field of the frame', () => {
    const p = dissectPacket(ETH_IPV4_TCP_ACK);
    expect(kinds(p.layers)).toEqual(['ethernet', 'ipv4', 'tcp']);
    expect(p.truncated).toBe(false);
    expect(p.cutHeader).toBeNull();
    expect(p.malformed).toBeNull();

    const eth = p.layer('ethernet')!;
    expect([eth.src, eth.dst, eth.etherType, eth.offset]).toEqual(['01:23:45:67:89:ab', '02:33:45:67:89:ab', 0x0800, 0]);

    const ip = p.layer('ipv4')!;
    expect(ip.offset).toBe(14);
    expect([ip.version, ip.ihl, ip.tos, ip.totalLength, ip.id, ip.flags, ip.fragmentOffset]).toEqual([4, 5, 0, 40, 1, 0, 0]);
    expect([ip.ttl, ip.protocol, ip.checksum, ip.src, ip.dst]).toEqual([64, 6, 0x6abc, '1.2.3.4', '5.6.7.8']);
    expect([ip.headerLength, ip.optionsLength, ip.isFragment, ip.truncated]).toEqual([20, 0, false, false]);

    const tcp = p.layer('tcp')!;
    expect([tcp.offset, tcp.srcPort, tcp.dstPort, tcp.seq, tcp.ackNumber, tcp.dataOffset]).toEqual([34, 80, 443, 0, 0, 5]);
    expect([tcp.flags, tcp.ack, tcp.syn, tcp.fin, tcp.rst, tcp.window, tcp.checksum, tcp.urgentPointer]).toEqual([
      TcpFlag.ACK, true, false, false, false, 8192, 0x7db6, 0,
    ]);
  });

  it('gives the flow view with ports and flags', () => {
    const p = dissectPacket(ETH_IPV4_TCP_ACK);
    const f = p.inner!;
    expect(p.outer).toBe(f);
    expect([f.ipVersion, f.src, f.dst, f.protocol, f.srcPort, f.dstPort, f.tcpFlags, f.icmpType]).toEqual([
      4, '1.2.3.4', '5.6.7.8', 6, 80, 443, 0x10, null,
    ]);
    expect(f.ethernet?.src).toBe('01:23:45:67:89:ab');
  });

  it('starts at the IP header for L3 devices', () => {
    const p = dissectPacket(ETH_IPV4_TCP_ACK.subarray(14), { startsAt: 'ip' });
    expect(kinds(p.layers)).toEqual(['ipv4', 'tcp']);
    expect(p.inner?.ethernet).toBeNull();
    expect([p.inner?.src, p.inner?.dstPort]).toEqual(['1.2.3.4', 443]);
  });

  it('reads all nine TCP flags, 32-bit sequence numbers and options length', () => {
    const p = dissectPacket(
      hex(`
        45 00 00 34  00 00 40 00  40 06 00 00  0a 00 00 01  0a 00 00 02   # IPv4, DF, total 52
        c0 00 00 16                # 49152 -> 22
        de ad be ef  80 00 00 01   # seq, ack
        81 ff ff ff                # data offset 8 + NS, all eight flags, window 65535
        00 00 00 00                # checksum, urgent
        02 04 05 b4  01 03 03 07  04 02 00 00   # MSS, NOP, WS, SACK-permitted, EOL, pad
      `),
      { startsAt: 'ip' },
    );
    const tcp = p.layer('tcp')!;
    expect([tcp.seq, tcp.ackNumber, tcp.window, tcp.dataOffset, tcp.headerLength, tcp.optionsLength]).toEqual([
      0xdeadbeef, 0x80000001, 65535, 8, 32, 12,
    ]);
    expect(tcp.flags).toBe(0x1ff);
    expect([tcp.fin, tcp.syn, tcp.rst, tcp.psh, tcp.ack, tcp.urg, tcp.ece, tcp.cwr, tcp.ns]).toEqual(Array(9).fill(true));
    expect(p.layer('ipv4')!.dontFragment).toBe(true);
    expect(p.truncated).toBe(false);
  });
});

describe('VLAN and ARP', () => {
  it('walks QinQ tags to an ARP request and ignores Ethernet padding', () => {
    const p = dissectPacket(
      hex(`
        ff ff ff ff ff ff  0a 58 0a f4 01 05  88 a8   # broadcast, 802.1ad
        00 64 81 00                                   # S-tag: PCP 0, VID 100; next 802.1Q
        30 01 08 06                                   # C-tag: PCP 1, DEI, VID 1; next ARP
        00 01 08 00 06 04 00 01                       # Ethernet/IPv4, request
        0a 58 0a f4 01 05  0a f4 01 05                # sender 0a:58:0a:f4:01:05 10.244.1.5
        00 00 00 00 00 00  0a f4 01 01                # target ? 10.244.1.1
        00 00 00 00 00 00 00 00 00 00                 # padding
      `),
    );
    expect(kinds(p.layers)).toEqual(['ethernet', 'vlan', 'vlan', 'arp']);
    const [outerTag, innerTag] = p.layers.filter((l) => l.kind === 'vlan');
    expect(outerTag).toMatchObject({ tpid: 0x88a8, priority: 0, dropEligible: false, vlanId: 100, etherType: 0x8100 });
    expect(innerTag).toMatchObject({ tpid: 0x8100, priority: 1, dropEligible: true, vlanId: 1, etherType: 0x0806 });
    const arp = p.layer('arp')!;
    expect([arp.hardwareType, arp.protocolType, arp.hardwareSize, arp.protocolSize, arp.operation]).toEqual([1, 0x0800, 6, 4, 1]);
    expect([arp.senderHardwareAddress, arp.senderProtocolAddress]).toEqual(['0a:58:0a:f4:01:05', '10.244.1.5']);
    expect([arp.targetHardwareAddress, arp.targetProtocolAddress]).toEqual(['00:00:00:00:00:00', '10.244.1.1']);
    expect(p.truncated).toBe(false);
    expect(p.inner).toBeNull();
  });

  it('keeps an 802.3 length frame as payload', () => {
    const p = dissectPacket(hex('0180c2000000 001122334455 0026 424203 0000'));
    expect(kinds(p.layers)).toEqual(['ethernet', 'payload']);
    expect(p.layer('ethernet')!.etherType).toBe(0x26);
    expect(p.layer('payload')!.data).toEqual(hex('424203 0000'));
  });
});

describe('IPv4 options and fragments', () => {
  const firstFragment = hex(`
    46 00 00 24  ab cd 20 00  01 11 00 00   # IHL 6, total 36, id 0xabcd, MF, TTL 1, UDP
    0a 00 00 01  e0 00 00 fb                # 10.0.0.1 -> 224.0.0.251
    94 04 00 00                             # router alert option
    14 e9 00 35  00 0c 00 00                # UDP 5353 -> 53, length 12
    de ad be ef                             # data
  `);

  it('exposes options, flags, id and decodes the first fragment', () => {
    const p = dissectPacket(firstFragment, { startsAt: 'ip' });
    expect(kinds(p.layers)).toEqual(['ipv4', 'udp', 'payload']);
    const ip = p.layer('ipv4')!;
    expect([ip.ihl, ip.headerLength, ip.optionsLength, ip.id, ip.moreFragments, ip.dontFragment, ip.fragmentOffset]).toEqual([
      6, 24, 4, 0xabcd, true, false, 0,
    ]);
    expect(ip.isFragment).toBe(true);
    expect(ip.options()).toEqual([{ type: 0x94, offset: 20, length: 4 }]);
    const udp = p.layer('udp')!;
    expect([udp.srcPort, udp.dstPort, udp.length]).toEqual([5353, 53, 12]);
    expect(p.layer('payload')!.data).toEqual(hex('deadbeef'));
  });

  it('stops at IP for a later fragment', () => {
    const p = dissectPacket(
      hex(`
        45 00 00 1c  ab cd 00 b9  40 11 00 00   # offset 185 (1480 bytes), last fragment
        0a 00 00 01  0a 00 00 02
        01 02 03 04 05 06 07 08
      `),
      { startsAt: 'ip' },
    );
    expect(kinds(p.layers)).toEqual(['ipv4', 'payload']);
    expect(p.layer('ipv4')!.fragmentOffset).toBe(185);
    expect(p.inner?.l4).toBeNull();
    expect(p.inner?.srcPort).toBeNull();
  });

  it('walks no-op, end-of-list and longer options', () => {
    const ip = dissectPacket(
      hex(`
        48 00 00 20  00 00 00 00  40 fd 00 00  0a 00 00 01  0a 00 00 02
        01 07 07 04 0a 00 00 01 00 00 00 00    # NOP, record route (len 7), EOL, padding
      `),
      { startsAt: 'ip' },
    ).layer('ipv4')!;
    expect(ip.options()).toEqual([
      { type: 1, offset: 20, length: 1 },
      { type: 7, offset: 21, length: 7 },
      { type: 0, offset: 28, length: 1 },
    ]);
  });

  it('trims Ethernet padding after the datagram', () => {
    const frame = new Uint8Array(60);
    frame.set(
      hex(`
        02 00 00 00 00 01  02 00 00 00 00 02  08 00
        45 00 00 1c  00 00 00 00  40 01 00 00  0a 00 00 01  0a 00 00 02
        08 00 00 00  00 01 00 02               # echo request id 1 seq 2
      `),
    );
    const p = dissectPacket(frame);
    expect(kinds(p.layers)).toEqual(['ethernet', 'ipv4', 'icmpv4']);
    expect(p.truncated).toBe(false);
  });
});

describe('IPv6 extension headers', () => {
  const chain = hex(`
    60 00 00 00  00 44 00 40            # version 6, payload 68, next HBH, hop limit 64
    f0 0d 00 00 00 00 00 00 0a 0f 00 00 00 00 00 01   # f00d::a0f:0:0:1
    f0 0d 00 00 00 00 00 00 0a 0f 00 00 00 00 00 02   # f00d::a0f:0:0:2
    2b 00 01 04 00 00 00 00             # hop-by-hop (8), next routing, PadN
    2c 00 00 00 00 00 00 00             # routing (8), next fragment
    3c 00 00 00 12 34 56 78             # fragment: offset 0, M 0, id 0x12345678; next dest opts
    33 00 01 04 00 00 00 00             # destination options (8), next AH
    3a 04 00 00  00 00 01 00  00 00 00 01  00 00 00 00 00 00 00 00 00 00 00 00   # AH (24), next ICMPv6
    80 00 00 00  12 34 00 01            # echo request id 0x1234 seq 1
    61 62 63 64                         # data
  `);

  it('walks hop-by-hop, routing, fragment, destination options and AH', () => {
    const p = dissectPacket(chain, { startsAt: 'ip' });
    expect(kinds(p.layers)).toEqual(['ipv6', 'icmpv6', 'payload']);
    const ip = p.layer('ipv6')!;
    expect([ip.version, ip.payloadLength, ip.nextHeader, ip.hopLimit, ip.protocol, ip.headerLength]).toEqual([6, 68, 0, 64, 58, 96]);
    expect(ip.extensions).toEqual([
      { type: 0, offset: 40, length: 8 },
      { type: 43, offset: 48, length: 8 },
      { type: 44, offset: 56, length: 8 },
      { type: 60, offset: 64, length: 8 },
      { type: 51, offset: 72, length: 24 },
    ]);
    expect(ip.fragment).toEqual({ fragmentOffset: 0, moreFragments: false, id: 0x12345678 });
    expect([ip.src, ip.dst]).toEqual(['f00d::a0f:0:0:1', 'f00d::a0f:0:0:2']);
    const icmp = p.layer('icmpv6')!;
    expect([icmp.type, icmp.code, icmp.id, icmp.seq, icmp.typeCode, icmp.isError]).toEqual([128, 0, 0x1234, 1, 'EchoRequest', false]);
    expect([p.inner?.icmpType, p.inner?.icmpCode, p.inner?.ipVersion]).toEqual([128, 0, 6]);
    expect(p.truncated).toBe(false);
  });

  it('reads traffic class and flow label', () => {
    const ip = dissectPacket(hex('6b a1 23 45 0000 3b 01' + '00'.repeat(32)), { startsAt: 'ip' }).layer('ipv6')!;
    expect([ip.trafficClass, ip.flowLabel, ip.protocol]).toEqual([0xba, 0x12345, 59]);
  });

  it('stops at a later fragment', () => {
    const p = dissectPacket(
      hex(`
        60 00 00 00  00 10 2c 40  ${'00'.repeat(15)}01  ${'00'.repeat(15)}02
        11 00 05 a9 00 00 00 07            # fragment, next UDP, offset 181, M=1
        00 35 00 35 00 08 00 00            # would look like UDP, but is not a header
      `),
      { startsAt: 'ip' },
    );
    expect(kinds(p.layers)).toEqual(['ipv6', 'payload']);
    expect(p.layer('ipv6')!.fragment).toEqual({ fragmentOffset: 181, moreFragments: true, id: 7 });
  });

  it('reports an extension chain longer than the walk allows as malformed', () => {
    const hops = '00 00 01 04 00 00 00 00 '.repeat(20);
    const p = dissectPacket(hex(`60 00 00 00  00 a0 00 40 ${'00'.repeat(32)} ${hops}`), { startsAt: 'ip' });
    expect(p.malformed).toBe('ipv6');
    expect(p.layer('ipv6')!.extensions).toHaveLength(16);
  });

  it('reports an extension header past the payload length as malformed', () => {
    const p = dissectPacket(hex(`60 00 00 00  00 04 00 40 ${'00'.repeat(32)} 3b 00 01 04 00 00 00 00`), { startsAt: 'ip' });
    expect(p.malformed).toBe('ipv6');
    expect(p.truncated).toBe(false);
  });
});

describe('UDP, SCTP, ICMP, IGMP, VRRP', () => {
  it('decodes ICMPv4 echo with gopacket type-code text', () => {
    const p = dissectPacket(
      hex(`
        45 00 00 1c 00 00 40 00 40 01 00 00  0a 00 01 b8  0a 00 02 07
        08 00 f7 fc 00 01 00 02
      `),
      { startsAt: 'ip' },
    );
    const icmp = p.layer('icmpv4')!;
    expect([icmp.type, icmp.code, icmp.checksum, icmp.id, icmp.seq, icmp.typeCode]).toEqual([8, 0, 0xf7fc, 1, 2, 'EchoRequest']);
    expect([p.inner?.src, p.inner?.dst, p.inner?.icmpType, p.inner?.srcPort]).toEqual(['10.0.1.184', '10.0.2.7', 8, null]);
  });

  it('dissects the datagram an ICMP error quotes', () => {
    const p = dissectPacket(
      hex(`
        45 00 00 38 00 00 00 00 40 01 00 00  0a 00 02 07  0a 00 01 b8   # 10.0.2.7 -> 10.0.1.184
        03 03 00 00 00 00 00 00                                         # port unreachable
        45 00 00 30 12 34 40 00 40 11 00 00  0a 00 01 b8  0a 00 02 07   # quoted: UDP 10.0.1.184 -> 10.0.2.7
        d4 31 00 35 00 1c 00 00                                         # quoted UDP 54321 -> 53, length 28
      `),
      { startsAt: 'ip' },
    );
    const icmp = p.layer('icmpv4')!;
    expect([icmp.isError, icmp.typeCode]).toEqual([true, 'DestinationUnreachable(Port)']);
    expect(p.inner?.src).toBe('10.0.2.7'); // the error itself, not the quote
    const quoted = invokingPacket(p)!;
    expect(kinds(quoted.layers)).toEqual(['ipv4', 'udp']);
    expect([quoted.inner?.src, quoted.inner?.dst, quoted.inner?.srcPort, quoted.inner?.dstPort]).toEqual(['10.0.1.184', '10.0.2.7', 54321, 53]);
    expect(quoted.truncatedLayer).toBe('ipv4'); // the quote holds 28 of 48 bytes
    expect(invokingPacket(dissectPacket(ETH_IPV4_TCP_ACK))).toBeNull();
  });

  it('dissects the packet an ICMPv6 error quotes, cut inside its TCP header', () => {
    const p = dissectPacket(
      hex(`
        60 00 00 00 00 38 3a 40  ${'00'.repeat(15)}01  ${'00'.repeat(15)}02   # payload 56, ICMPv6
        01 04 00 00 00 00 00 00                                           # destination unreachable, port
        60 00 00 00 00 14 06 40  ${'00'.repeat(15)}02  ${'00'.repeat(15)}09   # quoted IPv6, TCP
        c0 01 00 50 00 00 00 07                                           # first 8 TCP bytes
      `),
      { startsAt: 'ip' },
    );
    expect([p.layer('icmpv6')!.isError, p.layer('icmpv6')!.typeCode]).toEqual([true, 'DestinationUnreachable(PortUnreachable)']);
    const quoted = invokingPacket(p)!;
    expect(kinds(quoted.layers)).toEqual(['ipv6', 'payload']);
    expect([quoted.inner?.src, quoted.inner?.dst, quoted.inner?.protocol, quoted.cutHeader]).toEqual(['::2', '::9', 6, 'tcp']);
    expect(quoted.layer('payload')!.data).toEqual(hex('c001 0050 00000007'));
  });

    it('decodes the SCTP common header', () => {
    const p = dissectPacket(
      hex(`
        45 00 00 24 00 00 40 00 40 84 00 00  0a 00 00 01  0a 00 00 02
        0b 59 0b 5a  de ad be ef  01 02 03 04     # 2905 -> 2906, vtag, CRC32c
        01 00 00 04                               # INIT chunk header
      `),
      { startsAt: 'ip' },
    );
    expect(kinds(p.layers)).toEqual(['ipv4', 'sctp', 'payload']);
    const sctp = p.layer('sctp')!;
    expect([sctp.srcPort, sctp.dstPort, sctp.verificationTag, sctp.checksum]).toEqual([2905, 2906, 0xdeadbeef, 0x01020304]);
    expect([p.inner?.srcPort, p.inner?.dstPort, p.inner?.protocol]).toEqual([2905, 2906, 132]);
  });

  it('decodes IGMPv2 and VRRPv2', () => {
    const igmp = dissectPacket(
      hex('46 c0 00 20 00 00 40 00 01 02 00 00 0a 00 00 05 e0 00 00 16 94 04 00 00  16 00 fa 04 e0 00 00 fb'),
      { startsAt: 'ip' },
    ).layer('igmp')!;
    expect([igmp.type, igmp.maxResponseTime, igmp.checksum, igmp.groupAddress, igmp.typeName]).toEqual([
      0x16, 0, 0xfa04, '224.0.0.251', 'IGMPv2 Membership Report',
    ]);
    const vrrp = dissectPacket(
      hex('45 c0 00 28 00 00 00 00 ff 70 00 00 c0 a8 00 02 e0 00 00 12  21 01 64 02 00 01 00 00 c0 a8 00 01 c0 a8 00 fe 00 00 00 00 00 00 00 00'),
      { startsAt: 'ip' },
    ).layer('vrrp')!;
    expect([vrrp.version, vrrp.type, vrrp.virtualRouterId, vrrp.priority, vrrp.addressCount, vrrp.advertInterval]).toEqual([2, 1, 1, 100, 2, 1]);
    expect([vrrp.addresses, vrrp.typeName, vrrp.headerLength]).toEqual([['192.168.0.1', '192.168.0.254'], 'VRRPv2 Advertisement', 16]);
  });
});

describe('tunnels', () => {
  it('follows VXLAN on Cilium port 8472 to the inner frame', () => {
    const p = dissectPacket(vxlanFrame(8472));
    expect(kinds(p.layers)).toEqual(['ethernet', 'ipv4', 'udp', 'vxlan', 'ethernet', 'ipv4', 'tcp']);
  });

  it.each(['vxlan', 'geneve'] as const)('decodes a forced %s overlay whatever the port (the event flag), with inner and outer flows', (kind) => {
    const p = dissectPacket(overlayFrame(kind, 9999), { overlay: kind });
    expect(kinds(p.layers)).toEqual(['ethernet', 'ipv4', 'udp', kind, 'ethernet', 'ipv4', 'tcp']);
    if (kind === 'vxlan') {
      const vx = p.layer('vxlan')!;
      expect([vx.vni, vx.validVni, vx.groupPolicy, vx.flags]).toEqual([2, true, false, 0x08]);
    } else {
      const g = p.layer('geneve')!;
      expect([g.vni, g.protocolType, g.optionsLength, g.headerLength]).toEqual([2, 0x6558, 0, 8]);
    }
    const inner = p.inner!;
    const outer = p.outer!;
    expect([inner.ethernet?.src, inner.ethernet?.dst, inner.src, inner.dst, inner.srcPort, inner.dstPort]).toEqual([
      '01:23:45:67:89:ab', '02:33:45:67:89:ab', '1.2.3.4', '5.6.7.8', 80, 443,
    ]);
    expect(inner.tcpFlags).toBe(TcpFlag.SYN);
    expect([outer.ethernet?.src, outer.ethernet?.dst, outer.src, outer.dst, outer.srcPort, outer.dstPort]).toEqual([
      '01:02:03:04:05:06', '11:12:13:14:15:16', '1.1.1.1', '2.2.2.2', 8472, 9999,
    ]);
  });

  it('reads the VXLAN group policy extension', () => {
    const frame = vxlanFrame(8472);
    frame.set(hex('88 48 12 34'), 42); // G and I flags; D and A bits; group policy id 0x1234
    const vx = dissectPacket(frame).layer('vxlan')!;
    expect([vx.groupPolicy, vx.validVni, vx.dontLearn, vx.policyApplied, vx.groupPolicyId, vx.vni]).toEqual([true, true, true, true, 0x1234, 2]);
    frame.set(hex('88 80'), 42); // the reserved bit gopacket mistakes for A
    expect(dissectPacket(frame).layer('vxlan')!.policyApplied).toBe(false);
  });

    it('leaves UDP payload alone on other ports, or when tunnel ports are turned off', () => {
    expect(kinds(dissectPacket(vxlanFrame(9999)).layers)).toEqual(['ethernet', 'ipv4', 'udp', 'payload']);
    expect(kinds(dissectPacket(vxlanFrame(4789)).layers)).toContain('vxlan');
    expect(kinds(dissectPacket(vxlanFrame(4789), { tunnelPorts: { vxlan: [] } }).layers)).toEqual(['ethernet', 'ipv4', 'udp', 'payload']);
  });

  it('follows Geneve with options to an inner Ethernet frame, and to bare IP', () => {
    const geneve = (protocol: string, inner: string) =>
      hex(`
        45 00 00 00 00 00 00 00 40 11 00 00  c0 a8 01 0a  c0 a8 01 0b   # total 0: take the bytes there are
        cb 21 17 c1 00 00 00 00                                         # UDP 52001 -> 6081, length 0
        02 40 ${protocol} 00 12 34 00                                   # Geneve: 2 option words, C bit, VNI 0x1234
        01 03 80 01 aa bb cc dd                                         # option class 0x0103, type 0x80, 4 bytes
        ${inner}
      `);
    const ipTcp = '45 00 00 28 00 00 00 00 40 06 00 00 0a 00 01 05 0a 00 02 09  a0 28 00 50 00000000 00000000 5002 0000 00000000';
    const p = dissectPacket(geneve('65 58', `02 00 00 00 00 02  02 00 00 00 00 01  08 00 ${ipTcp}`), { startsAt: 'ip' });
    expect(kinds(p.layers)).toEqual(['ipv4', 'udp', 'geneve', 'ethernet', 'ipv4', 'tcp']);
    const g = p.layer('geneve')!;
    expect([g.version, g.optionsLength, g.oam, g.critical, g.protocolType, g.vni, g.headerLength]).toEqual([0, 8, false, true, 0x6558, 0x1234, 16]);
    expect([p.inner?.src, p.inner?.srcPort, p.inner?.dstPort, p.outer?.dstPort]).toEqual(['10.0.1.5', 41000, 80, 6081]);

    const bare = dissectPacket(geneve('08 00', ipTcp), { startsAt: 'ip' });
    expect(kinds(bare.layers)).toEqual(['ipv4', 'udp', 'geneve', 'ipv4', 'tcp']);
    expect(bare.inner?.ethernet).toBeNull();
  });

  it('follows IP-in-IP and IPv6-in-IPv4', () => {
    const p = dissectPacket(
      hex(`
        45 00 00 3c 00 00 00 00 40 04 00 00  c0 a8 00 01  c0 a8 00 02   # IPIP
        45 00 00 28 00 00 00 00 40 06 00 00  0a 00 00 01  0a 00 00 02
        00 50 01 bb 00000000 00000000 5011 0000 00000000                # ACK FIN
      `),
      { startsAt: 'ip' },
    );
    expect(kinds(p.layers)).toEqual(['ipv4', 'ipv4', 'tcp']);
    expect([p.outer?.src, p.outer?.l4, p.inner?.src, p.inner?.tcpFlags]).toEqual(['192.168.0.1', null, '10.0.0.1', TcpFlag.ACK | TcpFlag.FIN]);
  });

  it('bounds nested encapsulation', () => {
    const ipip = '45 00 00 00 00 00 00 00 40 04 00 00 0a 00 00 01 0a 00 00 02';
    const p = dissectPacket(hex(ipip.repeat(10)), { startsAt: 'ip' });
    expect(p.layers.filter((l) => l.kind === 'ipv4')).toHaveLength(5); // outer + MAX_ENCAPSULATIONS
    expect(p.layers.at(-1)?.kind).toBe('payload');
  });

  it('bounds VLAN tags', () => {
    const p = dissectPacket(hex('ffffffffffff 020000000001 8100' + '0001 8100 '.repeat(12) + '0001 0800'));
    expect(p.layers.filter((l) => l.kind === 'vlan')).toHaveLength(8);
    expect(p.layers.at(-1)?.kind).toBe('payload');
  });
});

describe('truncation and malformed headers', () => {
  it('flags a datagram longer than the capture, decoding the headers present', () => {
    const bytes = ETH_IPV4_TCP_ACK.slice();
    bytes[16] = 0x05; // total length 1500
    bytes[17] = 0xdc;
    const p = dissectPacket(bytes);
    expect(kinds(p.layers)).toEqual(['ethernet', 'ipv4', 'tcp']);
    expect([p.truncated, p.truncatedLayer, p.cutHeader]).toEqual([true, 'ipv4', null]);
    expect(p.layer('ipv4')!.truncated).toBe(true);
    expect(p.inner?.dstPort).toBe(443);
  });

  it('records the header the bytes end in and keeps its bytes as payload', () => {
    const p = dissectPacket(ETH_IPV4_TCP_ACK.subarray(0, 44));
    expect(kinds(p.layers)).toEqual(['ethernet', 'ipv4', 'payload']);
    expect([p.truncated, p.truncatedLayer, p.cutHeader]).toEqual([true, 'ipv4', 'tcp']);
    expect(p.layer('payload')!.headerLength).toBe(10);
  });

  it('flags cut TCP options on the TCP layer', () => {
    const bytes = hex('45 00 00 2c 00 00 00 00 40 06 00 00 0a 00 00 01 0a 00 00 02  0050 01bb 00000000 00000000 6002 ffff 0000 0000 0204');
    const p = dissectPacket(bytes, { startsAt: 'ip' });
    const tcp = p.layer('tcp')!;
    expect([tcp.truncated, tcp.headerLength, tcp.syn]).toEqual([true, 22, true]);
    expect([p.truncatedLayer, p.cutHeader]).toEqual(['ipv4', 'tcp']);
  });

  it.each([
    ['IPv4 IHL below 5', '44 00 00 28 00 00 00 00 40 06 00 00 0a 00 00 01 0a 00 00 02 0000', 'ipv4'],
    ['IPv4 total length below the header', '45 00 00 10 00 00 00 00 40 06 00 00 0a 00 00 01 0a 00 00 02 0000', 'ipv4'],
    ['TCP data offset below 5', '45 00 00 28 00 00 00 00 40 06 00 00 0a 00 00 01 0a 00 00 02  0050 01bb 00000000 00000000 3002 0000 0000 0000', 'tcp'],
    ['UDP length below 8', '45 00 00 1c 00 00 00 00 40 11 00 00 0a 00 00 01 0a 00 00 02  0035 0035 0005 0000', 'udp'],
  ])('reports %s as malformed', (_name, bytes, kind) => {
    const p = dissectPacket(hex(bytes), { startsAt: 'ip' });
    expect(p.malformed).toBe(kind);
  });

  it('reports a header that does not fit in the enclosing declared length as malformed, not truncated', () => {
    // IPv4 total length 30 leaves 10 bytes for a 20-byte TCP header, though the bytes are there.
    const p = dissectPacket(ETH_IPV4_TCP_ACK.slice().fill(30, 17, 18));
    expect([p.malformed, p.truncated, p.cutHeader]).toEqual(['tcp', false, null]);
    expect(kinds(p.layers)).toEqual(['ethernet', 'ipv4', 'payload']);
    // Inner datagram longer than the outer UDP length says.
    const vx = vxlanFrame(8472);
    vx[39] = 0x40; // UDP length 64 instead of 70: the inner IPv4 (total 40) overruns it
    const q = dissectPacket(vx);
    expect([q.malformed, q.truncated]).toEqual(['ipv4', false]);
  });

    it('handles empty input and an unknown IP version', () => {
    const empty = dissectPacket(new Uint8Array(0));
    expect([empty.layers.length, empty.truncated, empty.inner]).toEqual([0, false, null]);
    const odd = dissectPacket(hex('50 00 00 14'), { startsAt: 'ip' });
    expect(kinds(odd.layers)).toEqual(['payload']);
  });
});
