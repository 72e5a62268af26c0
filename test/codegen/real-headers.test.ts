/**
 * The codegen on the real pinned inputs (obtained with `npm run headers`; skipped with a
 * printed reason where they are absent, as in CI without network). Expectations are facts
 * from the wire-format notes (../shared/spec/wire-format.md §2, §3), written out here
 * independently of the code under test.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleName, renderReleaseModule } from '../../codegen/emit.js';
import { generateTables } from '../../codegen/generate.js';
import { hasAllPlainFiles, readInputs } from '../../codegen/inputs.js';
import { loadPins, repoRoot } from '../../codegen/pins.js';
import type { ReleaseTables, StructLayout } from '../../src/table-types.js';
import { getTables } from '../../src/tables.js';

const pins = loadPins();
const RELEASES = ['1.16', '1.17.0', '1.17', '1.18', '1.19', '1.20'] as const;
type R = (typeof RELEASES)[number];
/** v1.19 layouts and later (the provisional 1.20 pin keeps them). */
const from119 = (r: R): boolean => r === '1.19' || r === '1.20';
const from118 = (r: R): boolean => r === '1.18' || from119(r);

const available = RELEASES.filter((r) => {
  const ok = hasAllPlainFiles(pins.releases.find((p) => p.release === r)!, join(repoRoot, 'bpf-headers', r));
  if (!ok) console.warn(`skipping real-header codegen tests of ${r}: bpf-headers/${r}/ is absent (run npm run headers -- --from <cilium git dir>)`);
  return ok;
});

const generated = new Map<string, ReleaseTables>();
function tablesOf(r: R): ReleaseTables {
  let t = generated.get(r);
  if (t === undefined) {
    const pin = pins.releases.find((p) => p.release === r)!;
    t = generateTables(pin, readInputs(pin, join(repoRoot, 'bpf-headers', r)).files);
    generated.set(r, t);
  }
  return t;
}

const field = (s: StructLayout | undefined, name: string) => {
  const f = s?.fields.find((x) => x.name === name);
  if (f === undefined) throw new Error(`no field ${name}`);
  return f;
};
const at = (s: StructLayout | undefined, name: string) => {
  const f = field(s, name);
  return f.bitWidth === undefined ? [f.offset, f.size] : [f.offset, f.size, f.bitOffset, f.bitWidth];
};

// wire-format.md §2: header sizes per pinned release.
const sizes: Record<R, Record<string, number | undefined>> = {
  '1.16': { drop_notify: 36, trace_notify: 48, policy_verdict_notify: 32, trace_sock_notify: 38, capture_msg: 24 },
  '1.17.0': { drop_notify: 36, trace_notify: 48, policy_verdict_notify: 32, trace_sock_notify: 38, capture_msg: 24 },
  '1.17': { drop_notify: 40, trace_notify: 48, policy_verdict_notify: 32, trace_sock_notify: 38, capture_msg: 24 },
  '1.18': { drop_notify: 40, trace_notify: 48, policy_verdict_notify: 32, trace_sock_notify: 38, capture_msg: 24 },
  '1.19': { drop_notify: 48, trace_notify: 56, policy_verdict_notify: 40, trace_sock_notify: 40, capture_msg: undefined },
  '1.20': { drop_notify: 48, trace_notify: 56, policy_verdict_notify: 40, trace_sock_notify: 40, capture_msg: undefined },
};

