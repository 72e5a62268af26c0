/**
 * The system calls the perf source needs (bpf, perf_event_open, mmap, poll), made through the
 * optional FFI package `koffi`, which ships prebuilt binaries: no compiler at install time and
 * no native code of ours. Loaded on first use; where it cannot be, the source says why.
 */
import { constants } from 'node:os';
import { LiveError } from '../errors.js';

/** Memory outside the JS heap, for structs the kernel reads or writes through pointers. */
export interface NativeBuffer {
  /** The FFI package's pointer object, for call arguments. */
  readonly pointer: unknown;
  /** The address, for pointers inside structs (bpf_attr's `key`, `value`, `pathname`, ...). */
  readonly address: bigint;
  readonly bytes: Uint8Array;
  readonly view: DataView;
  free(): void;
}

/** A shared mapping of a perf event's ring. */
export interface Mapping {
  readonly bytes: Uint8Array;
  unmap(): void;
}

export interface Syscalls {
  readonly pageSize: number;
  alloc(byteLength: number): NativeBuffer;
  /** `bpf(cmd, attr, size)`; throws `syscall-failed` naming `what` on failure. */
  bpf(cmd: number, attr: NativeBuffer, what: string): number;
  perfEventOpen(attr: NativeBuffer, pid: number, cpu: number, groupFd: number, flags: number): number;
  mmap(fd: number, byteLength: number): Mapping;
  close(fd: number): void;
  /** `poll()` on a worker thread of the FFI package, so the event loop goes on meanwhile. */
  poll(fds: NativeBuffer, count: number, timeoutMs: number): Promise<number>;
}

/** Syscall numbers differ per architecture; these are the two Cilium nodes run on. */
const SYSCALL_NUMBERS: Record<string, { bpf: number; perfEventOpen: number }> = {
  x64: { bpf: 321, perfEventOpen: 298 },
  arm64: { bpf: 280, perfEventOpen: 241 },
};

const PROT_READ_WRITE = 0x3;
const MAP_SHARED = 0x1;
const MAP_FAILED = (1n << 64n) - 1n;

const errnoNames = new Map(Object.entries(constants.errno).map(([name, n]) => [n, name]));

/** `EPERM (operation not permitted)`-style text, with what to check for the usual ones. */
function describeErrno(errno: number): string {
  const name = errnoNames.get(errno) ?? `errno ${errno}`;
  if (errno === constants.errno.EPERM || errno === constants.errno.EACCES) return `${name}: needs root (or CAP_BPF and CAP_PERFMON)`;
  if (errno === constants.errno.ENOENT) return `${name}: no such object`;
  return name;
}

function syscallError(what: string, errno: number): LiveError {
  return new LiveError('syscall-failed', `${what} failed: ${describeErrno(errno)}`, { errno });
}

function unavailable(why: string, cause?: unknown): LiveError {
  return new LiveError('unavailable', `watchPerfArray is unavailable, because ${why}`, { cause });
}

/** The koffi module, typed only as far as this file uses it. */
interface Koffi {
  load(path: string): { func(signature: string): KoffiFunction };
  alloc(type: string, length: number): unknown;
  free(pointer: unknown): void;
  view(pointer: unknown, length: number): ArrayBuffer;
  address(pointer: unknown): bigint;
  errno(): number;
}
type KoffiFunction = ((...args: unknown[]) => unknown) & { async(...args: unknown[]): void };

let loading: Promise<Syscalls> | undefined;

/**
 * The system calls, or a `LiveError('unavailable')` saying why they cannot be had here (not
 * Linux, an architecture without known syscall numbers, koffi not installed or not loading).
 */
export function loadSyscalls(): Promise<Syscalls> {
  loading ??= bind();
  // A failure is not cached as final: installing koffi and trying again should work.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

async function bind(): Promise<Syscalls> {
  if (process.platform !== 'linux') throw unavailable(`perf rings are a Linux facility and this is ${process.platform}`);
  const numbers = SYSCALL_NUMBERS[process.arch];
  if (numbers === undefined) throw unavailable(`the syscall numbers of ${process.arch} are not known to this library`);
  let koffi: Koffi;
  try {
    const mod = (await import('koffi')) as unknown as { default?: Koffi } & Koffi;
    koffi = mod.default ?? mod;
  } catch (e) {
    throw unavailable('the optional package koffi (system calls from JS) is not installed: npm install koffi', e);
  }
  let lib: ReturnType<Koffi['load']>;
  try {
    lib = koffi.load('libc.so.6');
  } catch (e) {
    throw unavailable(`libc.so.6 cannot be loaded (${(e as Error).message})`, e);
  }
  const syscall = lib.func('long syscall(long number, ...)');
  const mmap = lib.func('void *mmap(void *addr, size_t length, int prot, int flags, int fd, long offset)');
  const munmap = lib.func('int munmap(void *addr, size_t length)');
  const close = lib.func('int close(int fd)');
  const poll = lib.func('int poll(void *fds, unsigned long nfds, int timeout)');
  const pageSize = lib.func('int getpagesize()')() as number;

  const checked = (ret: unknown, what: string): number => {
    const n = Number(ret);
    if (n < 0) throw syscallError(what, koffi.errno());
    return n;
  };
  return {
    pageSize,
    alloc(byteLength) {
      const pointer = koffi.alloc('uint8_t', byteLength);
      const buffer = koffi.view(pointer, byteLength);
      const bytes = new Uint8Array(buffer);
      bytes.fill(0);
      return { pointer, address: koffi.address(pointer), bytes, view: new DataView(buffer), free: () => koffi.free(pointer) };
    },
    bpf: (cmd, attr, what) => checked(syscall(numbers.bpf, 'int', cmd, 'void *', attr.pointer, 'uint', attr.bytes.byteLength), what),
    perfEventOpen: (attr, pid, cpu, groupFd, flags) =>
      checked(
        syscall(numbers.perfEventOpen, 'void *', attr.pointer, 'int', pid, 'int', cpu, 'int', groupFd, 'ulong', flags),
        `perf_event_open(PERF_COUNT_SW_BPF_OUTPUT, cpu ${cpu})`,
      ),
    mmap(fd, byteLength) {
      const pointer = mmap(null, byteLength, PROT_READ_WRITE, MAP_SHARED, fd, 0);
      if (pointer === null || koffi.address(pointer) === MAP_FAILED) throw syscallError(`mmap of the perf ring (${byteLength} bytes)`, koffi.errno());
      return { bytes: new Uint8Array(koffi.view(pointer, byteLength)), unmap: () => void munmap(pointer, byteLength) };
    },
    close: (fd) => void close(fd),
    poll: (fds, count, timeoutMs) =>
      new Promise((resolve, reject) => {
        poll.async(fds.pointer, count, timeoutMs, (err: unknown, n: number) => (err ? reject(err) : resolve(n)));
      }),
  };
}
