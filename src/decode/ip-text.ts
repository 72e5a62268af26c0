/**
 * IP addresses as text, the way Go's `net.IP.String()` prints them (which is what
 * `cilium monitor` shows): dotted quads for IPv4 and for IPv4-mapped IPv6, otherwise RFC 5952
 * (lower-case hex, the longest run of two or more zero groups — the first one on a tie —
 * shortened to `::`).
 */

/** Dotted quad of the four bytes at `start`. */
export function ipv4Text(bytes: Uint8Array, start: number): string {
  return `${bytes[start]}.${bytes[start + 1]}.${bytes[start + 2]}.${bytes[start + 3]}`;
}

/** Text form of the sixteen bytes at `start`. */
export function ipv6Text(bytes: Uint8Array, start: number): string {
  if (isV4Mapped(bytes, start)) return ipv4Text(bytes, start + 12);
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[start + i] ?? 0) << 8) | (bytes[start + i + 1] ?? 0));
  let bestStart = -1;
  let bestLen = 1; // a single zero group is never shortened
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.map(hex).join(':');
  const head = groups.slice(0, bestStart).map(hex).join(':');
  const tail = groups.slice(bestStart + bestLen).map(hex).join(':');
  return `${head}::${tail}`;
}

function hex(g: number): string {
  return g.toString(16);
}

function isV4Mapped(bytes: Uint8Array, start: number): boolean {
  for (let i = 0; i < 10; i++) if (bytes[start + i] !== 0) return false;
  return bytes[start + 10] === 0xff && bytes[start + 11] === 0xff;
}