// wire-format.md §3.12, transcribed column by column (v1.17.0 equals v1.17.14).
const base = { 1: 'bpf_host.c', 2: 'bpf_lxc.c', 3: 'bpf_overlay.c', 4: 'bpf_xdp.c', 5: 'bpf_sock.c', 6: 'bpf_network.c', 7: 'bpf_wireguard.c' };
const upTo118 = ['arp.h', 'drop.h', 'srv6.h', 'icmp6.h', 'nodeport.h', 'lb.h', 'mcast.h', 'ipv4.h', 'conntrack.h'];
const headerIds = (names: string[]) => Object.fromEntries(names.map((n, i) => [101 + i, n]));
const fileIds: Record<R, Record<number, string>> = {
  '1.16': { ...base, ...headerIds([...upTo118, 'l3.h', 'trace.h', 'encap.h', 'encrypt.h']) },
  '1.17.0': { ...base, ...headerIds([...upTo118, 'l3.h', 'trace.h', 'encap.h', 'encrypt.h', 'host_firewall.h', 'nodeport_egress.h']) },
  '1.17': { ...base, ...headerIds([...upTo118, 'l3.h', 'trace.h', 'encap.h', 'encrypt.h', 'host_firewall.h', 'nodeport_egress.h']) },
  '1.18': {
    ...base,
    ...headerIds([...upTo118, 'local_delivery.h', 'trace.h', 'encap.h', 'encrypt.h', 'host_firewall.h', 'nodeport_egress.h', 'ipv6.h', 'classifiers.h']),
  },
  '1.19': {
    ...base,
    ...headerIds(['drop.h', 'srv6.h', 'icmp6.h', 'nodeport.h', 'lb.h', 'mcast.h', 'ipv4.h', 'conntrack.h', 'local_delivery.h', 'trace.h', 'encap.h', 'host_firewall.h', 'nodeport_egress.h', 'ipv6.h', 'classifiers.h']),
  },
  // v1.20 branch point: id 6 (bpf_network.c) is commented out in source_info.h and files.go.
  '1.20': {
    ...Object.fromEntries(Object.entries(base).filter(([id]) => id !== '6')),
    ...headerIds(['drop.h', 'srv6.h', 'icmp6.h', 'nodeport.h', 'lb.h', 'mcast.h', 'ipv4.h', 'conntrack.h', 'local_delivery.h', 'trace.h', 'encap.h', 'host_firewall.h', 'nodeport_egress.h', 'ipv6.h', 'classifiers.h']),
  },
};

describe.skipIf(!available.includes('1.20'))('the v1.20 address unions', () => {
  it('lays out orig_ip4 and dst_ip.ip4 as union v4addr where 1.19 had __be32 plus three pads', () => {
    const t = tablesOf('1.20');
    const tn = t.structs['trace_notify'];
    expect([field(tn, 'orig_ip4').type, at(tn, 'orig_ip4'), at(tn, 'orig_ip4.be32'), at(tn, 'orig_ip6')]).toEqual(['union v4addr', [32, 4], [32, 4], [32, 16]]);
    expect(tn?.fields.some((f) => f.name.startsWith('orig_pad'))).toBe(false);
    expect(tn?.align).toBe(8);
    const sn = t.structs['trace_sock_notify'];
    expect([at(sn, 'dst_ip'), at(sn, 'dst_ip.ip4'), at(sn, 'dst_ip.ip4.be32'), at(sn, 'dst_ip.ip6')]).toEqual([[24, 16], [24, 4], [24, 4], [24, 16]]);
    expect(sn?.fields.some((f) => f.name === 'dst_ip.pad1')).toBe(false);
  });
});

