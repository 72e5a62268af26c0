/**
 * Trace-sock (`TraceSockNotify.Dump`), recorder (`RecorderCapture.DumpInfo`, ≤ 1.18), agent
 * notifications (`AgentNotify.Dump`/`getJSON`), unknown types (`FormatSample`'s
 * `%s Unknown event: %+v`), and the errors for what cannot be printed.
 */
import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../../src/index.js';
import { FormatError, formatEvent } from '../../src/format/index.js';
import { raw, recorder, traceSock } from './records.js';
import { bytes } from './packets.js';

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** A type-130 record: gob type definition of AgentNotify{Type uint32, Text string} and a value. */
function agentRecord(type: number, text: string): Uint8Array {
  const def = [0xff, 0x83, 0x03, 0x01, 0x01, 0x0b, ...ascii('AgentNotify'), 0x01, 0xff, 0x84, 0x00, 0x01, 0x02,
    0x01, 0x04, ...ascii('Type'), 0x01, 0x06, 0x00, 0x01, 0x04, ...ascii('Text'), 0x01, 0x0c, 0x00, 0x00, 0x00];
  const value = [0xff, 0x84, 0x01, type, 0x01, text.length, ...ascii(text), 0x00];
  return bytes([130, def.length, ...def, value.length, ...value]);
}

describe('trace sock', () => {
  it('prints only at -v, with the trailing space (38-byte layout)', () => {
    const ev = traceSock('1.18', { xlate: 1, dstIp: [10, 96, 0, 10], dstPort: 53, cookie: 40960n, cgroup: 7123n, proto: 2 });
    expect(formatEvent(ev, { mode: 'verbose', cpu: 5 })).toBe(
      'CPU 05: [pre-xlate-fwd] cgroup_id: 7123 sock_cookie: 40960, dst [10.96.0.10]:53 udp \n',
    );
    for (const mode of ['summary', 'dissect', 'hex', 'json'] as const) expect(formatEvent(ev, { mode })).toBe('');
  });

  it('IPv6 destination and unknown names (40-byte 1.19 layout)', () => {
    const v6 = [0xf0, 0x0d, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10];
    const ev = traceSock('1.19', { xlate: 9, dstIp: v6, dstPort: 443, cookie: 1n, cgroup: 2n, proto: 7, ipv6: true });
    expect(formatEvent(ev, { mode: 'verbose' })).toBe('CPU 00: [unknown] cgroup_id: 2 sock_cookie: 1, dst [f00d::10]:443 unknown \n');
    const tcp = traceSock('1.16', { xlate: 4, dstIp: [1, 1, 1, 1], dstPort: 80, cookie: 3n, cgroup: 4n, proto: 1 });
    expect(formatEvent(tcp, { mode: 'verbose' })).toBe('CPU 00: [post-xlate-rev] cgroup_id: 4 sock_cookie: 3, dst [1.1.1.1]:80 tcp \n');
  });
});

describe('recorder capture (≤ 1.18)', () => {
  it('header, dissection and the ---- trailer at every verbosity', () => {
    const ev = recorder('1.18', { dir: 1, rule: 3, tvBoot: 123456789n, origLen: 60, packet: bytes([1, 2, 3]) });
    // Three bytes are too short for Ethernet: gopacket reports the error and no layers.
    const expected = 'Recorder capture: dir:ingress rule:3 ts:123456789 caplen:3 len:60\n  Failed to decode layer: Ethernet packet too small\n----\n';
    for (const mode of ['summary', 'verbose', 'json'] as const) expect(formatEvent(ev, { mode })).toBe(expected);
    // 1.16 dissects even an empty packet, so gopacket's Ethernet error is printed; 1.18 skips it.
    expect(formatEvent(recorder('1.16', { dir: 2, rule: 1, tvBoot: 5n, packet: new Uint8Array(0) }))).toBe(
      'Recorder capture: dir:egress rule:1 ts:5 caplen:0 len:0\n  Failed to decode layer: Ethernet packet too small\n----\n',
    );
    expect(formatEvent(recorder('1.18', { dir: 2, rule: 1, tvBoot: 5n, packet: new Uint8Array(0) }))).toBe(
      'Recorder capture: dir:egress rule:1 ts:5 caplen:0 len:0\n----\n',
    );
  });

  it('1.19 has no recorder type: the record prints as an unknown event', () => {
    const b = new Uint8Array(24);
    b[0] = 6;
    b[1] = 1;
    expect(formatEvent(decodeEvent(b, { release: '1.19' }))).toBe(`CPU 00: Unknown event: [6 1${' 0'.repeat(22)}]\n`);
  });

  it('is unsupported when formatting as 1.19', () => {
    const ev = recorder('1.18', { dir: 1, rule: 3, tvBoot: 1n, packet: new Uint8Array(0) });
    expect(() => formatEvent(ev, { release: '1.19' })).toThrow(expect.objectContaining({ code: 'unsupported-message' }));
  });
});

describe('agent notifications', () => {
  it('">> name: text" and the JSON with the text embedded verbatim', () => {
    const ev = raw('1.19', agentRecord(5, '{"revision":7}'), 130);
    expect(formatEvent(ev)).toBe('>> Policy updated: {"revision":7}\n');
    expect(formatEvent(ev, { mode: 'json' })).toBe('{"type":"agent","subtype":"Policy updated","message":{"revision":7}}\n');
  });

  it('names are the release’s: 1.16 still had service notifications', () => {
    const ev = raw('1.16', agentRecord(11, '{}'), 130);
    expect(formatEvent(ev)).toBe('>> Service upserted: {}\n');
    expect(formatEvent(ev, { release: '1.19' })).toBe('>> 11: {}\n');
  });

  it('unknown notification types print their number', () => {
    const ev = raw('1.19', agentRecord(99, '{}'), 130);
    expect(formatEvent(ev)).toBe('>> 99: {}\n');
  });

  it('an unreadable payload is a FormatError', () => {
    const ev = raw('1.19', bytes([130, 1, 2, 3]), 130);
    expect(() => formatEvent(ev)).toThrow(FormatError);
    expect(() => formatEvent(ev)).toThrow(expect.objectContaining({ code: 'undecodable-payload' }));
  });
});

describe('unknown and unsupported records', () => {
  it('unknown types print the whole record as Go %+v of the bytes', () => {
    const ev = decodeEvent(bytes([42, 1, 2, 0, 255]), { release: '1.19' });
    expect(formatEvent(ev, { cpu: 7 })).toBe('CPU 07: Unknown event: [42 1 2 0 255]\n');
  });

  it('an access log whose payload is not a gob value is undecodable-payload', () => {
    const ev = decodeEvent(bytes([129, 1, 2, 3]), { release: '1.19' });
    expect(() => formatEvent(ev)).toThrow(expect.objectContaining({ code: 'undecodable-payload' }));
  });

  it('an unknown mode is invalid-option', () => {
    const ev = decodeEvent(bytes([42]), { release: '1.19' });
    expect(() => formatEvent(ev, { mode: 'loud' as never })).toThrow(expect.objectContaining({ code: 'invalid-option' }));
  });
});
