/**
 * `npm run oracle -- [--release R]... [--src DIR] [--from GIT_DIR] [--seed N --per-type N --out FILE]
 * [--corpus explore --out FILE] [--no-build]`: regenerates the Go goldens
 * under test/fixtures/go/ by running Cilium's own `cilium monitor` formatter and Hubble parsers
 * (built from a pinned tree with our harness, test/oracle/harness) over our corpus.
 *
 * Trees live in the git-ignored `.cilium-src/<release>/` (or `--src`); `--from` extracts a
 * missing one from a git directory holding the pinned commit (file by file, since the public
 * forks' clones are partial). Go comes from `$ORACLE_GO_<release with _>`, `$ORACLE_GO`, or
 * the Debian packages golang-1.25-go / golang-1.26-go. Nothing from the trees is committed:
 * only the corpus and what Cilium's code printed for it, with the commit and Go version.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { buildCorpus } from '../test/oracle/corpus.js';
import { buildExploreCorpus } from '../test/oracle/explore-corpus.js';
import { GOLDEN_MODES, goldenPath, loadGolden, type Golden, type GoldenMode } from '../test/oracle/golden.js';
import { repoRoot } from '../codegen/pins.js';
import type { Release } from '../src/decode/types.js';

/** What each release needs to build the harness: Go toolchain and the API generation tags. */
const TARGETS: Record<string, { go: string; tags: string[] }> = {
  '1.16': { go: '1.25', tags: ['oracle_logrus', 'oracle_sock_noskip', 'oracle_monitor_stdout'] },
  '1.17.0': { go: '1.25', tags: ['oracle_logrus', 'oracle_monitor_stdout'] },
  '1.17': { go: '1.25', tags: ['oracle_logrus', 'oracle_monitor_stdout'] },
  '1.18': { go: '1.25', tags: ['oracle_monitor_stdout'] },
  '1.19': { go: '1.25', tags: [] },
  '1.20': { go: '1.26', tags: [] },
};

interface Args {
  releases: string[];
  src: string;
  from?: string;
  /** Exploration: another corpus (seed, samples per generator) written to `out`, not the goldens. */
  seed?: number;
  perType?: number;
  out?: string;
  /** `explore`: the enumerating corpus of test/oracle/explore-corpus.ts instead of the seeded one. */
  corpus: 'seeded' | 'explore';
  /** Run the binary already built (.cilium-src/bin/oracle-<release>) instead of building it. */
  noBuild: boolean;
}

function args(): Args {
  const argv = process.argv.slice(2);
  const releases: string[] = [];
  let src = join(repoRoot, '.cilium-src');
  let from: string | undefined;
  let seed: number | undefined;
  let perType: number | undefined;
  let out: string | undefined;
  let corpus: Args['corpus'] = 'seeded';
  let noBuild = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--release') releases.push(value());
    else if (a === '--src') src = value();
    else if (a === '--from') from = value();
    else if (a === '--seed') seed = Number(value());
    else if (a === '--per-type') perType = Number(value());
    else if (a === '--out') out = value();
    else if (a === '--corpus') {
      const v = value();
      if (v !== 'seeded' && v !== 'explore') throw new Error(`--corpus is seeded or explore, not ${v}`);
      corpus = v;
    } else if (a === '--no-build') noBuild = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if ((seed !== undefined || perType !== undefined || corpus !== 'seeded') && out === undefined) throw new Error('--seed/--per-type/--corpus explore another corpus: name its --out file');
  return { releases: releases.length > 0 ? releases : Object.keys(TARGETS), src, from, seed, perType, out, corpus, noBuild };
}

function pinnedCommit(release: string): string | undefined {
  const pins = JSON.parse(readFileSync(join(repoRoot, 'bpf-headers', 'pins.json'), 'utf8')) as { releases: Record<string, { commit: string }> };
  return pins.releases[release]?.commit;
}

/**
 * Extracts `commit` from a (possibly partial) git dir, skipping blobs the clone lacks: one
 * `git cat-file --batch` reads every blob (`<id> blob <size>` + bytes, or `<id> missing`).
 */
function extractTree(gitDir: string, commit: string, out: string): void {
  const list = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', commit], { maxBuffer: 1 << 28 }).toString('latin1');
  const files: { mode: string; blob: string; path: string }[] = [];
  for (const entry of list.split('\0')) {
    const [meta = '', path = ''] = entry.split('\t');
    const [mode = '', type = '', blob = ''] = meta.split(' ');
    if (type === 'blob' && mode !== '120000') files.push({ mode, blob, path: Buffer.from(path, 'latin1').toString('utf8') });
  }
  const batch = spawnSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], {
    input: files.map((f) => f.blob).join('\n') + '\n',
    maxBuffer: 2 ** 31,
  });
  if (batch.status !== 0) throw new Error(`git cat-file failed: ${batch.stderr.toString()}`);
  const data = batch.stdout;
  let at = 0;
  let missing = 0;
  for (const f of files) {
    const eol = data.indexOf(0x0a, at);
    const header = data.subarray(at, eol).toString('latin1').split(' ');
    at = eol + 1;
    if (header[1] === 'missing') {
      missing++;
      continue;
    }
    const size = Number(header[2]);
    const file = join(out, f.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data.subarray(at, at + size), { mode: f.mode === '100755' ? 0o755 : 0o644 });
    at += size + 1;
  }
  writeFileSync(join(out, '.oracle-commit'), commit + '\n');
  console.error(`oracle: extracted ${commit} into ${out} (${missing} blobs absent from the clone)`);
}

