/**
 * gopacket behaviours the `-vv` layer dump and the JSON summary reproduce, one per cause found by
 * the Go differential harness (test/oracle): reflective `LayerString` spacing, Go integer
 * arithmetic, runtime panics turned into `Failed to decode layer: panic: …`.
 */
import { describe, expect, it } from 'vitest';
import { formatEvent } from '../../src/format/index.js';
import { trace } from './records.js';
import { MAC_A, bytes, eth, ipv4 } from './packets.js';

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

describe('Go syscall.Errno texts', () => {
  it('covers the whole Linux table (socket-assign debug messages)', async () => {
    const { errnoText } = await import('../../src/format/strings/errno.js');
    expect(errnoText(64)).toBe('machine is not on the network');
    expect(errnoText(132)).toBe('operation not possible due to RF-kill');
    expect(errnoText(133)).toBe('errno 133');
  });
});
