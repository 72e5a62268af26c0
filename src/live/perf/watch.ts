/**
 * The kernel's perf rings without the agent: a perf event per CPU whose fd goes into a
 * `BPF_MAP_TYPE_PERF_EVENT_ARRAY`, so what BPF programs send with `bpf_perf_event_output`
 * lands in rings this process maps and reads with the ring reader of `cilium-events/ring`.
 */
import { initRingReader } from '../../ring/init.js';
import { readRecords } from '../../ring/read-records.js';
import { META_DATA_TAIL } from '../../ring/layout.js';
import { LiveError } from '../errors.js';
import type { LiveRecord, LiveSource } from '../types.js';
import { checkPerfArray, installFd, mapInfo, openMap, removeFd } from './bpf-map.js';
import { onlineCpus } from './online-cpus.js';
import { closePerfRing, openPerfRing, type PerfRing } from './perf-ring.js';
import { loadSyscalls, type Syscalls } from './syscalls.js';

/** Cilium's own perf event array: the agent reads it, and an fd installed here steals its events. */
const CILIUM_EVENTS = 'cilium_events';
const POLLIN = 1;
const POLLFD_BYTES = 8;
/** Longest wait in one poll(): how soon an abort or `close()` is noticed when nothing arrives. */
const POLL_MS = 100;

/** Options of {@link watchPerfArray}. */
export interface WatchPerfArrayOptions {
  /** The perf event array: a pinned path (`/sys/fs/bpf/...`) or a map id. */
  map: string | number;
  /** CPUs to read (their index in the array). Default: every online CPU below `max_entries`. */
  cpus?: readonly number[];
  /** Data pages per ring, a power of two. Default 64 (256 KiB with 4 KiB pages), as Cilium. */
  pageCount?: number;
  /** Wake up when this many bytes are unread in a ring; 0 (default) wakes on every sample. */
  watermark?: number;
  /**
   * Install into a map named `cilium_events` anyway. Off by default: the agent reads that map,
   * and each CPU's events would go to this process instead of the agent until it closes. On a
   * Cilium node read the agent's socket (`watchSocket`) instead.
   */
  force?: boolean;
  /** Ends the source cleanly (noticed within 100 ms). */
  signal?: AbortSignal;
}

/** A running perf array source. */
export interface PerfArraySource extends LiveSource {
  /** The CPUs whose rings are read. */
  readonly cpus: readonly number[];
  /** The map's id and name. */
  readonly map: { readonly id: number; readonly name: string };
}

const isPowerOfTwo = (n: number): boolean => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

/** The unread records of one ring, copied out (the kernel may reuse the space once data_tail moves). */
function drain(ring: PerfRing, out: LiveRecord[]): void {
  const bytes = ring.mapping.bytes;
  const read = readRecords(bytes, { peek: true });
  const base = Number(read.start);
  for (const r of read.records) {
    if (r.kind === 'sample') out.push({ kind: 'sample', data: r.data.slice(), cpu: ring.cpu, offset: base + r.offset, line: undefined });
    else out.push({ kind: 'lost', reason: 'kernel', count: r.count, cpu: ring.cpu, offset: base + r.offset, line: undefined });
  }
  // Only now that the records are copied may the kernel write over them.
  if (read.records.length > 0) new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setBigUint64(META_DATA_TAIL, read.end, true);
}

function openRings(sys: Syscalls, mapFd: number, cpus: readonly number[], pageCount: number, watermark: number): PerfRing[] {
  const rings: PerfRing[] = [];
  try {
    for (const cpu of cpus) {
      const ring = openPerfRing(sys, cpu, pageCount, watermark);
      rings.push(ring);
      installFd(sys, mapFd, cpu, ring.fd);
    }
    return rings;
  } catch (e) {
    for (const ring of rings) closePerfRing(sys, ring);
    throw e;
  }
}

