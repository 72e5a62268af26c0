/**
 * Layouts written out by hand from ../shared/spec/wire-format.md (§1–§3), independent of the
 * codegen pipeline. Tests use them to check the decoder logic against the spec's offsets and
 * to cross-check the generated tables.
 */
import type { FieldLayout, ReleaseTables, StructLayout } from '../../src/table-types.js';
import type { Release } from '../../src/decode/types.js';

type F = [name: string, offset: number, size: number, type: string, bits?: [bitOffset: number, bitWidth: number]];

function struct(size: number, align: number, fields: F[]): StructLayout {
  return {
    size,
    align,
    fields: fields.map(([name, offset, s, type, bits]): FieldLayout => {
      const f: FieldLayout = { name, offset, size: s, type };
      if (bits) {
        f.bitOffset = bits[0];
        f.bitWidth = bits[1];
      }
      return f;
    }),
  };
}

const common: F[] = [
  ['type', 0, 1, '__u8'],
  ['subtype', 1, 1, '__u8'],
  ['source', 2, 2, '__u16'],
  ['hash', 4, 4, '__u32'],
];
/** §1.2: one u16 version up to v1.18 … */
const captureOld: F[] = [...common, ['len_orig', 8, 4, '__u32'], ['len_cap', 12, 2, '__u16'], ['version', 14, 2, '__u16']];
/** … u8 version + u8 ext_version from v1.19. */
const captureNew: F[] = [
  ...common,
  ['len_orig', 8, 4, '__u32'],
  ['len_cap', 12, 2, '__u16'],
  ['version', 14, 1, '__u8'],
  ['ext_version', 15, 1, '__u8'],
];

const dropBase = (cap: F[]): F[] => [
  ...cap,
  ['src_label', 16, 4, '__u32'],
  ['dst_label', 20, 4, '__u32'],
  ['dst_id', 24, 4, '__u32'],
  ['line', 28, 2, '__u16'],
  ['file', 30, 1, '__u8'],
  ['ext_error', 31, 1, '__s8'],
  ['ifindex', 32, 4, '__u32'],
];
const drop36 = struct(36, 4, dropBase(captureOld));
const drop40bits = struct(40, 4, [
  ...dropBase(captureOld),
  ['ipv6', 36, 1, '__u8', [0, 1]],
  ['l3_dev', 36, 1, '__u8', [1, 1]],
  ['pad1', 36, 1, '__u8', [2, 6]],
  ['pad2', 37, 3, '__u8[3]'],
]);
const drop40 = struct(40, 4, [...dropBase(captureOld), ['flags', 36, 1, '__u8'], ['pad2', 37, 3, '__u8[3]']]);
const drop48 = struct(48, 8, [
  ...dropBase(captureNew),
  ['flags', 36, 1, '__u8'],
  ['pad2', 37, 3, '__u8[3]'],
  ['ip_trace_id', 40, 8, '__u64'],
]);

const traceBase = (cap: F[], flags: F[]): F[] => [
  ...cap,
  ['src_label', 16, 4, '__u32'],
  ['dst_label', 20, 4, '__u32'],
  ['dst_id', 24, 2, '__u16'],
  ['reason', 26, 1, '__u8'],
  ...flags,
  ['ifindex', 28, 4, '__u32'],
  ['orig_ip4', 32, 4, '__be32'],
  ['orig_pad1', 36, 4, '__u32'],
  ['orig_pad2', 40, 4, '__u32'],
  ['orig_pad3', 44, 4, '__u32'],
  ['orig_ip6', 32, 16, 'union v6addr'],
];
const trace48ipv6only = struct(48, 4, traceBase(captureOld, [['ipv6', 27, 1, '__u8', [0, 1]], ['pad', 27, 1, '__u8', [1, 7]]]));
const trace48bits = struct(
  48,
  4,
  traceBase(captureOld, [
    ['ipv6', 27, 1, '__u8', [0, 1]],
    ['l3_dev', 27, 1, '__u8', [1, 1]],
    ['pad', 27, 1, '__u8', [2, 6]],
  ]),
);
const trace48 = struct(48, 4, traceBase(captureOld, [['flags', 27, 1, '__u8']]));
const trace56 = struct(56, 8, [...traceBase(captureNew, [['flags', 27, 1, '__u8']]), ['ip_trace_id', 48, 8, '__u64']]);
/** v1.20 (branch point): orig_ip4 is a `union v4addr` (4 bytes) inside the address union, no pads. */
const trace56v4addr = struct(56, 8, [
  ...traceBase(captureNew, [['flags', 27, 1, '__u8']])
    .filter((f) => !f[0].startsWith('orig_pad'))
    .map((f): F => (f[0] === 'orig_ip4' ? ['orig_ip4', 32, 4, 'union v4addr'] : f)),
  ['ip_trace_id', 48, 8, '__u64'],
]);

