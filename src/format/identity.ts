/**
 * Security identity and endpoint rendering: `NumericIdentity.String()` of `pkg/identity` (the
 * reserved identities by name, everything else in decimal), plus optional user-supplied names.
 */

/** Reserved identity names, as every pinned release spells them (`reservedIdentityNames`). */
export const RESERVED_IDENTITY_NAMES: Readonly<Record<number, string>> = {
  0: 'unknown',
  1: 'host',
  2: 'world',
  3: 'unmanaged',
  4: 'health',
  5: 'init',
  6: 'remote-node',
  7: 'kube-apiserver',
  8: 'ingress',
  9: 'world-ipv4',
  10: 'world-ipv6',
};

/** Names to use in place of numbers, keyed by numeric identity / endpoint id. */
export interface NameMaps {
  /** Extra identity names (like labels registered with the agent); reserved names still win. */
  identities?: Readonly<Record<number, string>> | ReadonlyMap<number, string>;
  /**
   * Endpoint id → name (e.g. `default/web-1`), printed where the monitor prints an endpoint id
   * (`to endpoint`, `<- endpoint`, `FROM`, `local EP ID`); JSON keeps the numbers.
   */
  endpoints?: Readonly<Record<number, string>> | ReadonlyMap<number, string>;
}

function lookup(map: NameMaps['identities'], key: number): string | undefined {
  if (map === undefined) return undefined;
  if (map instanceof Map) return map.get(key);
  return (map as Readonly<Record<number, string>>)[key];
}

/**
 * Renders an identity as `cilium monitor` does: the reserved name, else a user name from
 * `names.identities`, else decimal; with `numeric` always decimal (`-n`).
 *
 * @example
 * identityText(2, false); // 'world'
 * identityText(12345, false, { identities: { 12345: 'k8s:app=web' } }); // 'k8s:app=web'
 */
export function identityText(id: number, numeric: boolean, names?: NameMaps): string {
  if (numeric) return String(id);
  return RESERVED_IDENTITY_NAMES[id] ?? lookup(names?.identities, id) ?? String(id);
}

/**
 * Renders an endpoint id: the user's name for it when given (and not numeric), else decimal.
 *
 * @example
 * endpointText(1204, false, { endpoints: { 1204: 'default/web-1' } }); // 'default/web-1'
 * endpointText(1204, false); // '1204'
 */
export function endpointText(id: number, numeric: boolean, names?: NameMaps): string {
  if (numeric) return String(id);
  return lookup(names?.endpoints, id) ?? String(id);
}
