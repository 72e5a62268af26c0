// A tiny BPF program, assembled here from raw instructions, that sends chosen bytes to a perf
// event array with bpf_perf_event_output; run with BPF_PROG_TEST_RUN on a chosen CPU. The
// same program as perf-ring-writer.c's, driven from JS through the library's FFI bindings.
import { mapInfo } from '../../src/live/perf/bpf-map.js';
import { loadSyscalls } from '../../src/live/perf/syscalls.js';

const BPF_MAP_CREATE = 0;
const BPF_PROG_LOAD = 5;
const BPF_OBJ_PIN = 6;
const BPF_PROG_TEST_RUN = 10;
const BPF_MAP_TYPE_PERF_EVENT_ARRAY = 4;
const BPF_PROG_TYPE_SCHED_CLS = 3;
const BPF_FUNC_perf_event_output = 25;
const BPF_PSEUDO_MAP_FD = 1;
/** offsetof(struct __sk_buff, mark) */
const SKB_MARK = 8;
/** BPF_PROG_TEST_RUN wants at least an Ethernet header of packet data. */
const MIN_PACKET = 14;
/** Larger than any kernel's struct __sk_buff; the kernel accepts the zero tail. */
const SKB_CTX_BYTES = 256;

function insn(code: number, dst: number, src: number, off: number, imm: number): number[] {
  const b = new DataView(new ArrayBuffer(8));
  b.setUint8(0, code);
  b.setUint8(1, (src << 4) | dst);
  b.setInt16(2, off, true);
  b.setInt32(4, imm, true);
  return [...new Uint8Array(b.buffer)];
}

/**
 * r6 = ctx; r3 = BPF_F_CURRENT_CPU | (skb->mark << 32); r4 = stack, r5 = 0;
 * r0 = bpf_perf_event_output(ctx, map, r3, r4, r5): the helper copies `mark` bytes of the
 * packet into the current CPU's ring; the program returns its result.
 */
function program(mapFd: number): Uint8Array {
  return Uint8Array.from([
    ...insn(0xbf, 6, 1, 0, 0), // r6 = r1
    ...insn(0x61, 3, 1, SKB_MARK, 0), // r3 = *(u32 *)(r1 + mark)
    ...insn(0x67, 3, 0, 0, 32), // r3 <<= 32
    ...insn(0xb4, 4, 0, 0, -1), // w4 = -1 (zero-extended: BPF_F_CURRENT_CPU)
    ...insn(0x4f, 3, 4, 0, 0), // r3 |= r4
    ...insn(0x18, 2, BPF_PSEUDO_MAP_FD, 0, mapFd), // r2 = map (two-slot load)
    ...insn(0, 0, 0, 0, 0),
    ...insn(0x7a, 10, 0, -8, 0), // *(u64 *)(r10 - 8) = 0
    ...insn(0xbf, 4, 10, 0, 0), // r4 = r10
    ...insn(0x07, 4, 0, 0, -8), // r4 += -8
    ...insn(0xb7, 5, 0, 0, 0), // r5 = 0
    ...insn(0xbf, 1, 6, 0, 0), // r1 = r6
    ...insn(0x85, 0, 0, 0, BPF_FUNC_perf_event_output),
    ...insn(0x95, 0, 0, 0, 0), // exit
  ]);
}

export interface Emitter {
  mapFd: number;
  mapId: number;
  /** Runs the program once on `cpu` with `payload`; the helper's result (0, or -ENOSPC when the ring is full). */
  emit(cpu: number, payload: Uint8Array): number;
  /** Pins the map at `path` (a bpffs path). */
  pin(path: string): void;
  close(): void;
}

interface Affinity {
  set(cpu: number): void;
  restore(): void;
}