const debugMsg = struct(20, 4, [...common, ['arg1', 8, 4, '__u32'], ['arg2', 12, 4, '__u32'], ['arg3', 16, 4, '__u32']]);
const debugCapture = (cap: F[]): StructLayout =>
  struct(24, 4, [...cap, ['arg1', 16, 4, '__u32'], ['arg2', 20, 4, '__u32']]);

const policyBase = (cap: F[], bit7: string): F[] => [
  ...cap,
  ['remote_label', 16, 4, '__u32'],
  ['verdict', 20, 4, '__s32'],
  ['dst_port', 24, 2, '__u16'],
  ['proto', 26, 1, '__u8'],
  ['dir', 27, 1, '__u8', [0, 2]],
  ['ipv6', 27, 1, '__u8', [2, 1]],
  ['match_type', 27, 1, '__u8', [3, 3]],
  ['audited', 27, 1, '__u8', [6, 1]],
  [bit7, 27, 1, '__u8', [7, 1]],
  ['auth_type', 28, 1, '__u8'],
];
const policy32 = (bit7: string): StructLayout =>
  struct(32, 4, [...policyBase(captureOld, bit7), ['pad1', 29, 1, '__u8'], ['pad2', 30, 2, '__u16']]);
const policy40 = struct(40, 4, [
  ...policyBase(captureNew, 'l3'),
  ['pad1', 29, 3, '__u8[3]'],
  ['cookie', 32, 4, '__u32'],
  ['pad2', 36, 4, '__u32'],
]);

const recorder = struct(24, 8, [
  ...common,
  ['hdr', 8, 16, 'struct pcap_pkthdr'],
  ['hdr.ts', 8, 8, 'struct pcap_timeval'],
  ['hdr.ts.tv_sec', 8, 4, '__u32'],
  ['hdr.ts.tv_usec', 12, 4, '__u32'],
  ['hdr.to', 8, 8, 'struct pcap_timeoff'],
  ['hdr.to.tv_boot', 8, 8, '__u64'],
  ['hdr.caplen', 16, 4, '__u32'],
  ['hdr.len', 20, 4, '__u32'],
]);

/** §2.7: packed 38 bytes up to v1.18 … */
const sock38 = struct(38, 1, [
  ['type', 0, 1, '__u8'],
  ['xlate_point', 1, 1, '__u8'],
  ['dst_ip', 2, 16, 'struct ip'],
  ['dst_port', 18, 2, '__u16'],
  ['sock_cookie', 20, 8, '__u64'],
  ['cgroup_id', 28, 8, '__u64'],
  ['l4_proto', 36, 1, '__u8'],
  ['ipv6', 37, 1, '__u8', [0, 1]],
  ['pad', 37, 1, '__u8', [1, 7]],
]);
/** … naturally aligned 40 bytes from v1.19. */
const sock40 = struct(40, 8, [
  ['type', 0, 1, '__u8'],
  ['xlate_point', 1, 1, '__u8'],
  ['l4_proto', 2, 1, '__u8'],
  ['ipv6', 3, 1, '__u8', [0, 1]],
  ['pad', 3, 1, '__u8', [1, 7]],
  ['dst_port', 4, 2, '__u16'],
  ['pad2', 6, 2, '__u16'],
  ['sock_cookie', 8, 8, '__u64'],
  ['cgroup_id', 16, 8, '__u64'],
  ['dst_ip', 24, 16, 'struct ip'],
]);

