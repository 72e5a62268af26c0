/**
 * The JSON `summary` object (`GetDissectSummary`, pkg/monitor/dissect.go) and the `-vv` layer
 * dump (`Dissect`) per release: which parser runs, what a decode error does, overlays.
 */
import { describe, expect, it } from 'vitest';
import { formatEvent } from '../../src/format/index.js';
import { drop, trace } from './records.js';
import { CILIUM_GENEVE_ACK, CILIUM_TCP_ACK, CILIUM_VXLAN_SYN, MAC_A, MAC_B, arpRequest, eth, ipv4, ipv6, synFrame, tcp, udp, bytes, TCP_ACK, TCP_PSH, TCP_SYN } from './packets.js';

const summaryOf = (text: string) => JSON.parse(text).summary;

describe('JSON summary', () => {
  it('overlay (1.18+): top level is the inner packet, the outer one is under tunnel', () => {
    const ev = trace('1.18', { obsPoint: 9, flags: 0x08, packet: CILIUM_GENEVE_ACK });
    const s = summaryOf(formatEvent(ev, { mode: 'json' }));
    expect(s.l3).toEqual({ src: '1.2.3.4', dst: '5.6.7.8' });
    expect(s.l4).toEqual({ src: '80', dst: '443' });
    expect(s.tunnel.l3).toEqual({ src: '1.1.1.1', dst: '2.2.2.2' });
    expect(s.tunnel.l4).toEqual({ src: '8472', dst: '9999' });
    expect(s.tunnel.geneve.startsWith('Geneve\t{')).toBe(true);
    expect(Object.keys(s)).toEqual(['ethernet', 'ipv4', 'tcp', 'l2', 'l3', 'l4', 'tunnel']);
    expect(Object.keys(s.tunnel)).toEqual(['ethernet', 'ipv4', 'udp', 'geneve', 'l2', 'l3', 'l4']);
  });

  it('1.17 always decodes from Ethernet; 1.18 follows the L3-device flag', () => {
    const ipOnly = CILIUM_TCP_ACK.subarray(14);
    expect(summaryOf(formatEvent(drop('1.18', { reason: 133, flags: 0x02, packet: ipOnly }), { mode: 'json' })).l3).toEqual({
      src: '1.2.3.4',
      dst: '5.6.7.8',
    });
    const l2 = summaryOf(formatEvent(drop('1.17', { reason: 133, flags: 0x02, packet: ipOnly }), { mode: 'json' }));
    expect(l2.l3).toBeUndefined();
    expect(l2.l2).toEqual({ src: '00:00:40:06:6a:bc', dst: '45:00:00:28:00:01' });
  });

  it('a decode error drops the summary from 1.17; 1.16 keeps the layers decoded before it', () => {
    const cut = synFrame().subarray(0, 44);
    expect(summaryOf(formatEvent(drop('1.17', { reason: 133, packet: cut }), { mode: 'json' }))).toBeUndefined();
    const old = summaryOf(formatEvent(drop('1.16', { reason: 133, packet: cut }), { mode: 'json' }));
    expect(old.l3).toEqual({ src: '10.0.1.23', dst: '93.184.216.34' });
    expect(old.tcp).toBeUndefined();
  });
});

/** The packet lines of a `-vv` block, wherever the release prints its header line. */
const layersOf = (text: string): string[] => text.split('\n').filter((l) => l !== '-'.repeat(78) && !l.startsWith('CPU '));

