/** Address text at an offset inside an event, as Go's net.IP.String() prints it (what cilium monitor shows for orig IPs). */
import { describe, expect, it } from 'vitest';
import { ipv4ToString as ipv4Text, ipv6ToString as ipv6Text } from '../../src/packet/address.js';
import { hex } from '../helpers/hex.js';

describe('ipv6Text', () => {
  const cases: [string, string][] = [
    ['20010db8000000000000000000000001', '2001:db8::1'],
    ['00000000000000000000000000000000', '::'],
    ['00000000000000000000000000000001', '::1'],
    ['fe800000000000000000000000000000', 'fe80::'],
    ['20010db8000000010000000000000001', '2001:db8:0:1::1'], // longest zero run wins
    ['20010db8000000000001000000000001', '2001:db8::1:0:0:1'], // first of two equal runs
    ['20010db8000100010001000100010001', '2001:db8:1:1:1:1:1:1'],
    ['20010000000100010001000100010001', '2001:0:1:1:1:1:1:1'], // a single zero group stays
    ['00000000000000000000ffff0a000001', '10.0.0.1'], // IPv4-mapped prints as IPv4
    ['fd00000000000000000000000000000a', 'fd00::a'],
  ];
  for (const [bytes, text] of cases) it(text, () => expect(ipv6Text(hex(bytes), 0)).toBe(text));

  it('reads at an offset', () => {
    expect(ipv4Text(hex('ff 0a 00 00 01'), 1)).toBe('10.0.0.1');
    expect(ipv6Text(hex(`ff ${'00'.repeat(15)}01`), 1)).toBe('::1');
  });
});