const seq = (names: string[], from = 0): Record<string, number> =>
  Object.fromEntries(names.map((n, i) => [n, from + i]));

/** §3.1 */
const notify = seq([
  'CILIUM_NOTIFY_UNSPEC',
  'CILIUM_NOTIFY_DROP',
  'CILIUM_NOTIFY_DBG_MSG',
  'CILIUM_NOTIFY_DBG_CAPTURE',
  'CILIUM_NOTIFY_TRACE',
  'CILIUM_NOTIFY_POLICY_VERDICT',
  'CILIUM_NOTIFY_CAPTURE',
  'CILIUM_NOTIFY_TRACE_SOCK',
]);
/** §3.3 */
const tracePoints = (wireguard: boolean): Record<string, number> =>
  seq([
    'TRACE_TO_LXC',
    'TRACE_TO_PROXY',
    'TRACE_TO_HOST',
    'TRACE_TO_STACK',
    'TRACE_TO_OVERLAY',
    'TRACE_FROM_LXC',
    'TRACE_FROM_PROXY',
    'TRACE_FROM_HOST',
    'TRACE_FROM_STACK',
    'TRACE_FROM_OVERLAY',
    'TRACE_FROM_NETWORK',
    'TRACE_TO_NETWORK',
    ...(wireguard ? ['TRACE_FROM_CRYPTO', 'TRACE_TO_CRYPTO'] : []),
  ]);
/** §3.4 */
const traceReasons: Record<string, number> = {
  TRACE_REASON_POLICY: 0,
  TRACE_REASON_CT_ESTABLISHED: 1,
  TRACE_REASON_CT_REPLY: 2,
  TRACE_REASON_CT_RELATED: 3,
  TRACE_REASON_RESERVED: 4,
  TRACE_REASON_UNKNOWN: 5,
  TRACE_REASON_SRV6_ENCAP: 6,
  TRACE_REASON_SRV6_DECAP: 7,
  TRACE_REASON_ENCRYPT_OVERLAY: 8,
  TRACE_REASON_ENCRYPTED: 0x80,
};
/** §3.5 */
const ctStatus = seq(['CT_NEW', 'CT_ESTABLISHED', 'CT_REPLY', 'CT_RELATED']);
/** §3.6 (subset used by the tests, numbering as listed) */
const dbg: Record<string, number> = {
  DBG_UNSPEC: 0,
  DBG_GENERIC: 1,
  DBG_CT_MATCH: 8,
  DBG_CT_VERDICT: 15,
  DBG_LB4_LOOKUP_FRONTEND: 30,
  DBG_L7_LB: 65,
};
/** §3.7 */
const dbgCapture = seq([
  'DBG_CAPTURE_UNSPEC',
  'DBG_CAPTURE_FROM_RESERVED1',
  'DBG_CAPTURE_FROM_RESERVED2',
  'DBG_CAPTURE_FROM_RESERVED3',
  'DBG_CAPTURE_DELIVERY',
  'DBG_CAPTURE_FROM_LB',
  'DBG_CAPTURE_AFTER_V46',
  'DBG_CAPTURE_AFTER_V64',
  'DBG_CAPTURE_PROXY_PRE',
  'DBG_CAPTURE_PROXY_POST',
  'DBG_CAPTURE_SNAT_PRE',
  'DBG_CAPTURE_SNAT_POST',
]);
/** §3.9 */
const policyMatch = seq([
  'POLICY_MATCH_NONE',
  'POLICY_MATCH_L3_ONLY',
  'POLICY_MATCH_L3_L4',
  'POLICY_MATCH_L4_ONLY',
  'POLICY_MATCH_ALL',
  'POLICY_MATCH_L3_PROTO',
  'POLICY_MATCH_PROTO_ONLY',
]);
/** §3.11 */
const clsFlags = { CLS_FLAG_IPV6: 1, CLS_FLAG_L3_DEV: 2, CLS_FLAG_VXLAN: 4, CLS_FLAG_GENEVE: 8 };
/** §3.8 */
const xlate = seq([
  'XLATE_UNKNOWN',
  'XLATE_PRE_DIRECTION_FWD',
  'XLATE_POST_DIRECTION_FWD',
  'XLATE_PRE_DIRECTION_REV',
  'XLATE_POST_DIRECTION_REV',
]);
const l4 = { L4_PROTOCOL_UNKNOWN: 0, L4_PROTOCOL_TCP: 1, L4_PROTOCOL_UDP: 2 };

