/**
 * formatSample on records Cilium's Go decoders treat specially. Every expected string is what
 * the Go harness (test/oracle/harness, Cilium's own FormatSample at the pinned commit) printed
 * for the same bytes; the differential test covers the corpus, these pin the rules by name.
 */
import { describe, expect, it } from 'vitest';
import { formatSample } from '../../src/format/index.js';
import { isFormatError } from '../../src/format/index.js';

const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));
// A version-1 drop header (36 bytes: reason 133, cap_len 30, version 1, identities 1 -> 2).
const DROP_V1_HEADER = '01850000000000005c0000001e0001000100000002000000000000000100650005000000';
// An Ethernet frame: 0a:58:0a:f4:01:05 <- 02:42:ac:11:00:02, IPv4 TCP 1.2.3.4:80 -> 5.6.7.8.
const FRAME = '0a580af401050242ac11000208004500002800010000400600000102030405060708';

describe('formatSample', () => {
  it('prints the Decode error line of 1.19+ for a short record', () => {
    expect(formatSample(bytes('0300'), { release: '1.19', cpu: 1 })).toBe(
      "cannot decode message type '3': unexpected DebugCapture data length, expected 24 but got 2\n",
    );
  });

  it('reads a v0/v1 drop into the 40-byte struct up to 1.18: the flags are the first packet byte', () => {
    const record = bytes(DROP_V1_HEADER + FRAME);
    // 0x0a, the first MAC byte, sets the L3-device bit: Go decodes the frame as IP and fails.
    expect(formatSample(record, { release: '1.18', cpu: 1 })).toBe(
      'xx drop (Policy denied) flow 0x0 to endpoint 0, ifindex 5, file arp.h:1, , identity host->world: [error]\n',
    );
    expect(formatSample(record, { release: '1.19', cpu: 1 })).toBe(
      'xx drop (Policy denied) flow 0x0 to endpoint 0, ifindex 5, file drop.h:1, , identity host->world: 1.2.3.4 -> 5.6.7.8\n',
    );
  });

  it('prints the whole record as packet for a drop version the 1.18 length map lacks', () => {
    const record = bytes(DROP_V1_HEADER.slice(0, 28) + '0300' + DROP_V1_HEADER.slice(32) + FRAME.slice(0, 60));
    expect(formatSample(record, { release: '1.18', cpu: 1 })).toBe(
      'xx drop (Policy denied) flow 0x0 to endpoint 0, ifindex 5, file arp.h:1, , identity host->world: [error]\n',
    );
  });

  it('goes on with the zero struct after a short binary.Read (1.18 -vv), and throws where Go panics', () => {
    expect(formatSample(bytes('01a4070019'), { release: '1.18', mode: 'dissect', cpu: 1 })).toBe(
      'Error while parsing drop notification message: unexpected EOF\n' +
        '------------------------------------------------------------------------------\n' +
        'CPU 01: MARK 0x0 FROM 0 DROP: 0 bytes, reason Success\n',
    );
    expect(formatSample(bytes('02000100'), { release: '1.17.0', cpu: 1 })).toBe('Error while parsing debug message: unexpected EOF\n');
    try {
      formatSample(bytes('01a4070019'), { release: '1.18', cpu: 1 });
      expect.unreachable();
    } catch (e) {
      expect(isFormatError(e) && e.code).toBe('go-panics');
      expect((e as Error).message).toContain('Error while parsing drop notification message: unexpected EOF');
    }
  });

  it('refuses an empty sample with a typed error', () => {
    expect(() => formatSample(new Uint8Array(0))).toThrow(expect.objectContaining({ code: 'empty-sample' }));
  });
});
