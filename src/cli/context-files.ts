/**
 * Files that stand in for what the agent knows and a capture does not carry: names for
 * identities and endpoints (`--names`), and interface names (`--links`, the output of
 * `ip -j link`). A file that cannot be used is a usage error naming the flag.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from './args.js';

/** What `--names` gives the formatters. */
export interface NameFile {
  /** Text output: identity → name (labels joined with commas). */
  identities: Map<number, string>;
  endpoints: Map<number, string>;
  /** Flow output: identity → labels. */
  identityLabels: Record<number, string[]>;
}

async function readJson(path: string, flag: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${flag} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`${flag} ${path}: not JSON (${(e as Error).message})`);
  }
}

function idKey(key: string, flag: string, path: string): number {
  if (!/^\d+$/.test(key)) throw new UsageError(`${flag} ${path}: key ${JSON.stringify(key)} is not a number`);
  return Number(key);
}

/**
 * Reads `{"identities": {"<id>": "label" | ["label", …]}, "endpoints": {"<id>": "name"}}`.
 *
 * @example
 * // names.json: {"identities": {"12345": ["k8s:app=web"]}, "endpoints": {"1204": "default/web-1"}}
 */
export async function loadNames(path: string): Promise<NameFile> {
  const flag = '--names';
  const json = await readJson(path, flag);
  const out: NameFile = { identities: new Map(), endpoints: new Map(), identityLabels: {} };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new UsageError(`${flag} ${path}: expected an object`);
  const { identities = {}, endpoints = {} } = json as { identities?: unknown; endpoints?: unknown };
  if (typeof identities !== 'object' || identities === null || typeof endpoints !== 'object' || endpoints === null) {
    throw new UsageError(`${flag} ${path}: "identities" and "endpoints" must be objects`);
  }
  for (const [key, value] of Object.entries(identities)) {
    const labels = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(labels) || !labels.every((l) => typeof l === 'string')) {
      throw new UsageError(`${flag} ${path}: identity ${key} must be a string or a list of strings`);
    }
    const id = idKey(key, flag, path);
    out.identities.set(id, labels.join(','));
    out.identityLabels[id] = labels as string[];
  }
  for (const [key, value] of Object.entries(endpoints)) {
    if (typeof value !== 'string') throw new UsageError(`${flag} ${path}: endpoint ${key} must be a string`);
    out.endpoints.set(idKey(key, flag, path), value);
  }
  return out;
}

/**
 * Reads `ip -j link` output (`[{"ifindex": 2, "ifname": "eth0", …}, …]`) into a lookup.
 *
 * @example
 * // ip -j link > links.json; cilium-events decode --links links.json capture.gob
 */
export async function loadLinks(path: string): Promise<(ifindex: number) => string | undefined> {
  const flag = '--links';
  const json = await readJson(path, flag);
  if (!Array.isArray(json)) throw new UsageError(`${flag} ${path}: expected the JSON array of ip -j link`);
  const names = new Map<number, string>();
  for (const link of json) {
    const { ifindex, ifname } = (link ?? {}) as { ifindex?: unknown; ifname?: unknown };
    if (typeof ifindex !== 'number' || typeof ifname !== 'string') {
      throw new UsageError(`${flag} ${path}: every entry needs a numeric "ifindex" and a string "ifname"`);
    }
    names.set(ifindex, ifname);
  }
  return (ifindex) => names.get(ifindex);
}
