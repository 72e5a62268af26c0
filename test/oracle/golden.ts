/**
 * The Go goldens: for every corpus sample, what Cilium's own code printed in each mode. Made by
 * scripts/oracle.ts (`npm run oracle`) where pinned trees and Go exist; committed, so the
 * differential test runs everywhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `cilium monitor` with no flag, `-v`, `-vv`, `-vv --hex`, `--json`, `-n`; and Hubble's
 * threefour/sock parser output as protojson (`flow`: one JSON line, or `ERROR: …`).
 */
export const GOLDEN_MODES = ['summary', 'verbose', 'dissect', 'hex', 'json', 'numeric', 'flow'] as const;
export type GoldenMode = (typeof GOLDEN_MODES)[number];

export interface Golden {
  release: string;
  madeBy: { cilium: string; version: string; go: string; harness: string };
  samples: ({ cpu: number; data: string } & Record<GoldenMode, string>)[];
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'go');

export function goldenPath(release: string): string {
  return join(root, `${release}.json`);
}

export function loadGolden(release: string): Golden | undefined {
  const file = goldenPath(release);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Golden) : undefined;
}