describe.each(available)('codegen on the pinned inputs of %s', (r) => {
  it('reproduces the committed module byte for byte', () => {
    const pin = pins.releases.find((p) => p.release === r)!;
    const committed = readFileSync(join(repoRoot, 'src/generated', `${moduleName(r)}.gen.ts`), 'utf8');
    expect(renderReleaseModule(pin, tablesOf(r))).toBe(committed);
  });

  it('lays out every monitor struct with the documented size', () => {
    const t = tablesOf(r);
    for (const [tag, size] of Object.entries(sizes[r])) expect(t.structs[tag]?.size, tag).toBe(size);
    expect(t.structs['debug_msg']?.size).toBe(20);
    expect(t.structs['debug_capture_msg']?.size).toBe(24);
  });

  it('puts the common and capture header fields where §1 says', () => {
    const d = tablesOf(r).structs['drop_notify'];
    expect([at(d, 'type'), at(d, 'subtype'), at(d, 'source'), at(d, 'hash')]).toEqual([[0, 1], [1, 1], [2, 2], [4, 4]]);
    expect([at(d, 'len_orig'), at(d, 'len_cap')]).toEqual([[8, 4], [12, 2]]);
    if (from119(r)) expect([at(d, 'version'), at(d, 'ext_version')]).toEqual([[14, 1], [15, 1]]);
    else expect(at(d, 'version')).toEqual([14, 2]);
  });

  it('lays out drop_notify as §2.1 says', () => {
    const d = tablesOf(r).structs['drop_notify'];
    expect([at(d, 'src_label'), at(d, 'dst_label'), at(d, 'dst_id'), at(d, 'line'), at(d, 'file'), at(d, 'ext_error'), at(d, 'ifindex')]).toEqual([
      [16, 4], [20, 4], [24, 4], [28, 2], [30, 1], [31, 1], [32, 4],
    ]);
    expect(field(d, 'ext_error').type).toBe('__s8');
    if (r === '1.17') expect([at(d, 'ipv6'), at(d, 'l3_dev'), at(d, 'pad2')]).toEqual([[36, 1, 0, 1], [36, 1, 1, 1], [37, 3]]);
    if (from118(r)) expect(at(d, 'flags')).toEqual([36, 1]);
    if (from119(r)) expect(at(d, 'ip_trace_id')).toEqual([40, 8]);
  });

  it('lays out trace_notify as §2.4 says', () => {
    const t = tablesOf(r).structs['trace_notify'];
    expect([at(t, 'src_label'), at(t, 'dst_label'), at(t, 'dst_id'), at(t, 'reason'), at(t, 'ifindex')]).toEqual([
      [16, 4], [20, 4], [24, 2], [26, 1], [28, 4],
    ]);
    expect(at(t, 'orig_ip6')).toEqual([32, 16]);
    expect(field(t, 'orig_ip4').offset).toBe(32);
    if (!from118(r)) expect(at(t, 'ipv6')).toEqual([27, 1, 0, 1]);
    if (from119(r)) expect(at(t, 'ip_trace_id')).toEqual([48, 8]);
  });

  it('lays out the policy verdict bitfield byte as the Go masks 0x03/0x04/0x38/0x40/0x80 read it', () => {
    const p = tablesOf(r).structs['policy_verdict_notify'];
    expect([at(p, 'remote_label'), at(p, 'verdict'), at(p, 'dst_port'), at(p, 'proto'), at(p, 'auth_type')]).toEqual([
      [16, 4], [20, 4], [24, 2], [26, 1], [28, 1],
    ]);
    expect(field(p, 'verdict').type).toBe('__s32');
    expect([at(p, 'dir'), at(p, 'ipv6'), at(p, 'match_type'), at(p, 'audited')]).toEqual([
      [27, 1, 0, 2], [27, 1, 2, 1], [27, 1, 3, 3], [27, 1, 6, 1],
    ]);
    // Bit 7 became `l3` in v1.17.12 and v1.18.6 (header-pins.md).
    expect(at(p, ['1.16', '1.17.0'].includes(r) ? 'pad0' : 'l3')).toEqual([27, 1, 7, 1]);
    if (from119(r)) expect(at(p, 'cookie')).toEqual([32, 4]);
  });

  it('lays out trace_sock_notify and the other messages as §2.2, §2.3, §2.6, §2.7 say', () => {
    const t = tablesOf(r);
    const s = t.structs['trace_sock_notify'];
    if (from119(r)) {
      expect([at(s, 'xlate_point'), at(s, 'l4_proto'), at(s, 'ipv6'), at(s, 'dst_port'), at(s, 'sock_cookie'), at(s, 'cgroup_id'), at(s, 'dst_ip')]).toEqual([
        [1, 1], [2, 1], [3, 1, 0, 1], [4, 2], [8, 8], [16, 8], [24, 16],
      ]);
    } else {
      expect([at(s, 'xlate_point'), at(s, 'dst_ip'), at(s, 'dst_port'), at(s, 'sock_cookie'), at(s, 'cgroup_id'), at(s, 'l4_proto'), at(s, 'ipv6')]).toEqual([
        [1, 1], [2, 16], [18, 2], [20, 8], [28, 8], [36, 1], [37, 1, 0, 1],
      ]);
      const c = t.structs['capture_msg'];
      expect([at(c, 'hdr.to.tv_boot'), at(c, 'hdr.caplen'), at(c, 'hdr.len')]).toEqual([[8, 8], [16, 4], [20, 4]]);
    }
    const dbg = t.structs['debug_msg'];
    expect([at(dbg, 'arg1'), at(dbg, 'arg2'), at(dbg, 'arg3')]).toEqual([[8, 4], [12, 4], [16, 4]]);
    expect([at(t.structs['debug_capture_msg'], 'arg1'), at(t.structs['debug_capture_msg'], 'arg2')]).toEqual([[16, 4], [20, 4]]);
  });

  it('names the drop reasons as §3.10 lists them for this release', () => {
    const d = tablesOf(r).dropReasons;
    expect(d[133]).toBe('DROP_POLICY');
    expect(d[130]).toBe('DROP_UNUSED1');
    expect(d[181]).toBe('DROP_POLICY_DENY');
    expect(d[204]).toBe('DROP_NO_EGRESS_IP');
    expect(d[205]).toBe(from118(r) ? 'DROP_PUNT_PROXY' : undefined);
    expect(d[206]).toBeUndefined();
    expect(d[143]).toBe(['1.16', '1.17.0'].includes(r) ? 'DROP_UNKNOWN_ICMP_CODE' : 'DROP_UNKNOWN_ICMP4_CODE');
    expect(d[0]).toBe('REASON_FORWARDED');
    expect(d[159]).toBe('DROP_UNSUPP_SERVICE_PROTO');
    expect(Math.max(...Object.keys(d).map(Number))).toBe(from118(r) ? 205 : 204);
  });

  it('has the source file ids of §3.12', () => {
    expect(tablesOf(r).fileIds).toEqual(fileIds[r]);
  });

  it('has the enums of §3', () => {
    const e = tablesOf(r).enums;
    expect(e['CILIUM_NOTIFY']).toEqual({
      CILIUM_NOTIFY_UNSPEC: 0, CILIUM_NOTIFY_DROP: 1, CILIUM_NOTIFY_DBG_MSG: 2, CILIUM_NOTIFY_DBG_CAPTURE: 3,
      CILIUM_NOTIFY_TRACE: 4, CILIUM_NOTIFY_POLICY_VERDICT: 5, CILIUM_NOTIFY_CAPTURE: 6, CILIUM_NOTIFY_TRACE_SOCK: 7,
    });
    const points = e['trace_point']!;
    expect(points['TRACE_TO_LXC']).toBe(0);
    expect(points['TRACE_TO_NETWORK']).toBe(11);
    expect(points['TRACE_TO_CRYPTO']).toBe(['1.16', '1.17.0'].includes(r) ? undefined : 13);
    expect(points['TRACE_POINT_UNKNOWN']).toBe(from118(r) ? -1 : undefined);
    expect(e['trace_reason']!['TRACE_REASON_ENCRYPTED']).toBe(0x80);
    expect(e['trace_reason']![from119(r) ? 'TRACE_REASON_RESERVED_2' : 'TRACE_REASON_ENCRYPT_OVERLAY']).toBe(8);
    expect(e['ct_status']).toEqual({ CT_NEW: 0, CT_ESTABLISHED: 1, CT_REPLY: 2, CT_RELATED: 3 });
    expect(e['NOTIFY_VER']).toEqual(
      {
        '1.16': { NOTIFY_CAPTURE_VER: 1 },
        '1.17.0': { NOTIFY_CAPTURE_VER: 1 },
        '1.17': { NOTIFY_CAPTURE_VER: 1, NOTIFY_DROP_VER: 2 },
        '1.18': { NOTIFY_CAPTURE_VER: 1, NOTIFY_DROP_VER: 2 },
        '1.19': { NOTIFY_CAPTURE_VER: 1, NOTIFY_DROP_VER: 3, NOTIFY_TRACE_VER: 2 },
        '1.20': { NOTIFY_CAPTURE_VER: 1, NOTIFY_DROP_VER: 3, NOTIFY_TRACE_VER: 2 },
      }[r],
    );
    expect(e['CLS_FLAG']).toEqual(
      from118(r) ? { CLS_FLAG_IPV6: 1, CLS_FLAG_L3_DEV: 2, CLS_FLAG_VXLAN: 4, CLS_FLAG_GENEVE: 8 } : undefined,
    );
    expect(e['DBG']!['DBG_SKIP_POLICY']).toBe(66);
    expect(e['DBG']!['DBG_LB6_LOOPBACK_SNAT_REV']).toBe(from119(r) ? 68 : undefined);
    expect(e['DBG_CAPTURE']!['DBG_CAPTURE_SNAT_POST']).toBe(11);
    expect(e['POLICY_MATCH']!['POLICY_MATCH_PROTO_ONLY']).toBe(6);
    expect(e['POLICY']).toEqual({ POLICY_INGRESS: 1, POLICY_EGRESS: 2 });
    expect(e['CAPTURE']).toEqual(from119(r) ? undefined : { CAPTURE_INGRESS: 1, CAPTURE_EGRESS: 2 });
    expect(e['xlate_point']!['XLATE_POST_DIRECTION_REV']).toBe(4);
    expect(e['l4_protocol']).toEqual({ L4_PROTOCOL_UNKNOWN: 0, L4_PROTOCOL_TCP: 1, L4_PROTOCOL_UDP: 2 });
  });

  it('has the Go display strings of §3', () => {
    const x = tablesOf(r).texts;
    expect(x['dropReasons']!['133']).toBe('Policy denied');
    expect(x['dropReasons']!['0']).toBe('Success');
    expect(x['traceObservationPoints']!['5']).toBe('from-endpoint');
    expect(x['traceObservationPoints']!['12']).toBe(['1.16', '1.17.0'].includes(r) ? undefined : 'from-crypto');
    expect(x['traceReasons']!['1']).toBe('established');
    expect(x['traceSummaries']!['0']).toBe('-> endpoint %d');
    expect(x['traceSummaries']!['2']).toBe('-> host from');
    expect(x['messageTypes']!['5']).toBe('policy-verdict');
    expect(x['messageTypes']!['129']).toBe('l7');
    expect(x['agentNotifications']!['2']).toBe('Cilium agent started');
    // AgentNotifyServiceUpserted/Deleted were removed in v1.18 (§3.13).
    expect(x['agentNotifications']!['11']).toBe(from118(r) ? undefined : 'Service upserted');
    expect(x['policyMatchTypes']).toEqual({ 0: 'none', 1: 'L3-Only', 2: 'L3-L4', 3: 'L4-Only', 4: 'all', 5: 'L3-Proto', 6: 'Proto-Only' });
    expect(x['xlatePoints']).toEqual({ 1: 'pre-xlate-fwd', 2: 'post-xlate-fwd', 3: 'pre-xlate-rev', 4: 'post-xlate-rev' });
    expect(x['debugCaptures']!['4']).toBe('Delivery to ifindex %d');
    expect(x['ctStates']!['0']).toBe('New');
  });
});

describe.skipIf(!available.includes('1.19'))('codegen CLI --json', () => {
  it('prints the object getTables returns', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'codegen/cli.ts'), '--from', join(repoRoot, 'bpf-headers/1.19'), '--release', '1.19', '--json'],
      { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(getTables('1.19'))));
  });
});

describe.skipIf(!available.includes('1.17.0'))('codegen CLI --unpinned (what the release watch compares)', () => {
  it('generates the 1.17 tables from other inputs of the line and shows the layout change', () => {
    const args = ['--import', 'tsx', join(repoRoot, 'codegen/cli.ts'), '--from', join(repoRoot, 'bpf-headers/1.17.0'), '--release', '1.17', '--json'];
    const refused = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/refusing bpf\/lib\/\S+ for release 1\.17 \(v1\.17\.17\): sha256 [0-9a-f]{64} differs from the pinned [0-9a-f]{64}/);
    const run = spawnSync(process.execPath, [...args, '--unpinned'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 24 });
    expect(run.status, run.stderr).toBe(0);
    const other = JSON.parse(run.stdout) as ReleaseTables;
    expect(other.structs['drop_notify']!.size).toBe(36);
    expect(getTables('1.17').structs['drop_notify']!.size).toBe(40);
  });
});