/** §3.10 (codes used by the tests) */
const dropReasons: Record<number, string> = { 133: 'DROP_POLICY', 169: 'DROP_NO_FIB', 181: 'DROP_POLICY_DENY' };
/** §3.12, per release */
const filesOld: Record<number, string> = { 1: 'bpf_host.c', 2: 'bpf_lxc.c', 102: 'drop.h', 110: 'l3.h' };
const files118: Record<number, string> = { 1: 'bpf_host.c', 2: 'bpf_lxc.c', 102: 'drop.h', 110: 'local_delivery.h' };
const files119: Record<number, string> = { 1: 'bpf_host.c', 2: 'bpf_lxc.c', 101: 'drop.h', 110: 'trace.h' };

interface Shape {
  drop: StructLayout;
  trace: StructLayout;
  policy: StructLayout;
  sock: StructLayout;
  capture: F[];
  recorder: boolean;
  files: Record<number, string>;
  wireguard: boolean;
  cls: boolean;
}

const shapes: Record<Release, Shape> = {
  '1.16': { drop: drop36, trace: trace48ipv6only, policy: policy32('pad0'), sock: sock38, capture: captureOld, recorder: true, files: filesOld, wireguard: false, cls: false },
  '1.17.0': { drop: drop36, trace: trace48ipv6only, policy: policy32('pad0'), sock: sock38, capture: captureOld, recorder: true, files: filesOld, wireguard: false, cls: false },
  '1.17': { drop: drop40bits, trace: trace48bits, policy: policy32('l3'), sock: sock38, capture: captureOld, recorder: true, files: filesOld, wireguard: true, cls: false },
  '1.18': { drop: drop40, trace: trace48, policy: policy32('l3'), sock: sock38, capture: captureOld, recorder: true, files: files118, wireguard: true, cls: true },
  '1.19': { drop: drop48, trace: trace56, policy: policy40, sock: sock40, capture: captureNew, recorder: false, files: files119, wireguard: true, cls: true },
  '1.20': { drop: drop48, trace: trace56v4addr, policy: policy40, sock: sock40, capture: captureNew, recorder: false, files: files119, wireguard: true, cls: true },
};

export function specTables(release: Release): ReleaseTables {
  const s = shapes[release];
  const structs: Record<string, StructLayout> = {
    drop_notify: s.drop,
    trace_notify: s.trace,
    debug_msg: debugMsg,
    debug_capture_msg: debugCapture(s.capture),
    policy_verdict_notify: s.policy,
    trace_sock_notify: s.sock,
  };
  if (s.recorder) structs['capture_msg'] = recorder;
  const enums: Record<string, Record<string, number>> = {
    CILIUM_NOTIFY: notify,
    trace_point: tracePoints(s.wireguard),
    trace_reason: traceReasons,
    ct_status: ctStatus,
    DBG: dbg,
    DBG_CAPTURE: dbgCapture,
    POLICY: { POLICY_INGRESS: 1, POLICY_EGRESS: 2 },
    POLICY_MATCH: policyMatch,
    xlate_point: xlate,
    l4_protocol: l4,
  };
  if (s.recorder) enums['CAPTURE'] = { CAPTURE_INGRESS: 1, CAPTURE_EGRESS: 2 };
  if (s.cls) enums['CLS_FLAG'] = clsFlags;
  return {
    release,
    version: release,
    commit: '',
    structs,
    enums,
    dropReasons,
    fileIds: s.files,
    texts: {
      dropReasons: { DROP_POLICY: 'Policy denied', DROP_NO_FIB: 'FIB lookup failed' },
      agentNotifications: { '5': 'Policy updated' },
    },
  };
}