function goBinary(release: string, version: string): string {
  const env = process.env[`ORACLE_GO_${release.replace(/\./g, '_')}`] ?? process.env.ORACLE_GO;
  const candidate = env ?? `/usr/lib/go-${version}/bin/go`;
  if (!existsSync(candidate)) throw new Error(`Go ${version} not found at ${candidate} (apt-get install golang-${version}-go from trixie-backports, or set ORACLE_GO)`);
  return candidate;
}

function harnessHash(): string {
  const dir = join(repoRoot, 'test', 'oracle', 'harness');
  const h = createHash('sha256');
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex').slice(0, 16);
}

/**
 * The harness a binary run with `--no-build` was built from: the one the release's goldens
 * record (they were made by that binary unless it was rebuilt since), else unknown.
 */
function prebuiltHarness(release: string): string {
  return loadGolden(release)?.madeBy.harness ?? 'unknown (prebuilt binary)';
}

/**
 * protojson varies its whitespace from one build of a binary to the next (on purpose, so no one
 * compares its bytes), and flows are compared parsed: a flow equal to the previous golden's
 * keeps that text, so regenerating after a rebuild changes only what changed.
 */
function keepFlowSpacing(golden: Golden, previous: Golden | undefined): void {
  if (previous === undefined) return;
  const parse = (text: string): unknown => (text.startsWith('{') ? JSON.parse(text) : text);
  golden.samples.forEach((s, i) => {
    const old = previous.samples[i];
    if (old !== undefined && old.data === s.data && old.cpu === s.cpu && isDeepStrictEqual(parse(old.flow), parse(s.flow))) s.flow = old.flow;
  });
}

/** Splits the harness output at its per-sample markers ("\0<index>\0\n"). */
function splitOutput(stdout: string, count: number): string[] {
  const out: string[] = new Array(count).fill('');
  const parts = stdout.split(/\0(\d+)\0\n/);
  if (parts[0] !== '') throw new Error(`output before the first sample: ${JSON.stringify(parts[0]?.slice(0, 200))}`);
  for (let i = 1; i < parts.length; i += 2) out[Number(parts[i])] = parts[i + 1] ?? '';
  if ((parts.length - 1) / 2 !== count) throw new Error(`expected ${count} samples, harness printed ${(parts.length - 1) / 2}`);
  return out;
}

function main(): void {
  const { releases, src, from, seed, perType, out, corpus: which, noBuild } = args();
  for (const release of releases) {
    const target = TARGETS[release];
    if (target === undefined) throw new Error(`no oracle target for release ${release}`);
    const tree = join(src, release);
    const commit = pinnedCommit(release);
    if (!existsSync(join(tree, 'go.mod'))) {
      if (from === undefined || commit === undefined) throw new Error(`${tree} is missing; pass --from <git dir with ${commit ?? 'the pinned commit'}>`);
      extractTree(from, commit, tree);
    }
    const treeCommit = readFileSync(join(tree, '.oracle-commit'), 'utf8').trim();
    if (commit !== undefined && commit !== treeCommit) {
      throw new Error(`${tree} holds ${treeCommit}, but bpf-headers/pins.json pins ${release} at ${commit}`);
    }
    const go = goBinary(release, target.go);
    const goVersion = execFileSync(go, ['version']).toString().trim();
    const bin = join(src, 'bin', `oracle-${release}`);
    const built = !noBuild || !existsSync(bin);
    if (built) {
      const harnessDir = join(tree, 'zz_oracle_harness');
      rmSync(harnessDir, { recursive: true, force: true });
      cpSync(join(repoRoot, 'test', 'oracle', 'harness'), harnessDir, { recursive: true });
      mkdirSync(dirname(bin), { recursive: true });
      console.error(`oracle ${release}: building with ${goVersion} (tags: ${target.tags.join(',') || 'none'})…`);
      execFileSync(go, ['build', '-tags', target.tags.join(','), '-o', bin, './zz_oracle_harness'], {
        cwd: tree,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, GOFLAGS: '-mod=vendor', GOTOOLCHAIN: 'local', GOPROXY: 'off', CGO_ENABLED: '0' },
      });
    }

    const corpus = which === 'explore' ? buildExploreCorpus(release as Release) : buildCorpus(release as Release, perType, seed);
    const input = corpus.map((s) => `${s.cpu} ${Buffer.from(s.bytes).toString('hex')}\n`).join('');
    const outputs = {} as Record<GoldenMode, string[]>;
    for (const mode of GOLDEN_MODES) {
      const res = spawnSync(bin, ['-mode', mode], { input, maxBuffer: 1 << 30 });
      if (res.status !== 0) throw new Error(`oracle ${release} ${mode} exited ${res.status}: ${res.stderr.toString().slice(0, 2000)}`);
      outputs[mode] = splitOutput(res.stdout.toString('utf8'), corpus.length);
    }
    const golden: Golden = {
      release,
      madeBy: { cilium: treeCommit, version: readFileSync(join(tree, 'VERSION'), 'utf8').trim(), go: goVersion, harness: built ? harnessHash() : prebuiltHarness(release) },
      samples: corpus.map((s, i) => ({
        cpu: s.cpu,
        data: Buffer.from(s.bytes).toString('hex'),
        ...Object.fromEntries(GOLDEN_MODES.map((m) => [m, outputs[m][i] ?? ''])),
      })) as Golden['samples'],
    };
    if (out === undefined) keepFlowSpacing(golden, loadGolden(release));
    const file = out !== undefined ? out.replace('{release}', release) : goldenPath(release);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(golden, null, 1) + '\n');
    console.error(`oracle ${release}: ${corpus.length} samples → ${file}`);
  }
}

main();
