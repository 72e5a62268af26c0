import { describe, expect, it } from 'vitest';
import {
  etherTypeName,
  icmpv4TypeCodeString,
  icmpv6TypeCodeString,
  igmpTypeName,
  tcpFlagNames,
  vrrpTypeName,
} from '../../src/packet/index.js';

// Expected texts: gopacket v1.5.0 String() methods (the library cilium monitor formats with),
// and the examples in monitor-output.md §1.1.
describe('icmpv4TypeCodeString', () => {
  it.each([
    [8, 0, 'EchoRequest'],
    [0, 0, 'EchoReply'],
    [3, 3, 'DestinationUnreachable(Port)'],
    [3, 4, 'DestinationUnreachable(FragmentationNeeded)'],
    [3, 13, 'DestinationUnreachable(CommAdminProhibited)'],
    [3, 99, 'DestinationUnreachable(Code: 99)'],
    [11, 0, 'TimeExceeded(TTLExceeded)'],
    [11, 1, 'TimeExceeded(FragmentReassemblyTimeExceeded)'],
    [5, 2, 'Redirect(TOS+Net)'],
    [12, 2, 'ParameterProblem(BadLength)'],
    [8, 1, 'EchoRequest(Code: 1)'],
    [4, 0, 'SourceQuench'],
    [42, 7, '42(7)'],
  ])('%i/%i -> %s', (type, code, text) => {
    expect(icmpv4TypeCodeString(type, code)).toBe(text);
  });
});

describe('icmpv6TypeCodeString', () => {
  it.each([
    [128, 0, 'EchoRequest'],
    [129, 0, 'EchoReply'],
    [1, 4, 'DestinationUnreachable(PortUnreachable)'],
    [1, 0, 'DestinationUnreachable(NoRouteToDst)'],
    [2, 0, 'PacketTooBig'],
    [3, 0, 'TimeExceeded(HopLimitExceeded)'],
    [4, 1, 'ParameterProblem(UnrecognizedNextHeader)'],
    [135, 0, 'NeighborSolicitation'],
    [136, 0, 'NeighborAdvertisement'],
    [130, 0, '130(0)'], // MLD query has no name in gopacket
    [143, 0, '143(0)'],
    [133, 5, 'RouterSolicitation(Code: 5)'],
  ])('%i/%i -> %s', (type, code, text) => {
    expect(icmpv6TypeCodeString(type, code)).toBe(text);
  });
});

describe('etherTypeName', () => {
  it.each([
    [0x0800, 'IPv4'],
    [0x86dd, 'IPv6'],
    [0x0806, 'ARP'],
    [0x8100, 'Dot1Q'],
    [0x88a8, 'Dot1Q'],
    [0x88cc, 'LinkLayerDiscovery'],
    [0x6558, 'TransparentEthernetBridging'],
    [0x002e, 'LLC'],
    [0x05ff, 'LLC'],
    [0x1234, 'UnknownEthernetType'],
  ])('%i -> %s', (type, text) => {
    expect(etherTypeName(type)).toBe(text);
  });
});

describe('igmp and vrrp type names', () => {
  it('match gopacket', () => {
    expect(igmpTypeName(0x11)).toBe('IGMP Membership Query');
    expect(igmpTypeName(0x16)).toBe('IGMPv2 Membership Report');
    expect(igmpTypeName(0x17)).toBe('Leave Group');
    expect(igmpTypeName(0x99)).toBe('');
    expect(vrrpTypeName(1)).toBe('VRRPv2 Advertisement');
    expect(vrrpTypeName(2)).toBe('');
  });
});

describe('tcpFlagNames', () => {
  // Order from Hubble's getTCPFlags and cilium monitor's getTCPInfo (SYN, ACK, RST, FIN first).
  it.each([
    [0x012, 'SYN, ACK'],
    [0x011, 'ACK, FIN'],
    [0x014, 'ACK, RST'],
    [0x018, 'ACK, PSH'],
    [0x1ff, 'SYN, ACK, RST, FIN, PSH, URG, ECE, CWR, NS'],
    [0x0c2, 'SYN, ECE, CWR'],
    [0x000, ''],
  ])('%i -> %s', (flags, text) => {
    expect(tcpFlagNames(flags).join(', ')).toBe(text);
  });
});
