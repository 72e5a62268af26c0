/**
 * The perf event array side of the perf source: open the map (pinned path or id), check what
 * it is, install and remove per-CPU perf event fds. `bpf_attr` layouts from
 * include/uapi/linux/bpf.h.
 */
import { LiveError } from '../errors.js';
import type { Syscalls } from './syscalls.js';

const BPF_MAP_UPDATE_ELEM = 2;
const BPF_MAP_DELETE_ELEM = 3;
const BPF_OBJ_GET = 7;
const BPF_MAP_GET_FD_BY_ID = 14;
const BPF_OBJ_GET_INFO_BY_FD = 15;
const BPF_MAP_TYPE_PERF_EVENT_ARRAY = 4;
/** The bpf_attr sizes used here: the largest command struct touched, zero-padded. */
const ATTR_BYTES = 32;
/** `struct bpf_map_info` up to and including `name[16]`. */
const MAP_INFO_BYTES = 40;

export interface MapInfo {
  type: number;
  id: number;
  maxEntries: number;
  name: string;
}

/** Opens a pinned map (`/sys/fs/bpf/...`) or a map id; returns its fd. */
export function openMap(sys: Syscalls, map: string | number): number {
  const attr = sys.alloc(ATTR_BYTES);
  try {
    if (typeof map === 'number') {
      attr.view.setUint32(0, map, true);
      return sys.bpf(BPF_MAP_GET_FD_BY_ID, attr, `bpf(BPF_MAP_GET_FD_BY_ID, ${map})`);
    }
    const path = new TextEncoder().encode(map);
    const name = sys.alloc(path.byteLength + 1);
    try {
      name.bytes.set(path);
      attr.view.setBigUint64(0, name.address, true);
      return sys.bpf(BPF_OBJ_GET, attr, `bpf(BPF_OBJ_GET, ${map})`);
    } finally {
      name.free();
    }
  } finally {
    attr.free();
  }
}

export function mapInfo(sys: Syscalls, fd: number): MapInfo {
  const attr = sys.alloc(ATTR_BYTES);
  const info = sys.alloc(MAP_INFO_BYTES);
  try {
    attr.view.setUint32(0, fd, true);
    attr.view.setUint32(4, MAP_INFO_BYTES, true);
    attr.view.setBigUint64(8, info.address, true);
    sys.bpf(BPF_OBJ_GET_INFO_BY_FD, attr, 'bpf(BPF_OBJ_GET_INFO_BY_FD)');
    const name = info.bytes.subarray(24, 40);
    const end = name.indexOf(0);
    return {
      type: info.view.getUint32(0, true),
      id: info.view.getUint32(4, true),
      maxEntries: info.view.getUint32(16, true),
      name: new TextDecoder().decode(end < 0 ? name : name.subarray(0, end)),
    };
  } finally {
    info.free();
    attr.free();
  }
}

/** Refuses maps that are not perf event arrays. */
export function checkPerfArray(info: MapInfo, label: string): void {
  if (info.type !== BPF_MAP_TYPE_PERF_EVENT_ARRAY) {
    throw new LiveError('bad-map', `${label} (map ${info.id} "${info.name}") is a map of type ${info.type}, not a perf event array`);
  }
}

/** `map[key] = value` for u32 keys and values (a perf event array's CPU → perf event fd), or delete it. */
function element(sys: Syscalls, fd: number, key: number, value: number | undefined): void {
  const attr = sys.alloc(ATTR_BYTES);
  const kv = sys.alloc(8);
  try {
    kv.view.setUint32(0, key, true);
    attr.view.setUint32(0, fd, true);
    attr.view.setBigUint64(8, kv.address, true);
    if (value === undefined) {
      sys.bpf(BPF_MAP_DELETE_ELEM, attr, `bpf(BPF_MAP_DELETE_ELEM, cpu ${key})`);
      return;
    }
    kv.view.setUint32(4, value, true);
    attr.view.setBigUint64(16, kv.address + 4n, true);
    sys.bpf(BPF_MAP_UPDATE_ELEM, attr, `bpf(BPF_MAP_UPDATE_ELEM, cpu ${key})`);
  } finally {
    kv.free();
    attr.free();
  }
}

export function installFd(sys: Syscalls, mapFd: number, cpu: number, perfFd: number): void {
  element(sys, mapFd, cpu, perfFd);
}

export function removeFd(sys: Syscalls, mapFd: number, cpu: number): void {
  element(sys, mapFd, cpu, undefined);
}
