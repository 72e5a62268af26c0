/**
 * `common.SortAndFilterLabels` of Hubble's parsers: the labels an endpoint carries in a flow.
 */

/** `identity.IdentityScopeMask` / `IdentityScopeLocal`: CIDR identities allocated on the node. */
const SCOPE_MASK = 0xff000000;
const SCOPE_LOCAL = 0x01000000;

/** `netip.ParseAddr` of an IPv4 literal: four decimal octets, no leading zeros. */
function ipv4Bits(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined;
  }
  return 32;
}

/** `netip.ParseAddr` of an IPv6 literal (an embedded IPv4 tail allowed, no zone). */
function ipv6Bits(s: string): number | undefined {
  let text = s;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (lastColon < 0 || ipv4Bits(tail) === undefined) return undefined;
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  let groups = 0;
  for (const half of halves) {
    if (half === '') continue;
    for (const g of half.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      groups++;
    }
  }
  return (halves.length === 2 ? groups <= 7 : groups === 8) ? 128 : undefined;
}

/** The prefix length of `net.ParseCIDR(s)`, `undefined` where Go returns an error. */
function cidrPrefixLength(s: string): number | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const addr = s.slice(0, slash);
  const mask = s.slice(slash + 1);
  const bits = addr.includes(':') ? ipv6Bits(addr) : ipv4Bits(addr);
  if (bits === undefined || !/^[0-9]+$/.test(mask)) return undefined;
  const n = Number(mask);
  return n <= bits ? n : undefined;
}

/**
 * `FilterCIDRLabels`: of the `cidr:` labels only the longest valid prefix is kept (appended
 * after the other labels); invalid ones are dropped, and so is a lone `/0`.
 */
function filterCIDRLabels(labels: readonly string[]): string[] {
  const out: string[] = [];
  let maxSize = 0;
  let maxLabel = '';
  for (const label of labels) {
    if (!label.startsWith('cidr:')) {
      out.push(label);
      continue;
    }
    const size = cidrPrefixLength(label.slice('cidr:'.length).replaceAll('-', ':'));
    if (size !== undefined && size > maxSize) {
      maxSize = size;
      maxLabel = label;
    }
  }
  if (maxSize !== 0) out.push(maxLabel);
  return out;
}

/**
 * `SortAndFilterLabels`: identities of local scope (CIDR identities, `0x01xxxxxx`) keep one
 * `cidr:` label, the most specific; then the labels are sorted (byte order).
 */
export function sortAndFilterLabels(labels: readonly string[], identity: number): string[] {
  const kept = ((identity & SCOPE_MASK) >>> 0) === SCOPE_LOCAL ? filterCIDRLabels(labels) : [...labels];
  return kept.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
