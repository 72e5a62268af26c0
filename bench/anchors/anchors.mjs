// The benchmarks' anchors: programs of ours in Go and C, built and run where their toolchains
// exist, and the hook for Cilium's own Go formatter timings. Every anchor returns its figures
// or `{ reason }` with the last recorded figures (recorded.json), which the benches print.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
export const recorded = JSON.parse(readFileSync(join(here, 'recorded.json'), 'utf8'));
const cache = join(tmpdir(), 'cilium-events-bench-anchors');

function which(candidates) {
  for (const c of candidates) {
    if (c === undefined) continue;
    if (c.includes('/')) {
      if (existsSync(c)) return c;
    } else if (spawnSync('sh', ['-c', `command -v ${c}`], { encoding: 'utf8' }).status === 0) return c;
  }
  return undefined;
}

function lastJSONLine(text) {
  const lines = text.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

/** Go for the decode anchor: $GO, the Debian golang-1.25/1.26 packages, or `go` on PATH. */
function goTool() {
  return which([process.env.GO, '/usr/lib/go-1.26/bin/go', '/usr/lib/go-1.25/bin/go', '/usr/lib/go/bin/go', 'go']);
}

/**
 * decode.go over the messages of `binPath` for about `seconds`: `{ nsPerEvent, go }`, or
 * `{ reason }` when Go is missing or the program fails.
 */
export function goDecodeAnchor(binPath, seconds = 1) {
  const go = goTool();
  if (go === undefined) return { reason: 'no Go toolchain (install golang-go, or set GO)' };
  mkdirSync(cache, { recursive: true });
  const exe = join(cache, 'decode');
  const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', GOCACHE: join(cache, 'gocache'), HOME: process.env.HOME ?? cache };
  const build = spawnSync(go, ['build', '-o', exe, join(here, 'decode.go')], { env, encoding: 'utf8' });
  if (build.status !== 0) return { reason: `go build failed: ${(build.stderr || build.error?.message || '').trim().split('\n')[0]}` };
  const run = spawnSync(exe, [binPath, String(seconds)], { encoding: 'utf8' });
  if (run.status !== 0) return { reason: `decode anchor failed: ${(run.stderr || '').trim()}` };
  return lastJSONLine(run.stdout);
}

/**
 * perf-buffer.c over the samples of a ring fixture (`dir` with ring.bin and meta.json):
 * `{ nsPerPass, memcpyNsPerPass, samplesPerPass, windowBytes, ring }` where `ring` is the
 * file of the ring the kernel wrote (the same sequence for the JavaScript walkers), or
 * `{ reason }` without cc, libbpf-dev, or the bpf()/perf_event_open() permissions.
 */
export function libbpfAnchor(dir, seconds = 1) {
  const cc = which([process.env.CC, 'cc', 'gcc', 'clang']);
  if (cc === undefined) return { reason: 'no C compiler (cc)' };
  if (!existsSync('/usr/include/bpf/libbpf.h')) return { reason: 'libbpf-dev is not installed (apt-get install -y libbpf-dev)' };
  mkdirSync(cache, { recursive: true });
  const exe = join(cache, 'perf-buffer');
  const build = spawnSync(cc, ['-O2', join(here, 'perf-buffer.c'), '-lbpf', '-o', exe], { encoding: 'utf8' });
  if (build.status !== 0) return { reason: `cc failed: ${build.stderr.trim().split('\n')[0]}` };
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
  const ring = join(cache, 'kernel-ring.bin');
  const args = [join(dir, 'ring.bin'), meta.data_offset, meta.data_size, meta.read_start, meta.read_end, seconds, ring].map(String);
  const run = spawnSync(exe, args, { encoding: 'utf8' });
  const out = run.stdout.trim() === '' ? {} : lastJSONLine(run.stdout);
  if (run.status !== 0) return { reason: `the kernel refused the libbpf anchor: ${out.error ?? run.stderr.trim() ?? `exit ${run.status}`}` };
  return { ...out, ring };
}

/**
 * Cilium's own Go formatter timings (µs of CPU time per event for summary, verbose, dissect,
 * json, flow), measured in this run by the differential harness (test/oracle/harness, built by
 * `npm run oracle` into .cilium-src/bin/oracle-<release>) over `samples` (perf samples as
 * Uint8Array) with output to /dev/null; else a JSON file named by
 * $CILIUM_EVENTS_GO_FORMAT_TIMINGS (`{ "usPerEvent": {…}, "source": "…" }`); else `{ reason }`
 * and the recorded figures.
 */
export function goFormatAnchor(samples, { release = '1.19', seconds = 1 } = {}) {
  const harness = join(root, '.cilium-src', 'bin', `oracle-${release}`);
  if (samples !== undefined && samples.length > 0 && existsSync(harness)) {
    const input = samples.map((s, i) => `${i % 4} ${Buffer.from(s).toString('hex')}`).join('\n') + '\n';
    const haveCpu = childCpuSeconds() !== undefined;
    /** One run of `repeat` passes: the harness's own wall-clock figure and the child's CPU seconds. */
    const timed = (mode, repeat) => {
      const cpu0 = childCpuSeconds();
      const run = spawnSync(harness, ['-mode', mode, '-repeat', String(repeat)], { input, encoding: 'utf8', stdio: ['pipe', 'ignore', 'pipe'] });
      if (run.status !== 0) return { error: run.stderr.trim().split('\n').pop() };
      const cpu = cpu0 === undefined ? undefined : childCpuSeconds() - cpu0;
      return { wallNs: lastJSONLine(run.stderr).nsPerSample, cpu };
    };
    const usPerEvent = {};
    for (const mode of ['summary', 'verbose', 'dissect', 'json', 'flow']) {
      // One short pass sizes the timed run to about `seconds`.
      const probe = timed(mode, 1);
      if (probe.error !== undefined) return { reason: `Go harness failed: ${probe.error}`, usPerEvent: recorded.goFormat.usPerEvent };
      const repeat = Math.max(2, Math.round((seconds * 1e9) / (probe.wallNs * samples.length)));
      const run = timed(mode, repeat);
      // CPU time, as the library side is measured: the harness's own figure is wall-clock, which a
      // loaded machine inflates (and Go's concurrent GC hides). The one-pass probe's CPU time is
      // subtracted so start-up and reading the corpus cancel out.
      usPerEvent[mode] = haveCpu ? ((run.cpu - probe.cpu) * 1e6) / ((repeat - 1) * samples.length) : run.wallNs / 1000;
    }
    const clock = haveCpu ? 'CPU time' : 'wall-clock (no /proc)';
    return { usPerEvent, source: `Cilium ${release} (${harness}), ${clock}, measured in this run` };
  }
  const file = process.env.CILIUM_EVENTS_GO_FORMAT_TIMINGS ?? join(here, 'go-format.json');
  if (existsSync(file)) {
    const t = JSON.parse(readFileSync(file, 'utf8'));
    return { usPerEvent: t.usPerEvent, source: t.source ?? file };
  }
  const why = existsSync(harness) ? 'no samples given' : `no harness binary at ${harness} (npm run oracle -- --release ${release} builds it where Go and the pinned tree exist)`;
  return { reason: `Cilium's Go formatter timings unavailable (${why}); using figures recorded in ${recorded.goFormat.source}`, usPerEvent: recorded.goFormat.usPerEvent };
}

/** CPU seconds (user + system) of this process's reaped children, Linux only. */
export function childCpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of proc(5) (cutime, cstime), counted from 1 with pid and comm first.
    return (Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return undefined;
  }
}

export const verdict = (ok) => (ok ? 'met' : 'NOT met');
