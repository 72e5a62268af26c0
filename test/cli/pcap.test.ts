/**
 * `cilium-events pcap`, the built bin run as a child process: every input format through the
 * shared pipeline, filters, pcapng and classic pcap to a file or standard output, the summary
 * on stderr, usage errors (exit 2), and output that cannot be written (exit 1). Files are read
 * back with readCapture, and with tshark where it is installed.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCapture } from '../../src/pcap/index.js';
import { writeBin } from '../../src/sources/bin.js';
import { dropRecord, traceRecord } from '../format/records.js';
import { eth, ipv4, MAC_A, MAC_B, TCP_SYN, tcp, udp } from '../format/packets.js';
import { payload, PAYLOAD_DEFINITION } from './gob-writer.js';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');

beforeAll(() => {
  if (!existsSync(CLI)) spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing and npm run build did not produce it`);
});

const dir = mkdtempSync(join(tmpdir(), 'cilium-events-pcap-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = (name: string): string => join(dir, name);

function cli(args: string[], input?: Uint8Array): SpawnSyncReturns<Buffer> {
  return spawnSync(process.execPath, [CLI, ...args], { input, timeout: 60_000 });
}

// Release 1.18 records: a drop of a TCP SYN (Ethernet, 1514 bytes on the wire), a trace of a
// UDP packet from an L3 device (raw IP), a debug message (no packet), a drop without bytes.
const v4udp = ipv4([10, 0, 0, 7], [10, 96, 0, 10], 17, udp(40000, 53, new Uint8Array(8)));
const records = [
  dropRecord('1.18', { reason: 133, srcLabel: 2, dstLabel: 4321, dstId: 52, file: 2, line: 1400, ifindex: 7, origLen: 1514, packet: eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [192, 168, 1, 9], 6, tcp(40000, 443, TCP_SYN))) }),
  traceRecord('1.18', { obsPoint: 8, ifindex: 9, flags: 0x02, packet: v4udp }),
  Uint8Array.from([2, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0]),
  dropRecord('1.18', { reason: 133, ifindex: 7 }),
];
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const eventsHex = path('events.hex');
writeFileSync(eventsHex, records.map(hex).join('\n') + '\n');
const links = path('links.json');
writeFileSync(links, JSON.stringify([{ ifindex: 7, ifname: 'lxc12345' }, { ifindex: 9, ifname: 'wg0' }]));

describe('cilium-events pcap', () => {
  it('writes a pcapng file with interfaces, comments and a summary of what it skipped', () => {
    const out = path('all.pcapng');
    const r = cli(['pcap', '--release', '1.18', '--links', links, '--node-name', 'worker-1', '-o', out, eventsHex]);
    expect(r.status).toBe(0);
    expect(r.stdout.byteLength).toBe(0);
    expect(r.stderr.toString().split('\n')).toEqual([
      `cilium-events pcap: wrote 2 packets to ${out} (pcapng), 1 shorter than on the wire`,
      'cilium-events pcap: skipped 1 event without packet bytes: 1 debug',
      'cilium-events pcap: skipped 1 event that captured 0 packet bytes: 1 drop',
      '',
    ]);
    const file = readCapture(readFileSync(out));
    expect(file.sections[0]?.comments).toEqual(['Cilium release 1.18', 'node worker-1']);
    expect(file.interfaces.map((i) => [i.name, i.linkType, i.tsresol])).toEqual([
      ['lxc12345', 1, 9],
      ['wg0', 101, 9],
    ]);
    expect(file.packets.map((p) => [p.data.byteLength, p.origLen, p.direction])).toEqual([
      [54, 1514, 'inbound'],
      [v4udp.byteLength, v4udp.byteLength, 'inbound'],
    ]);
    expect(file.packets[0]?.comments[0]).toMatch(/^xx drop \(Policy denied\) .*10\.0\.0\.1:40000 -> 192\.168\.1\.9:443 tcp SYN$/);
    // Trace lines name the interface, from --links.
    expect(file.packets[1]?.comments[0]).toMatch(/ ifindex wg0 /);
  });

  it('reads every input format the other commands read, and applies their filters', () => {
    const bin = path('events.bin');
    writeFileSync(bin, writeBin(records));
    const gob = path('events.gob');
    writeFileSync(gob, Buffer.concat([PAYLOAD_DEFINITION, ...records.map((data) => payload({ data, cpu: 1, type: 9 })), payload({ cpu: 1, lost: 3, type: 2 })]));
    const bpftool = path('events.json');
    writeFileSync(bpftool, JSON.stringify(records.map((data) => ({ type: 9, cpu: 0, data: [...data] }))));
    for (const input of [eventsHex, bin, gob, bpftool]) {
      const r = cli(['pcap', '--release', '1.18', '-o', '-', input]);
      expect(r.status, r.stderr.toString()).toBe(0);
      expect(readCapture(r.stdout).packets).toHaveLength(2);
    }
    expect(cli(['pcap', '--release', '1.18', '-o', '-', gob]).stderr.toString()).toContain('cilium-events pcap: 3 samples lost in the perf ring before capture');
    const drops = cli(['pcap', '--release', '1.18', '--type', 'drop', '-o', '-'], readFileSync(eventsHex));
    expect(readCapture(drops.stdout).packets.map((p) => p.origLen)).toEqual([1514]);
  });

  it('writes classic pcap for an .pcap name, one link type, the other skipped with advice', () => {
    const out = path('eth.pcap');
    const r = cli(['pcap', '--release', '1.18', '--precision', 'us', '-o', out, eventsHex]);
    expect(r.status).toBe(0);
    expect(r.stderr.toString()).toContain(
      "skipped 1 event whose packets have another link type than the file's (use --format pcapng, or --link-type raw-ip): 1 trace",
    );
    const file = readCapture(readFileSync(out));
    expect([file.format, file.interfaces[0]?.linkType, file.interfaces[0]?.tsresol, file.packets.length]).toEqual(['pcap', 1, 6, 1]);
    const raw = cli(['pcap', '--release', '1.18', '--format', 'pcap', '--link-type', 'raw-ip', '-o', '-', eventsHex]);
    expect(readCapture(raw.stdout).packets.map((p) => [...p.data])).toEqual([[...v4udp]]);
  });

  it.each([
    [['pcap', eventsHex], 'pcap needs -o OUT'],
    [['pcap', '-o', '-', '--format', 'pcapx', eventsHex], '--format must be one of pcapng, pcap'],
    [['pcap', '-o', '-', '--precision', 'ms', eventsHex], '--precision must be one of ns, us'],
    [['pcap', '-o', '-', '--link-type', 'raw-ip', eventsHex], '--link-type is for --format pcap'],
    [['pcap', '-o', '-', '--snap-length', '0', eventsHex], '--snap-length: "0" is not a length'],
    [['pcap', '-o', '-', '--boot-time', 'yesterday', eventsHex], '--boot-time: "yesterday" is not a Unix time'],
    [['pcap', '-o', '-', eventsHex, eventsHex], 'pcap takes at most one FILE'],
  ])('usage error %j exits 2', (args, message) => {
    const r = cli(args);
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toContain(message);
  });

  it('keeps the packets read before unreadable input, a complete file, and exits 1', () => {
    const bad = path('bad.hex');
    writeFileSync(bad, `${hex(records[0]!)}\nzz not hex\n`);
    const out = path('partial.pcapng');
    const r = cli(['pcap', '--release', '1.18', '-o', out, bad]);
    expect(r.status).toBe(1);
    expect(r.stderr.toString()).toContain('line 2');
    expect(readCapture(readFileSync(out)).packets.map((p) => p.origLen)).toEqual([1514]);
  });

  it('exits 1 with the reason when the output cannot be opened or written', () => {
    const missing = cli(['pcap', '-o', path('no/such/dir/out.pcapng'), eventsHex]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.toString()).toContain('cannot write');
    expect(missing.stderr.toString()).toContain('ENOENT');
    if (existsSync('/dev/full')) {
      const full = cli(['pcap', '-o', '/dev/full', eventsHex]);
      expect(full.status).toBe(1);
      expect(full.stderr.toString()).toMatch(/\/dev\/full: cannot write the capture: .*ENOSPC|no space/i);
    }
  });

  it('writes what tshark reads from a shell pipe', () => {
    if (spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status !== 0) {
      console.warn('test/cli/pcap.test.ts: tshark check skipped, tshark is not installed');
      return;
    }
    // A shell pipe, as `| wireshark -k -i -` gets: tshark refuses the socket pairs Node's spawn uses.
    const t = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" pcap --release 1.18 -o - "${eventsHex}" 2>/dev/null | tshark -r - -T fields -e frame.len -e ip.dst`], {
      encoding: 'utf8',
    });
    expect(t.stdout).toBe(`1514\t192.168.1.9\n${v4udp.byteLength}\t10.96.0.10\n`);
  });
});
