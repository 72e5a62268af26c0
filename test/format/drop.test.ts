/**
 * Drop notifications, from `DropNotify.DumpInfo`/`DumpVerbose`/`getJSON` (pkg/monitor/
 * datapath_drop.go) at each pinned commit: `xx drop (%s) flow %#x to endpoint %d, ifindex %d,
 * file %s:%d, ` + [` [ ip-trace-id = %d ]`] + `, identity %s->%s` + `: %s\n`.
 */
import { describe, expect, it } from 'vitest';
import type { Release } from '../../src/decode/types.js';
import { formatEvent, SEPARATOR } from '../../src/format/index.js';
import { drop } from './records.js';
import { synFrame } from './packets.js';

const ALL: readonly Release[] = ['1.16', '1.17.0', '1.17', '1.18', '1.19'];

const policyDrop = {
  reason: 133,
  source: 1234,
  hash: 0x5d3c1a2b,
  srcLabel: 12345,
  dstLabel: 2,
  line: 1452,
  file: 2,
  ifindex: 17,
};

describe('drop summary line', () => {
  it.each(ALL)('policy denied, with the double comma before identity (%s)', (r) => {
    const ev = drop(r, { ...policyDrop, packet: synFrame() });
    expect(formatEvent(ev)).toBe(
      'xx drop (Policy denied) flow 0x5d3c1a2b to endpoint 0, ifindex 17, file bpf_lxc.c:1452, , identity 12345->world: 10.0.1.23:45678 -> 93.184.216.34:443 tcp SYN\n',
    );
  });

  it('-v prints the same line', () => {
    const ev = drop('1.19', { ...policyDrop, packet: synFrame() });
    expect(formatEvent(ev, { mode: 'verbose' })).toBe(formatEvent(ev));
  });

  it('ext_error is appended as a signed number; hash 0 prints 0x0', () => {
    const ev = drop('1.18', { reason: 169, srcLabel: 6, dstLabel: 0, line: 1122, file: 1, ifindex: 2, extError: -7 });
    expect(formatEvent(ev)).toBe(
      'xx drop (FIB lookup failed, -7) flow 0x0 to endpoint 0, ifindex 2, file bpf_host.c:1122, , identity remote-node->unknown: [unknown]\n',
    );
  });

  it('unknown reason prints "code, ext_error"; unknown file prints unknown(id)', () => {
    const ev = drop('1.19', { reason: 250, file: 99, line: 7 });
    expect(formatEvent(ev)).toBe(
      'xx drop (250, 0) flow 0x0 to endpoint 0, ifindex 0, file unknown(99):7, , identity unknown->unknown: [unknown]\n',
    );
  });

  it('ip-trace-id (1.19) sits between the double comma, with two spaces before [', () => {
    const ev = drop('1.19', { ...policyDrop, hash: 0x1f, dstId: 1204, ifindex: 24, line: 2004, srcLabel: 25478, dstLabel: 31902, ipTraceId: 42n, packet: synFrame() });
    expect(formatEvent(ev, { numeric: true })).toBe(
      'xx drop (Policy denied) flow 0x1f to endpoint 1204, ifindex 24, file bpf_lxc.c:2004,  [ ip-trace-id = 42 ], identity 25478->31902: 10.0.1.23:45678 -> 93.184.216.34:443 tcp SYN\n',
    );
  });

  it('-n prints reserved identities as numbers', () => {
    const ev = drop('1.17', { ...policyDrop, packet: synFrame() });
    expect(formatEvent(ev, { numeric: true })).toContain(', , identity 12345->2: ');
  });

  it('user identity names replace numbers but never reserved names', () => {
    const ev = drop('1.19', { ...policyDrop, packet: synFrame() });
    const names = { identities: { 12345: 'k8s:app=web', 2: 'not-used' } };
    expect(formatEvent(ev, { names })).toContain(', , identity k8s:app=web->world: ');
  });

  it('file names are the release’s own (1.16 numbered headers differently)', () => {
    expect(formatEvent(drop('1.16', { reason: 133, file: 102, line: 9 }))).toContain('file drop.h:9, ');
    expect(formatEvent(drop('1.19', { reason: 133, file: 102, line: 9 }))).toContain('file srv6.h:9, ');    // The `release` option picks the texts, whatever the event was decoded with.
    expect(formatEvent(drop('1.16', { reason: 133, file: 102, line: 9 }), { release: '1.19' })).toContain('file srv6.h:9, ');
  });
});

