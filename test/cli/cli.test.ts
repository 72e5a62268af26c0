/**
 * The built `cilium-events` bin, run as a child process on inputs written here: events from
 * encodeEvent (release 1.18), gob streams per the monitor-socket spec, kernel ring fixtures.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBin } from '../../src/sources/bin.js';
import { encodeDrop, encodeTrace, encodePolicy, ipv4Packet } from '../filter/events.js';
import { payload, PAYLOAD_DEFINITION } from './gob-writer.js';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const RING_FIXTURES = join(ROOT, 'test/fixtures/perf-ring');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

beforeAll(() => {
  if (!existsSync(CLI)) spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing and npm run build did not produce it`);
});

function cli(args: string[], input?: string | Uint8Array): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', timeout: 60_000 });
}

const lines = (s: string): string[] => s.split('\n').filter((l) => l !== '');
const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const dir = mkdtempSync(join(tmpdir(), 'cilium-events-cli-'));
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

// Drop reason 133 = DROP_POLICY ("Policy denied"), file id 2 = bpf_lxc.c (1.18 tables);
// trace point 0 = TRACE_TO_LXC; identity 2 = world.
const syn = ipv4Packet({ src: [10, 0, 0, 1], dst: [192, 168, 1, 9], proto: 6, sport: 40000, dport: 443, tcpFlags: 0x02 });
const dns = ipv4Packet({ src: [10, 0, 0, 7], dst: [10, 96, 0, 10], proto: 17, sport: 5353, dport: 53 });
const drop = encodeDrop({ reason: 133, source: 12, dstId: 52, srcLabel: 2, dstLabel: 4321, file: 2, line: 1400, ifindex: 7, packet: syn });
const drop2 = encodeDrop({ reason: 133, source: 12, dstId: 52, srcLabel: 2, dstLabel: 4321, file: 2, line: 1400, ifindex: 7, packet: dns });
const trace = encodeTrace({ point: 0, source: 1, dstId: 34, srcLabel: 4321, dstLabel: 1, packet: dns });
const verdict = encodePolicy({ verdict: 0, remoteLabel: 2, ingress: true, matchType: 2, packet: dns });

const eventsHex = file('events.hex', `# two drops, a trace, a policy verdict\n${hexOf(drop)}\n${hexOf(trace)}\n\n${hexOf(drop2)}  # udp\n${hexOf(verdict)}\n`);

describe('help, version, usage errors', () => {
  it('--version prints the package version', () => {
    const r = cli(['--version']);
    expect([r.status, r.stdout]).toEqual([0, `${pkg.version}\n`]);
  });

  it('--help lists commands and examples; command help lists flags', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage:/m);
    expect(r.stdout).toMatch(/^ {2}decode /m);
    expect(r.stdout).toMatch(/^ {2}stats /m);
    expect(r.stdout).toMatch(/^Examples:/m);
    const d = cli(['decode', '--help']);
    expect(d.status).toBe(0);
    for (const flag of ['--input', '--release', '--json', '--flow', '--hex', '--type', '--related-to', '--ip', '--port', '--protocol', '--verdict', '--tcp-flags']) {
      expect(d.stdout).toContain(flag);
    }
    expect(cli(['help', 'stats']).stdout).toContain('Usage: cilium-events stats');
  });

  it.each([
    [[], 'Usage'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['decode', '--bogus', eventsHex], 'unknown flag --bogus'],
    [['decode', '--input', 'pcap', eventsHex], 'unknown input format "pcap"'],
    [['decode', '--release', '1.9', eventsHex], 'unknown Cilium release'],
    [['decode', '--json', '--flow', eventsHex], '--json and --flow exclude each other'],
    [['decode', '--verdict', 'DENIED', eventsHex], 'unknown verdict "DENIED"'],
    [['decode', '--from', 'abc', eventsHex], '"abc" is not an endpoint id'],
    [['stats', '--ip', '10.0.0.300', eventsHex], 'is not an IP address or CIDR'],
    [['decode', '--release'], '--release needs a value'],
    [['decode', 'a', 'b'], 'at most one FILE'],
  ])('exit 2 for %j', (args, message) => {
    const r = cli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});

describe('stats', () => {
  it('counts events from a hex file as JSON', () => {
    const r = cli(['stats', '--json', '--release', '1.18', eventsHex]);
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(s['events']).toEqual({ drop: 2, 'policy-verdict': 1, trace: 1 });
    expect(s['drops']).toEqual([
      {
        reason: 133,
        reasonName: 'DROP_POLICY',
        reasonText: 'Policy denied',
        direction: 'ingress',
        file: 'bpf_lxc.c',
        line: 1400,
        packets: 2,
        bytes: syn.byteLength + dns.byteLength,
      },
    ]);
    expect(s['traces']).toEqual([{ key: 'TRACE_TO_LXC', packets: 1, bytes: dns.byteLength }]);
    expect(s['policyVerdicts']).toEqual([{ key: 'POLICY_MATCH_L3_L4 FORWARDED', packets: 1, bytes: dns.byteLength }]);
  });

  it('applies filters (AND across flags, OR within one)', () => {
    const count = (args: string[]): unknown => (JSON.parse(cli(['stats', '--json', '--release', '1.18', ...args, eventsHex]).stdout) as { events: unknown }).events;
    expect(count(['--type', 'drop'])).toEqual({ drop: 2 });
    expect(count(['--type', 'drop', '--protocol', 'udp'])).toEqual({ drop: 1 });
    expect(count(['--port', '53', '--verdict', 'forwarded'])).toEqual({ 'policy-verdict': 1, trace: 1 });
    expect(count(['--ip', '192.168.0.0/16'])).toEqual({ drop: 1 });
    expect(count(['--to', '34,52'])).toEqual({ drop: 2, trace: 1 });
    expect(count(['--observation-point', 'to-endpoint'])).toEqual({ trace: 1 });
    expect(count(['--subtype', 'TRACE_TO_LXC,133'])).toEqual({ trace: 1, drop: 2 });
    expect(count(['--tcp-flags', 'SYN'])).toEqual({ drop: 1 });
    expect(count(['--identity', 'world', '--type', 'trace'])).toEqual({});
  });

  it('counts lost samples per CPU from a gob stream and prints a table', () => {
    const gob = Buffer.concat([
      PAYLOAD_DEFINITION,
      payload({ data: drop, cpu: 3, type: 9 }),
      payload({ cpu: 3, lost: 17, type: 2 }),
      payload({ data: trace, cpu: 1, type: 9 }),
      payload({ cpu: 1, lost: 1000, type: 2 }),
      payload({ cpu: 3, lost: 2, type: 2 }),
      payload({ cpu: 0, type: 7 }),
    ]);
    const path = file('capture.gob', gob);
    const j = cli(['stats', '--json', '--release', '1.18', path]);
    expect(j.status).toBe(0);
    const s = JSON.parse(j.stdout) as { lost: unknown; lostTotal: number; events: unknown; otherRecords: number };
    expect(s.otherRecords).toBe(1);
    expect(s.lost).toEqual([
      { cpu: 1, samples: 1000 },
      { cpu: 3, samples: 19 },
    ]);
    expect(s.events).toEqual({ drop: 1, trace: 1 });
    const t = cli(['stats', '--release', '1.18', path]);
    expect(t.status).toBe(0);
    expect(lines(t.stdout)).toContain('Lost samples');
    expect(t.stdout).toMatch(/^Policy denied +ingress +bpf_lxc\.c +1400 +1 +\d+$/m);
  });

  it('reads the same events from bin, bpftool and stdin', () => {
    const want = { drop: 2, 'policy-verdict': 1, trace: 1 };
    const bin = file('events.bin', writeBin([drop, trace, drop2, verdict]));
    const bpftool = file(
      'events.json',
      JSON.stringify([drop, trace, drop2, verdict].map((d, i) => ({ type: 9, cpu: i, index: i, timestamp: 1000 + i, data: [...d] }))),
    );
    for (const path of [bin, bpftool]) {
      expect((JSON.parse(cli(['stats', '--json', '--release', '1.18', path]).stdout) as { events: unknown }).events).toEqual(want);
    }
    const piped = cli(['stats', '--json', '--release', '1.18', '-'], readFileSync(bin));
    expect((JSON.parse(piped.stdout) as { events: unknown }).events).toEqual(want);
  });
});

describe('decode', () => {
  it('prints the cilium monitor summary of a drop (monitor-output.md §1.2)', () => {
    const r = cli(['decode', '--release', '1.18', '--type', 'drop', '--protocol', 'tcp', eventsHex]);
    expect(r.status).toBe(0);
    expect(lines(r.stdout)).toEqual([
      'xx drop (Policy denied) flow 0x0 to endpoint 52, ifindex 7, file bpf_lxc.c:1400, , identity world->4321: 10.0.0.1:40000 -> 192.168.1.9:443 tcp SYN',
    ]);
  });

  it('prints one JSON line per event with --json and Hubble flows with --flow', () => {
    const j = cli(['decode', '--json', '--release', '1.18', '--type', 'drop', eventsHex]);
    expect(j.status).toBe(0);
    expect(lines(j.stdout).map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(['drop', 'drop']);
    const f = cli(['decode', '--flow', '--release', '1.18', '--type', 'drop,trace', eventsHex]);
    expect(f.status).toBe(0);
    const flows = lines(f.stdout).map((l) => (JSON.parse(l) as { flow: { verdict: string; IP: { source: string } } }).flow);
    expect(flows.map((fl) => [fl.verdict, fl.IP.source])).toEqual([
      ['DROPPED', '10.0.0.1'],
      ['FORWARDED', '10.0.0.7'],
      ['DROPPED', '10.0.0.7'],
    ]);
  });

  it('uses names from --names and --links, and --node-name for flows', () => {
    const names = file('names.json', JSON.stringify({ identities: { 4321: ['k8s:app=web', 'k8s:io.kubernetes.pod.namespace=default'] }, endpoints: { 52: 'default/web-1' } }));
    const links = file('links.json', JSON.stringify([{ ifindex: 1, ifname: 'lo' }, { ifindex: 7, ifname: 'lxc12ab' }]));
    const traced = file('traced.hex', `${hexOf(encodeTrace({ point: 0, source: 52, dstId: 52, srcLabel: 2, dstLabel: 4321, ifindex: 7, packet: dns }))}\n`);
    const d = cli(['decode', '--release', '1.18', '--names', names, '--type', 'drop', '--protocol', 'tcp', eventsHex]);
    expect(d.status).toBe(0);
    expect(d.stdout).toContain('to endpoint default/web-1,');
    expect(d.stdout).toContain('identity world->k8s:app=web,k8s:io.kubernetes.pod.namespace=default:');
    const t = cli(['decode', '--release', '1.18', '--links', links, traced]);
    expect(t.stdout).toContain('ifindex lxc12ab');
    const f = cli(['decode', '--flow', '--release', '1.18', '--names', names, '--links', links, '--node-name', 'node-1', traced]);
    const flow = (JSON.parse(lines(f.stdout)[0] ?? '') as { flow: { node_name: string; interface: { name: string }; destination: { labels: string[] } } }).flow;
    expect([flow.node_name, flow.interface.name, flow.destination.labels]).toEqual(['node-1', 'lxc12ab', ['k8s:app=web', 'k8s:io.kubernetes.pod.namespace=default']]);
    expect(cli(['decode', '--names', file('bad-names.json', '{"identities": {"x": "y"}}'), eventsHex]).status).toBe(2);
    expect(cli(['decode', '--links', join(dir, 'nope.json'), eventsHex]).stderr).toContain('--links');
  });

  it('prints lost records as cilium monitor does', () => {
    const path = file('lost.gob', Buffer.concat([PAYLOAD_DEFINITION, payload({ cpu: 3, lost: 17, type: 2 }), payload({ cpu: 3, type: 5 })]));
    const r = cli(['decode', path]);
    expect(r.status).toBe(0);
    expect(lines(r.stdout)).toEqual(['CPU 03: Lost 17 events', 'Unknown payload type: 5, CPU 03: Lost 0 events']);
    const f = cli(['decode', '--flow', path]);
    expect(JSON.parse(lines(f.stdout)[0] ?? '')).toEqual({
      // flow.proto LostEvent: uint64 num_events_lost (a string in protojson), Int32Value cpu.
      lost_events: { source: 'PERF_EVENT_RING_BUFFER', num_events_lost: '17', cpu: 3 },
    });
  });

  it('reports an undecodable event with its line, keeps going, exits 1', () => {
    const path = file('bad-event.hex', `${hexOf(drop)}\n0185\n${hexOf(drop2)}\n`);
    const r = cli(['decode', '--release', '1.18', path]);
    expect(r.status).toBe(1);
    expect(lines(r.stdout)).toHaveLength(2);
    expect(r.stderr).toContain(`${path}: line 2: cannot decode message type '1'`);
  });

  it('stops at malformed framing with the offending line or offset, exit 1', () => {
    const hex = cli(['decode', file('bad.hex', `${hexOf(drop)}\n01 8x\n`)]);
    expect(hex.status).toBe(1);
    expect(hex.stderr).toMatch(/bad\.hex: line 2, column 5: "x" is not a hex digit/);
    expect(lines(hex.stdout)).toHaveLength(1);
    const bin = writeBin([drop]);
    const cut = cli(['decode', file('cut.bin', bin.subarray(0, bin.byteLength - 3))]);
    expect(cut.status).toBe(1);
    expect(cut.stderr).toContain('frame at byte 8');
    const gob = cli(['decode', '--input', 'gob', file('cut.gob', PAYLOAD_DEFINITION.subarray(0, 30))]);
    expect(gob.status).toBe(1);
    expect(gob.stderr).toContain('bad-gob');
    expect(cli(['decode', file('noise.txt', 'hello there\n')]).stderr).toContain('pass --input');
    expect(cli(['decode', join(dir, 'missing.hex')]).status).toBe(1);
  });

  it('decodes a kernel-written ring snapshot', () => {
    const r = cli(['stats', '--json', '--release', '1.16', join(RING_FIXTURES, 'basic/ring.bin')]);
    // The fixture's first five samples are short type-2 records the decoder must reject.
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { events: unknown }).events).toEqual({ debug: 1, drop: 2, trace: 3 });
  });
});

describe('Unix behaviour', () => {
  const big = file('big.hex', `${hexOf(trace)}\n`.repeat(100_000));

  it('exits cleanly when the reader goes away (| head -1)', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" decode --release 1.18 "${big}" | head -1; echo "status=\${PIPESTATUS[0]}" >&2`], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(lines(r.stdout)).toHaveLength(1);
    expect(r.stderr).toBe('status=0\n');
  });

  it('prints stream input as it arrives (a monitor socket piped in)', async () => {
    const child = spawn(process.execPath, [CLI, 'decode', '--input', 'gob', '--release', '1.18', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const firstLine = new Promise<string>((resolveLine, reject) => {
      let text = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString();
        if (text.includes('\n')) resolveLine(text);
      });
      child.on('exit', () => reject(new Error(`exited before printing; stderr: ${child.stderr.read()}`)));
    });
    // The stream stays open: the line must come before end of input.
    child.stdin.write(Buffer.concat([PAYLOAD_DEFINITION, payload({ data: drop, cpu: 2, type: 9 })]));
    expect(await firstLine).toMatch(/^xx drop \(Policy denied\)/);
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.stdin.end(payload({ cpu: 2, lost: 5, type: 2 }));
    expect(await exited).toBe(0);
  });

  it('shows no progress line when stderr is not a terminal', () => {
    const r = cli(['stats', '--release', '1.18', big]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it.skipIf(!existsSync('/usr/bin/script'))('shows a progress line on a terminal for long inputs', () => {
    // script(1) gives the child a pseudo-terminal; stdout goes to a file so only stderr reaches it.
    const out = join(dir, 'stats.out');
    const r = spawnSync('script', ['-qec', `"${process.execPath}" "${CLI}" stats --release 1.18 "${big}" > "${out}"`, '/dev/null'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\d+ records, \d+% of \d+ MiB/);
    expect(readFileSync(out, 'utf8')).toContain('trace');
  });
});
