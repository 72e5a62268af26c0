/**
 * One CPU's `PERF_COUNT_SW_BPF_OUTPUT` perf event and its mmapped ring (what
 * `bpf_perf_event_output` writes into once the event's fd is in the perf event array).
 * `perf_event_attr` layout from include/uapi/linux/perf_event.h.
 */
import type { Mapping, Syscalls } from './syscalls.js';

const PERF_TYPE_SOFTWARE = 1;
const PERF_COUNT_SW_BPF_OUTPUT = 10;
const PERF_SAMPLE_RAW = 1n << 10n;
const PERF_FLAG_FD_CLOEXEC = 8;
/** `perf_event_attr.watermark`: wake up on `wakeup_watermark` bytes instead of every event. */
const ATTR_WATERMARK = 1n << 14n;
/** PERF_ATTR_SIZE_VER5: every field used here lies well inside it. */
const ATTR_BYTES = 112;

export interface PerfRing {
  readonly cpu: number;
  readonly fd: number;
  /** The metadata page, then the data pages. */
  readonly mapping: Mapping;
}

/**
 * Opens the event on `cpu` and maps `pageCount` data pages (a power of two). `watermark`
 * bytes: wake pollers when that much is unread; 0 wakes them on every sample.
 */
export function openPerfRing(sys: Syscalls, cpu: number, pageCount: number, watermark: number): PerfRing {
  const attr = sys.alloc(ATTR_BYTES);
  let fd: number;
  try {
    const v = attr.view;
    v.setUint32(0, PERF_TYPE_SOFTWARE, true);
    v.setUint32(4, ATTR_BYTES, true);
    v.setBigUint64(8, BigInt(PERF_COUNT_SW_BPF_OUTPUT), true);
    v.setBigUint64(16, 1n, true); // sample_period: every output is a sample
    v.setBigUint64(24, PERF_SAMPLE_RAW, true);
    v.setBigUint64(40, watermark > 0 ? ATTR_WATERMARK : 0n, true);
    v.setUint32(48, watermark > 0 ? watermark : 1, true); // wakeup_watermark or wakeup_events
    fd = sys.perfEventOpen(attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);
  } finally {
    attr.free();
  }
  try {
    return { cpu, fd, mapping: sys.mmap(fd, (1 + pageCount) * sys.pageSize) };
  } catch (e) {
    sys.close(fd);
    throw e;
  }
}

export function closePerfRing(sys: Syscalls, ring: PerfRing): void {
  ring.mapping.unmap();
  sys.close(ring.fd);
}