/** sched_setaffinity for the calling thread: BPF_PROG_TEST_RUN runs where its caller runs. */
async function affinity(): Promise<Affinity> {
  const mod = (await import('koffi')) as unknown as { default: { load(p: string): { func(s: string): (...a: unknown[]) => number } } };
  const lib = mod.default.load('libc.so.6');
  const get = lib.func('int sched_getaffinity(int pid, size_t size, _Out_ uint8_t *mask)');
  const set = lib.func('int sched_setaffinity(int pid, size_t size, const uint8_t *mask)');
  const saved = new Uint8Array(128);
  if (get(0, saved.length, saved) !== 0) throw new Error('sched_getaffinity failed');
  return {
    set(cpu) {
      const mask = new Uint8Array(128);
      mask[cpu >> 3] = 1 << (cpu & 7);
      if (set(0, mask.length, mask) !== 0) throw new Error(`sched_setaffinity(CPU ${cpu}) failed`);
    },
    restore: () => void set(0, saved.length, saved),
  };
}

/** Creates a perf event array named `name` with `entries` slots and loads the program for it. */
export async function createEmitter(name: string, entries: number): Promise<Emitter> {
  const sys = await loadSyscalls();
  const pin = await affinity();
  const a = sys.alloc(128);
  a.view.setUint32(0, BPF_MAP_TYPE_PERF_EVENT_ARRAY, true);
  a.view.setUint32(4, 4, true);
  a.view.setUint32(8, 4, true);
  a.view.setUint32(12, entries, true);
  a.bytes.set(new TextEncoder().encode(name), 28);
  const mapFd = sys.bpf(BPF_MAP_CREATE, a, 'bpf(BPF_MAP_CREATE, PERF_EVENT_ARRAY)');
  a.free();

  const mapId = mapInfo(sys, mapFd).id;

  const code = program(mapFd);
  const insns = sys.alloc(code.length);
  insns.bytes.set(code);
  const license = sys.alloc(4);
  license.bytes.set(new TextEncoder().encode('GPL')); // bpf_perf_event_output is GPL-only
  const log = sys.alloc(65536);
  const pa = sys.alloc(128);
  pa.view.setUint32(0, BPF_PROG_TYPE_SCHED_CLS, true);
  pa.view.setUint32(4, code.length / 8, true);
  pa.view.setBigUint64(8, insns.address, true);
  pa.view.setBigUint64(16, license.address, true);
  pa.view.setUint32(24, 1, true);
  pa.view.setUint32(28, 65536, true);
  pa.view.setBigUint64(32, log.address, true);
  let progFd: number;
  try {
    progFd = sys.bpf(BPF_PROG_LOAD, pa, 'bpf(BPF_PROG_LOAD)');
  } catch (e) {
    const text = new TextDecoder().decode(log.bytes.subarray(0, log.bytes.indexOf(0)));
    sys.close(mapFd);
    throw new Error(`${(e as Error).message}\n${text}`);
  } finally {
    for (const b of [insns, license, log, pa]) b.free();
  }

  const packet = sys.alloc(Math.max(MIN_PACKET, 4096));
  const ctx = sys.alloc(SKB_CTX_BYTES);
  const run = sys.alloc(80);
  return {
    mapFd,
    mapId,
    emit(cpu, payload) {
      pin.set(cpu);
      try {
        packet.bytes.fill(0);
        packet.bytes.set(payload);
        ctx.view.setUint32(SKB_MARK, payload.length, true);
        run.bytes.fill(0);
        run.view.setUint32(0, progFd, true);
        run.view.setUint32(8, Math.max(MIN_PACKET, payload.length), true);
        run.view.setBigUint64(16, packet.address, true);
        run.view.setUint32(32, 1, true);
        run.view.setUint32(40, SKB_CTX_BYTES, true);
        run.view.setBigUint64(48, ctx.address, true);
        sys.bpf(BPF_PROG_TEST_RUN, run, 'bpf(BPF_PROG_TEST_RUN)');
        return run.view.getInt32(4, true);
      } finally {
        pin.restore();
      }
    },
    pin(path) {
      const name = sys.alloc(path.length + 1);
      name.bytes.set(new TextEncoder().encode(path));
      const p = sys.alloc(16);
      p.view.setBigUint64(0, name.address, true);
      p.view.setUint32(8, mapFd, true);
      try {
        sys.bpf(BPF_OBJ_PIN, p, `bpf(BPF_OBJ_PIN, ${path})`);
      } finally {
        name.free();
        p.free();
      }
    },
    close() {
      sys.close(progFd);
      sys.close(mapFd);
      for (const b of [packet, ctx, run]) b.free();
    },
  };
}