describe('drop -vv', () => {
  const hexSyn =
    '00000000  0a 58 0a f4 01 05 02 42  ac 11 00 02 08 00 45 00  |.X.....B......E.|\n' +
    '00000010  00 28 12 34 00 00 40 06  00 00 0a 00 01 17 5d b8  |.(.4..@.......].|\n' +
    '00000020  d8 22 b2 6e 01 bb 00 00  00 01 00 00 00 00 50 02  |.".n..........P.|\n' +
    '00000030  ff ff 00 00 00 00                                 |......|\n';

  it('--hex prints Go hex.Dump of the packet, then the buffered header line (1.18)', () => {
    const ev = drop('1.18', { ...policyDrop, packet: synFrame() });
    expect(formatEvent(ev, { mode: 'hex', cpu: 2 })).toBe(
      SEPARATOR + hexSyn + 'CPU 02: MARK 0x5d3c1a2b FROM 1234 DROP: 54 bytes, reason Policy denied, identity 12345->world\n',
    );
  });

  it('1.19 inverts the flag: plain -vv dumps hex, --hex dissects', () => {
    const ev = drop('1.19', { ...policyDrop, packet: synFrame() });
    const header = 'CPU 00: MARK 0x5d3c1a2b FROM 1234 DROP: 54 bytes, reason Policy denied, identity 12345->world\n';
    expect(formatEvent(ev, { mode: 'dissect' })).toBe(SEPARATOR + header + hexSyn);
    const dissected = formatEvent(ev, { mode: 'hex' }).split('\n');
    expect(dissected.slice(0, 2)).toEqual(['-'.repeat(78), header.trimEnd()]);
    expect(dissected.slice(2, 5).map((l) => l.split('\t')[0])).toEqual(['Ethernet', 'IPv4', 'TCP']);
  });

  it('identity only when a label is set, endpoint only when non-zero; separator is 78 dashes', () => {
    const ev = drop('1.17', { reason: 133, source: 7, dstId: 42, origLen: 0 });
    expect(formatEvent(ev, { mode: 'hex', cpu: 123 })).toBe(
      '-'.repeat(78) + '\nCPU 123: MARK 0x0 FROM 7 DROP: 0 bytes, reason Policy denied, to endpoint 42\n',
    );
  });

  it('1.19 ip_trace_id opens " [ IP-TRACE-ID=" without closing it, before the packet', () => {
    const ev = drop('1.19', { reason: 133, ipTraceId: 9n, packet: new Uint8Array([0x41]) });
    expect(formatEvent(ev, { mode: 'dissect' })).toBe(
      SEPARATOR +
        'CPU 00: MARK 0x0 FROM 0 DROP: 1 bytes, reason Policy denied\n' +
        ' [ IP-TRACE-ID=9' +
        '00000000  41                                                |A|\n',
    );
  });
});

describe('drop --json', () => {
  it('keys in Go struct order, capitalised Line/File/ExtError/Ifindex, numeric labels', () => {
    const ev = drop('1.18', { reason: 169, source: 3, srcLabel: 6, line: 1122, file: 1, ifindex: 2, extError: -7 });
    expect(formatEvent(ev, { mode: 'json', cpu: 2 })).toBe(
      '{"cpu":"CPU 02:","type":"drop","mark":"0x0","reason":"FIB lookup failed, -7","source":3,"bytes":0,"srcLabel":6,"dstLabel":0,"dstID":0,"Line":1122,"File":1,"ExtError":-7,"Ifindex":2}\n',
    );
  });

  it('1.19 adds IPTraceID when non-zero; summary carries l2/l3/l4', () => {
    const ev = drop('1.19', { ...policyDrop, ipTraceId: 42n, packet: synFrame() });
    const json = JSON.parse(formatEvent(ev, { mode: 'json' }));
    expect(json.IPTraceID).toBe(42);
    expect(json.summary.l2).toEqual({ src: '02:42:ac:11:00:02', dst: '0a:58:0a:f4:01:05' });
    expect(json.summary.l3).toEqual({ src: '10.0.1.23', dst: '93.184.216.34' });
    expect(json.summary.l4).toEqual({ src: '45678', dst: '443' });
    expect(json.summary.ipv4.startsWith('IPv4\t{Contents=[..20..] Payload=[..20..] Version=4 IHL=5 ')).toBe(true);
    expect(Object.keys(json)).toEqual([
      'cpu', 'type', 'mark', 'reason', 'source', 'bytes', 'srcLabel', 'dstLabel', 'dstID', 'Line', 'File', 'ExtError', 'Ifindex', 'IPTraceID', 'summary',
    ]);
  });
});

describe('endpoint names', () => {
  it('replace endpoint ids in text (not with -n), never in JSON', () => {
    const ev = drop('1.19', { reason: 133, source: 7, dstId: 1204 });
    const names = { endpoints: { 1204: 'default/web-1', 7: 'default/client' } };
    expect(formatEvent(ev, { names })).toContain(' to endpoint default/web-1, ifindex ');
    expect(formatEvent(ev, { names, numeric: true })).toContain(' to endpoint 1204, ifindex ');
    expect(formatEvent(ev, { names, mode: 'hex' })).toContain(' FROM default/client DROP: 0 bytes, reason Policy denied, to endpoint default/web-1\n');
    expect(formatEvent(ev, { names, mode: 'json' })).toContain('"source":7,');
  });
});