describe('-vv layer dump', () => {
  it('truncation and decode errors are reported after the decoded layers', () => {
    const cut = synFrame().subarray(0, 44);
    const lines = layersOf(formatEvent(drop('1.18', { reason: 133, packet: cut }), { mode: 'dissect' }));
    expect(lines.map((l) => l.split('\t')[0])).toEqual([
      'Ethernet',
      'IPv4',
      '  Packet has been truncated',
      '  Failed to decode layer: Invalid TCP header. Length 10 less than 20',
      '',
    ]);
  });

  it('IPv4 options and flags as gopacket prints them', () => {
    const opts = [0x94, 0x04, 0x00, 0x00]; // router alert (RFC 2113)
    const pkt = eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 6, tcp(1, 2, TCP_SYN), { flags: 2, options: opts }));
    const ipLine = formatEvent(trace('1.19', { obsPoint: 3, packet: pkt }), { mode: 'dissect' }).split('\n')[3];
    expect(ipLine).toBe(
      'IPv4\t{Contents=[..24..] Payload=[..20..] Version=4 IHL=6 TOS=0 Length=44 Id=4660 Flags=DF FragOffset=0 TTL=64 Protocol=TCP Checksum=0 SrcIP=10.0.0.1 DstIP=10.0.0.2 Options=[IPv4Option(148:[0 0])] Padding=[]}',
    );
  });

  it('L3-device records dissect from IP from 1.18, from Ethernet in 1.17', () => {
    const ipOnly = CILIUM_TCP_ACK.subarray(14);
    const first = (r: '1.17' | '1.18') => layersOf(formatEvent(trace(r, { obsPoint: 3, flags: 0x02, packet: ipOnly }), { mode: 'dissect' }))[0]?.split('\t')[0];
    expect(first('1.18')).toBe('IPv4');
    expect(first('1.17')).toBe('Ethernet');
  });

  it('1.16 and 1.17.0 report the first layer without a decoder (no IgnoreUnsupported)', () => {
    const last = (r: '1.16' | '1.17.0' | '1.17', packet: Uint8Array) =>
      layersOf(formatEvent(trace(r, { obsPoint: 3, packet }), { mode: 'dissect' })).slice(0, -1).pop();
    const data = eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 6, tcp(40000, 8080, TCP_ACK | TCP_PSH, [1, 2, 3])));
    expect(last('1.16', data)).toBe('  Failed to decode layer: No decoder for layer type Payload');
    expect(last('1.17.0', data)?.startsWith('TCP\t')).toBe(false);
    expect(last('1.17', data)?.startsWith('TCP\t')).toBe(true);
    const tls = eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 6, tcp(40000, 443, TCP_ACK, [0x16])));
    expect(last('1.16', tls)).toBe('  Failed to decode layer: No decoder for layer type TLS');
    const dns = eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 17, udp(5353, 53, bytes([0, 1]))));
    expect(last('1.16', dns)).toBe('  Failed to decode layer: No decoder for layer type DNS');
    const arp = eth([0xff, 0xff, 0xff, 0xff, 0xff, 0xff], MAC_A, 0x0806, arpRequest(MAC_A, [10, 0, 0, 1], [10, 0, 0, 2]));
    expect(last('1.16', arp)).toBe('  Failed to decode layer: No decoder for layer type ARP');
    const frag = eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 17, udp(1, 2), { fragOffset: 10 }));
    expect(last('1.17.0', frag)).toBe('  Failed to decode layer: No decoder for layer type Fragment');
    // A SYN carries no payload, so decoding simply ends after TCP.
    expect(last('1.16', synFrame())?.startsWith('TCP\t')).toBe(true);
  });

  it('TCP options as gopacket names them; 1.16 has no Multipath field', () => {
    // MSS 1460, SACK permitted, window scale 7, NOP, End of options (RFC 9293, 2018, 7323).
    const opts = [2, 4, 0x05, 0xb4, 4, 2, 3, 3, 7, 1, 0, 0];
    const hdr = [0x9c, 0x40, 0x00, 0x50, 0, 0, 0, 1, 0, 0, 0, 0, 0x80, TCP_SYN, 0xff, 0xff, 0, 0, 0, 0, ...opts];
    const pkt = eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 6, bytes(hdr)));
    const tcpLine = (r: '1.16' | '1.19') => layersOf(formatEvent(trace(r, { obsPoint: 3, packet: pkt }), { mode: 'dissect' }))[2];
    // gopacket v1.5.0's TCP table names 40000 `safetynetp` and 80 `http`.
    expect(tcpLine('1.19')).toBe(
      'TCP\t{Contents=[..32..] Payload=[] SrcPort=40000(safetynetp) DstPort=80(http) Seq=1 Ack=0 DataOffset=8 FIN=false SYN=true RST=false PSH=false ACK=false URG=false ECE=false CWR=false NS=false Window=65535 Checksum=0 Urgent=0 Options=[..5..] Padding=[0] Multipath=false}',
    );
    expect(tcpLine('1.16')?.endsWith(' Urgent=0 Options=[..5..] Padding=[0]}')).toBe(true);
    const short = [0x9c, 0x40, 0x00, 0x50, 0, 0, 0, 1, 0, 0, 0, 0, 0x60, TCP_SYN, 0xff, 0xff, 0, 0, 0, 0, 2, 4, 0x05, 0xb4];
    const mss = eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 6, bytes(short)));
    expect(formatEvent(trace('1.19', { obsPoint: 3, packet: mss }), { mode: 'dissect' })).toContain(' Options=[TCPOption(MSS:1460 0x05b4)] Padding=[] ');
  });

  it('VXLAN, VRRP and IGMP layers as gopacket prints them (1.19)', () => {
    const vx = formatEvent(trace('1.19', { obsPoint: 9, flags: 0x04, packet: CILIUM_VXLAN_SYN }), { mode: 'dissect' }).split('\n');
    // The VXLAN header of that frame is 0c 00 00 03 00 00 02 00: I flag, group policy id 3, VNI 2.
    expect(vx[5]).toBe(
      'VXLAN\t{Contents=[..8..] Payload=[..54..] ValidIDFlag=true VNI=2 GBPExtension=false GBPDontLearn=false GBPApplied=false GBPGroupPolicyID=3}',
    );
    const vrrp = bytes([0x21, 0x0a, 0x78, 0x01, 0x00, 0x01, 0x00, 0x00, 0xc0, 0xa8, 0x01, 0x01]);
    const vrrpFrame = eth([0x01, 0x00, 0x5e, 0, 0, 0x12], MAC_A, 0x0800, ipv4([1, 2, 3, 4], [224, 0, 0, 18], 112, vrrp));
    expect(formatEvent(trace('1.19', { obsPoint: 3, packet: vrrpFrame }), { mode: 'dissect' }).split('\n')[4]).toBe(
      'VRRP\t{Contents=[..12..] Payload=[] Version=2 Type=VRRPv2 Advertisement VirtualRtrID=10 Priority=120 CountIPAddr=1 AuthType=No Authentication AdverInt=1 Checksum=0 IPAddress=[192.168.1.1]}',
    );
    const igmp = bytes([0x11, 0x64, 0x00, 0x00, 0xe0, 0x00, 0x00, 0xfb]);
    const igmpFrame = eth([0x01, 0x00, 0x5e, 0, 0, 0xfb], MAC_A, 0x0800, ipv4([1, 2, 3, 4], [224, 0, 0, 251], 2, igmp));
    expect(formatEvent(trace('1.19', { obsPoint: 3, packet: igmpFrame }), { mode: 'dissect' }).split('\n')[4]).toBe(
      'IGMP\t{Contents=[] Payload=[] Type=IGMP Membership Query MaxResponseTime=10s Checksum=0 GroupAddress=224.0.0.251 Version=0}',
    );
  });

  it('IPv6 hop-by-hop header (MLDv2 report with router alert, RFC 3810/2711)', () => {
    const hbh = [58, 0, 5, 2, 0, 0, 1, 0];
    const mld = [143, 0, 0, 0, 0, 0, 0, 0];
    const ll = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const all = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x16];
    const pkt = eth([0x33, 0x33, 0, 0, 0, 0x16], MAC_A, 0x86dd, ipv6(ll, all, 0, bytes(hbh, mld)));
    const ev = trace('1.19', { obsPoint: 3, packet: pkt });
    expect(formatEvent(ev)).toContain(': fe80::1 -> ff02::16 icmp 143(0)\n');
    expect(formatEvent(ev, { mode: 'dissect' }).split('\n')[3]).toBe(
      'IPv6\t{Contents=[..40..] Payload=[..8..] Version=6 TrafficClass=0 FlowLabel=0 Length=16 NextHeader=IPv6HopByHop HopLimit=64 SrcIP=fe80::1 DstIP=ff02::16 HopByHop={ Contents=[..8..] Payload=[..8..] NextHeader=ICMPv6 HeaderLength=0 ActualLength=8 Options=[{OptionType=5 OptionLength=2 ActualLength=4 OptionData=[0, 0] OptionAlignment=[0 0]}, {OptionType=1 OptionLength=0 ActualLength=2 OptionData=[] OptionAlignment=[0 0]}]}}',
    );
  });
});
