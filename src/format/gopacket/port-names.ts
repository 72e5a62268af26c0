/**
 * gopacket's `TCPPort`/`UDPPort`/`SCTPPort` `String()`: `80(http)` when the IANA table of that
 * gopacket build names the port, else `80`. The tables (port-names.gen.ts, from each build's
 * `layers/iana_ports.go`) are stored compactly and decoded on first use per build.
 */
import { BASE_PORT_NAMES, PORT_NAME_DIFFS } from './port-names.gen.js';
import type { GopacketVersion } from './port-names.gen.js';

export type { GopacketVersion } from './port-names.gen.js';

/** A transport whose ports gopacket names. */
export type NamedPortTransport = 'TCP' | 'UDP' | 'SCTP';

type Tables = Readonly<Record<NamedPortTransport, ReadonlyMap<number, string>>>;

/** Calls `visit(port, name)` per entry; `name` is undefined for an entry without one. */
function walk(encoded: string, visit: (port: number, name: string | undefined) => void): void {
  if (encoded === '') return;
  let port = 0;
  for (const entry of encoded.split(',')) {
    const semi = entry.indexOf(';');
    const delta = semi < 0 ? entry : entry.slice(0, semi);
    port += delta === '' ? 1 : parseInt(delta, 36);
    visit(port, semi < 0 ? undefined : entry.slice(semi + 1));
  }
}

let base: Tables | undefined;

function baseTables(): Tables {
  if (base !== undefined) return base;
  const tcp = new Map<number, string>();
  walk(BASE_PORT_NAMES.TCP, (p, n) => tcp.set(p, n ?? ''));
  const udp = new Map<number, string>();
  // A UDP entry without a name shares TCP's at that port.
  walk(BASE_PORT_NAMES.UDP, (p, n) => udp.set(p, n ?? tcp.get(p) ?? ''));
  const sctp = new Map<number, string>();
  walk(BASE_PORT_NAMES.SCTP, (p, n) => sctp.set(p, n ?? ''));
  base = { TCP: tcp, UDP: udp, SCTP: sctp };
  return base;
}

const decoded = new Map<GopacketVersion, Tables>();

function tablesOf(version: GopacketVersion): Tables {
  const cached = decoded.get(version);
  if (cached !== undefined) return cached;
  const b = baseTables();
  const diff = PORT_NAME_DIFFS[version];
  const apply = (t: NamedPortTransport): ReadonlyMap<number, string> => {
    const { set, remove } = diff[t];
    if (set === '' && remove === '') return b[t];
    const m = new Map(b[t]);
    walk(remove, (p) => m.delete(p));
    walk(set, (p, n) => m.set(p, n ?? ''));
    return m;
  };
  const tables: Tables = { TCP: apply('TCP'), UDP: apply('UDP'), SCTP: apply('SCTP') };
  decoded.set(version, tables);
  return tables;
}

/**
 * The IANA service name gopacket `version` gives a port, or undefined when it has none.
 *
 * @example
 * portName('TCP', 443, 'v1.5.0'); // 'https'
 */
function portName(transport: NamedPortTransport, port: number, version: GopacketVersion): string | undefined {
  return tablesOf(version)[transport].get(port);
}

/**
 * A port as gopacket's `String()` prints it in `LayerString`.
 *
 * @example
 * portString('TCP', 80, 'v1.5.0'); // '80(http)'
 * portString('UDP', 40000, 'v1.5.0'); // '40000'
 */
export function portString(transport: NamedPortTransport, port: number, version: GopacketVersion): string {
  const name = portName(transport, port, version);
  return name === undefined ? String(port) : `${port}(${name})`;
}
