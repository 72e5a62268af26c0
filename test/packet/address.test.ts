import { describe, expect, it } from 'vitest';
import { ipv4ToString, ipv6ToString, macToString } from '../../src/packet/index.js';
import { hex } from './hex.js';

// Expected strings are what Go's net.IP.String() / net.HardwareAddr.String() print
// (RFC 5952 §4 for IPv6; Go prints IPv4-mapped addresses as a dotted quad because To4 succeeds).
describe('ipv4ToString', () => {
  it.each([
    ['7f000001', '127.0.0.1'],
    ['00000000', '0.0.0.0'],
    ['ffffffff', '255.255.255.255'],
    ['0a0001b8', '10.0.1.184'],
  ])('%s -> %s', (bytes, text) => {
    expect(ipv4ToString(hex(bytes))).toBe(text);
  });

  it('reads at an offset', () => {
    expect(ipv4ToString(hex('ffff c0a80101'), 2)).toBe('192.168.1.1');
  });
});

describe('ipv6ToString (Go net.IP.String)', () => {
  it.each([
    ['2001 0db8 0000 0000 0000 0123 0012 0001', '2001:db8::123:12:1'],
    ['2001 0db8 0000 0000 0000 0000 0000 0001', '2001:db8::1'],
    ['2001 0db8 0000 0001 0000 0001 0000 0001', '2001:db8:0:1:0:1:0:1'],
    ['2001 0db8 0001 0000 0001 0000 0001 0000', '2001:db8:1:0:1:0:1:0'],
    ['2001 0000 0000 0000 0001 0000 0000 0001', '2001::1:0:0:1'],
    ['2001 0db8 0000 0000 0001 0000 0000 0000', '2001:db8:0:0:1::'], // longer run wins
    ['2001 0db8 0000 0000 0001 0000 0000 0001', '2001:db8::1:0:0:1'], // tie: first run
    ['2001 0db8 0000 0000 000a 000b 000c 000d', '2001:db8::a:b:c:d'],
    ['2001 0db8 0000 0001 0001 0001 0001 0001', '2001:db8:0:1:1:1:1:1'], // one zero group stays
    ['2001 0db8 00a0 0000 0000 0000 0000 0000', '2001:db8:a0::'],
    ['0000 0000 0000 0000 0000 0000 0000 0000', '::'],
    ['0000 0000 0000 0000 0000 0000 0000 0001', '::1'],
    ['fe80 0000 0000 0000 0000 0000 0000 0001', 'fe80::1'],
    ['f00d 0000 0000 0000 0a0f 0000 0000 0001', 'f00d::a0f:0:0:1'],
    ['0001 0000 0000 0000 0000 0000 0000 0000', '1::'],
    ['abcd ef01 2345 6789 abcd ef01 2345 6789', 'abcd:ef01:2345:6789:abcd:ef01:2345:6789'],
    ['0000 0000 0000 0000 0000 ffff 7f01 02ff', '127.1.2.255'], // IPv4-mapped
    ['0000 0000 0000 0000 0000 ffff 0000 0000', '0.0.0.0'],
    ['0000 0000 0000 0000 0000 0000 0102 0304', '::102:304'], // IPv4-compatible is not special
    ['0000 0000 0000 0000 ffff ffff 0102 0304', '::ffff:ffff:102:304'],
    ['0064 ff9b 0000 0000 0000 0000 0a00 0001', '64:ff9b::a00:1'],
  ])('%s -> %s', (bytes, text) => {
    expect(ipv6ToString(hex(bytes))).toBe(text);
  });

  it('reads at an offset', () => {
    expect(ipv6ToString(hex('aa 2001 0db8 0000 0000 0000 0000 0000 0002'), 1)).toBe('2001:db8::2');
  });

  it('does not throw when fewer than 16 bytes remain', () => {
    expect(ipv6ToString(hex('2001 0db8'))).toBe('2001:db8::');
  });
});

describe('macToString (Go net.HardwareAddr.String)', () => {
  it.each([
    ['00005e005301', '00:00:5e:00:53:01'],
    ['0a580af40105', '0a:58:0a:f4:01:05'],
    ['ffffffffffff', 'ff:ff:ff:ff:ff:ff'],
  ])('%s -> %s', (bytes, text) => {
    expect(macToString(hex(bytes))).toBe(text);
  });

  it('prints other lengths (EUI-64, empty)', () => {
    expect(macToString(hex('02005e1000000001'), 0, 8)).toBe('02:00:5e:10:00:00:00:01');
    expect(macToString(new Uint8Array(0), 0, 0)).toBe('');
  });
});