/**
 * Opens a perf ring per CPU, installs them in the perf event array `map` and yields what BPF
 * programs send to it: samples (decode `data` with `decodeEvent`) and the kernel's lost
 * counts, per CPU. A consumer that falls behind makes the rings fill: the kernel then refuses
 * samples and says how many in `lost` records. Linux only, as root (or CAP_BPF and
 * CAP_PERFMON), with the optional package `koffi`; otherwise it rejects with a
 * {@link LiveError} saying why (`unavailable`, `syscall-failed`, `bad-map`, `map-in-use`).
 *
 * @example
 * const decode = createDecoder();
 * const source = await watchPerfArray({ map: '/sys/fs/bpf/my_events', signal: AbortSignal.timeout(10_000) });
 * for await (const r of source) {
 *   if (r.kind === 'sample') console.log(r.cpu, decode(r.data).type);
 *   else if (r.kind === 'lost') console.warn(`CPU ${r.cpu}: lost ${r.count}`);
 * }
 */
export async function watchPerfArray(options: WatchPerfArrayOptions): Promise<PerfArraySource> {
  const pageCount = options.pageCount ?? 64;
  const watermark = options.watermark ?? 0;
  if (!isPowerOfTwo(pageCount)) throw new LiveError('invalid-option', `pageCount ${pageCount} is not a power of two`);
  if (!Number.isInteger(watermark) || watermark < 0) throw new LiveError('invalid-option', `watermark ${watermark} is not a byte count`);
  const sys = await loadSyscalls();
  // Compile the WebAssembly walker now, off the read path (the TypeScript walker where there is none).
  await initRingReader();
  const label = typeof options.map === 'number' ? `map id ${options.map}` : options.map;
  const mapFd = openMap(sys, options.map);
  let rings: PerfRing[];
  let info;
  try {
    info = mapInfo(sys, mapFd);
    checkPerfArray(info, label);
    if (info.name === CILIUM_EVENTS && options.force !== true) {
      throw new LiveError(
        'map-in-use',
        `${label} is Cilium's ${CILIUM_EVENTS}: reading it here takes the events away from the agent. Use the agent's monitor socket (watchSocket, cilium-events watch --socket), or pass force to do it anyway`,
      );
    }
    const maxEntries = info.maxEntries;
    const cpus = options.cpus ?? onlineCpus().filter((cpu) => cpu < maxEntries);
    const bad = cpus.find((cpu) => !Number.isInteger(cpu) || cpu < 0 || cpu >= maxEntries);
    if (bad !== undefined) throw new LiveError('invalid-option', `CPU ${bad} is outside ${label}, which has ${maxEntries} entries`);
    if (cpus.length === 0) throw new LiveError('invalid-option', 'no CPUs to read');
    rings = openRings(sys, mapFd, cpus, pageCount, watermark);
  } catch (e) {
    sys.close(mapFd);
    throw e;
  }

  const pollfds = sys.alloc(POLLFD_BYTES * rings.length);
  rings.forEach((ring, i) => {
    pollfds.view.setInt32(i * POLLFD_BYTES, ring.fd, true);
    pollfds.view.setInt16(i * POLLFD_BYTES + 4, POLLIN, true);
  });

  let stopped = false;
  let closing: Promise<void> | undefined;
  /** The poll() in flight: its fd array must outlive it. */
  let polling: Promise<unknown> = Promise.resolve();
  const signal = options.signal;
  const onAbort = (): void => void close();
  const close = (): Promise<void> => {
    stopped = true;
    signal?.removeEventListener('abort', onAbort);
    closing ??= polling.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      for (const ring of rings) {
        try {
          removeFd(sys, mapFd, ring.cpu);
        } catch {
          // Closing the map fd below clears the entries this fd installed anyway.
        }
        closePerfRing(sys, ring);
      }
      sys.close(mapFd);
      pollfds.free();
    });
    return closing;
  };
  if (signal?.aborted) void close();
  else signal?.addEventListener('abort', onAbort, { once: true });

  return {
    cpus: rings.map((r) => r.cpu),
    map: { id: info.id, name: info.name },
    close,
    async *[Symbol.asyncIterator](): AsyncGenerator<LiveRecord, void, undefined> {
      try {
        const batch: LiveRecord[] = [];
        while (!stopped) {
          batch.length = 0;
          for (const ring of rings) drain(ring, batch);
          if (batch.length === 0) {
            polling = sys.poll(pollfds, rings.length, POLL_MS);
            await polling;
            continue;
          }
          for (const r of batch) yield r;
        }
      } finally {
        await close();
      }
    },
  };
}
