/**
 * gopacket's IANA port names in `LayerString` (`TCPPort.String()` and friends: `80(http)`),
 * per the gopacket build each release links (go.mod at the pinned commits: 1.16 google/gopacket
 * v1.1.19, 1.17.0/1.17 gopacket/gopacket v1.3.1, 1.18 be3fffa, 1.19 v1.5.0). Expected names are
 * read from each build's layers/iana_ports.go; v1.3.1, be3fffa and v1.5.0 carry the same file
 * (regenerated from IANA in 2023), v1.1.19 the 2017 one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  GOPACKET_PINS,
  PORTS_MODULE,
  PortsCodegenError,
  parseIanaPorts,
  readPortsInput,
  renderPortsModule,
  verifyPortsModule,
} from '../../codegen/gopacket-ports.js';
import type { Release } from '../../src/decode/types.js';
import { dialectOf } from '../../src/format/dialect.js';
import { formatEvent } from '../../src/format/index.js';
import { portString } from '../../src/format/gopacket/port-names.js';
import type { GopacketVersion, NamedPortTransport } from '../../src/format/gopacket/port-names.js';
import { MAC_A, MAC_B, bytes, eth, ipv4, tcp, udp, TCP_SYN } from './packets.js';
import { trace } from './records.js';

const RELEASES: readonly Release[] = ['1.16', '1.17.0', '1.17', '1.18', '1.19'];
const at = (release: Release, transport: NamedPortTransport, port: number): string =>
  portString(transport, port, dialectOf(release).gopacket);

describe('port names per release', () => {
  it('each release uses the gopacket build of its go.mod', () => {
    expect(RELEASES.map((r) => dialectOf(r).gopacket)).toEqual([
      'v1.1.19',
      'v1.3.1',
      'v1.3.1',
      'v1.3.2-0.20250721223119-be3fffa73cab',
      'v1.5.0',
    ]);
  });

  it('well-known ports carry their IANA service name in every release', () => {
    for (const r of RELEASES) {
      expect(at(r, 'TCP', 80)).toBe('80(http)');
      expect(at(r, 'TCP', 443)).toBe('443(https)');
      expect(at(r, 'UDP', 53)).toBe('53(domain)');
      expect(at(r, 'TCP', 53)).toBe('53(domain)');
      // 8472 is registered to Overlay Transport Virtualization, not VXLAN; 6081 is Geneve's.
      expect(at(r, 'UDP', 8472)).toBe('8472(otv)');
      expect(at(r, 'UDP', 6081)).toBe('6081(geneve)');
      expect(at(r, 'TCP', 8080)).toBe('8080(http-alt)');
    }
  });

  it('unregistered ports print as the bare number (Cilium health 4240, ephemeral ports, 0)', () => {
    for (const r of RELEASES) {
      expect(at(r, 'TCP', 4240)).toBe('4240');
      expect(at(r, 'UDP', 4240)).toBe('4240');
      expect(at(r, 'TCP', 56134)).toBe('56134');
      expect(at(r, 'TCP', 0)).toBe('0');
    }
  });

  it('names that IANA changed between the 2017 and 2023 tables differ between 1.16 and later', () => {
    // TCP 2459 was `community` in 2017, `xrpl` in 2023; TCP 2114 `newheights` → `ariascribe`.
    expect(at('1.16', 'TCP', 2459)).toBe('2459(community)');
    expect(at('1.16', 'TCP', 2114)).toBe('2114(newheights)');
    for (const r of RELEASES.slice(1)) {
      expect(at(r, 'TCP', 2459)).toBe('2459(xrpl)');
      expect(at(r, 'TCP', 2114)).toBe('2114(ariascribe)');
    }
    // UDP 143 (imap) was de-registered for UDP: named only by v1.1.19. TCP 143 keeps it.
    expect(at('1.16', 'UDP', 143)).toBe('143(imap)');
    expect(at('1.19', 'UDP', 143)).toBe('143');
    expect(at('1.19', 'TCP', 143)).toBe('143(imap)');
    // TCP 3301 (tarantool) was registered after 2017.
    expect(at('1.16', 'TCP', 3301)).toBe('3301');
    expect(at('1.18', 'TCP', 3301)).toBe('3301(tarantool)');
  });

  it('SCTP has its own table (a few dozen ports), also grown since 2017', () => {
    for (const r of RELEASES) {
      expect(at(r, 'SCTP', 80)).toBe('80(http)');
      expect(at(r, 'SCTP', 2905)).toBe('2905(m3ua)');
      expect(at(r, 'SCTP', 36412)).toBe('36412(s1-control)');
      // A TCP-only name is not an SCTP one.
      expect(at(r, 'SCTP', 8080)).toBe('8080');
    }
    expect(at('1.16', 'SCTP', 5903)).toBe('5903');
    expect(at('1.17', 'SCTP', 5903)).toBe('5903(ff-ice)');
  });
});

describe('formatted output', () => {
  const dissect = (r: Release, packet: Uint8Array): string[] =>
    formatEvent(trace(r, { obsPoint: 3, packet }), { mode: 'dissect' }).split('\n');
  const json = (r: Release, packet: Uint8Array) =>
    JSON.parse(formatEvent(trace(r, { obsPoint: 3, packet }), { mode: 'json' })).summary;
  const udpFrame = eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 17, udp(143, 53)));

  it('-vv UDP layer names its ports per release; the connection summary keeps plain numbers', () => {
    const v116 = dissect('1.16', udpFrame);
    const v119 = dissect('1.19', udpFrame);
    expect(v116).toContain('UDP\t{Contents=[..8..] Payload=[] SrcPort=143(imap) DstPort=53(domain) Length=8 Checksum=0}');
    expect(v119).toContain('UDP\t{Contents=[..8..] Payload=[] SrcPort=143 DstPort=53(domain) Length=8 Checksum=0}');
    // dissect.go's connection summary formats ports with strconv.Itoa.
    expect(formatEvent(trace('1.19', { obsPoint: 3, packet: udpFrame }))).toContain('10.0.0.1:143 -> 10.0.0.2:53 udp');
  });

  it('JSON summary: the layer string has names, l4 (gopacket endpoints, strconv.Itoa) does not', () => {
    const s = json('1.18', eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 6, tcp(40000, 443, TCP_SYN))));
    expect(s.tcp).toContain(' SrcPort=40000(safetynetp) DstPort=443(https) ');
    expect(s.l4).toEqual({ src: '40000', dst: '443' });
  });

  it('-vv SCTP layer uses the SCTP table', () => {
    // Common header (RFC 9260 §3.1): ports, verification tag 1, checksum 0, no chunks.
    const sctp = bytes([0x0b, 0x59, 0x8e, 0x7c], [0, 0, 0, 1], [0, 0, 0, 0]);
    const lines = dissect('1.19', eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 132, sctp)));
    expect(lines).toContain('SCTP\t{Contents=[..12..] Payload=[] SrcPort=2905(m3ua) DstPort=36476 VerificationTag=1 Checksum=0}');
  });
});

describe('port-names.gen.ts', () => {
  const committed = readFileSync(PORTS_MODULE, 'utf8');

  it('its header names every pinned gopacket build and its body still hashes to the recorded value', () => {
    expect(committed.split('\n')[0]).toBe('// Code generated by cilium-events codegen (gopacket-ports). DO NOT EDIT.');
    expect(verifyPortsModule(committed)).toEqual([]);
  });

  it('a hand edit of the body is caught', () => {
    const edited = committed.replace('http-alt', 'http-alt2');
    expect(edited).not.toBe(committed);
    expect(verifyPortsModule(edited)).toEqual(['body does not hash to the recorded body-sha256 (hand edit?)']);
  });

  it('both source styles parse; anything unrecognised is a typed error', () => {
    const mapStyle = 'var tcpPortNames = map[TCPPort]string{\n\t1:     "tcpmux",\n\t80:    "http",\n}\n';
    const switchStyle = 'func UDPPortNames(port UDPPort) (string, bool) {\n\tswitch port {\n\tcase 53:\n\t\treturn "domain", true\n\t}\n\n\treturn "", false\n}\n';
    const sctp = 'func SCTPPortNames(port SCTPPort) (string, bool) {\n\tswitch port {\n\tcase 9:\n\t\treturn "discard", true\n\t}\n}\n';
    const t = parseIanaPorts(mapStyle + switchStyle + sctp);
    expect([...t.TCP]).toEqual([
      [1, 'tcpmux'],
      [80, 'http'],
    ]);
    expect([...t.UDP]).toEqual([[53, 'domain']]);
    expect([...t.SCTP]).toEqual([[9, 'discard']]);
    const odd = mapStyle.replace('\t80:    "http",', '\t80:    name,') + switchStyle + sctp;
    expect(() => parseIanaPorts(odd)).toThrow(PortsCodegenError);
    expect(() => parseIanaPorts(mapStyle)).toThrow(/no UDP port names/);
    try {
      parseIanaPorts(odd);
    } catch (e) {
      expect((e as PortsCodegenError).code).toBe('ports-codegen');
    }
  });

  const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const mirrors = join(repoRoot, '..', '.mirror');
  const sources: Record<string, string> = {
    'github.com/google/gopacket': join(mirrors, 'google+gopacket', 'repo'),
    'github.com/gopacket/gopacket': join(mirrors, 'gopacket+gopacket', 'repo'),
  };
  const haveSources = Object.values(sources).every((d) => existsSync(d)) && hasGit();
  if (!haveSources) console.log('skipping the regeneration check: gopacket git mirrors or git not found under', mirrors);

  it.skipIf(!haveSources)('regenerating from the pinned gopacket sources gives the committed module byte for byte', () => {
    const inputs = GOPACKET_PINS.map((pin) => readPortsInput(pin, sources[pin.module]!));
    expect(renderPortsModule(inputs)).toBe(committed);
    // And what the runtime decodes equals what the sources list, for every port.
    for (const input of inputs) {
      for (const transport of ['TCP', 'UDP', 'SCTP'] as const) {
        for (let port = 0; port <= 0xffff; port++) {
          const name = input.tables[transport].get(port);
          const want = name === undefined ? String(port) : `${port}(${name})`;
          if (portString(transport, port, input.pin.version as GopacketVersion) !== want) {
            expect.unreachable(`${input.pin.version} ${transport} ${port}: want ${want}`);
          }
        }
      }
    }
  });
});

function hasGit(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
