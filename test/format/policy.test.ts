/**
 * Policy verdicts, from `PolicyVerdictNotify.DumpInfo` (pkg/monitor/datapath_policy.go), printed
 * the same at every verbosity: `Policy verdict log: flow %#x local EP ID %d, remote ID %s, proto
 * %d, %s, action %s, auth: %s, match %s, %s\n`.
 */
import { describe, expect, it } from 'vitest';
import type { Release } from '../../src/decode/types.js';
import { formatEvent } from '../../src/format/index.js';
import { policy, policyFlags } from './records.js';
import { MAC_A, MAC_B, eth, ipv4, tcp, udp, TCP_SYN } from './packets.js';

const ALL: readonly Release[] = ['1.16', '1.17.0', '1.17', '1.18', '1.19'];

describe('policy verdict line', () => {
  it.each(ALL)('ingress deny, match none (%s)', (r) => {
    const pkt = eth(MAC_A, MAC_B, 0x0800, ipv4([172, 26, 50, 201], [10, 0, 1, 185], 6, tcp(60556, 8082, TCP_SYN)));
    const ev = policy(r, { source: 211, hash: 0x48357586, remoteLabel: 2, verdict: -133, proto: 6, flags: policyFlags({ dir: 1 }), packet: pkt });
    const line =
      'Policy verdict log: flow 0x48357586 local EP ID 211, remote ID world, proto 6, ingress, action deny, auth: disabled, match none, 172.26.50.201:60556 -> 10.0.1.185:8082 tcp SYN\n';
    for (const mode of ['summary', 'verbose', 'dissect', 'hex', 'json'] as const) expect(formatEvent(ev, { mode })).toBe(line);
  });

  it('allow egress L3-L4 with -n', () => {
    const pkt = eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 1, 184], [10, 0, 2, 7], 17, udp(41234, 53)));
    const ev = policy('1.19', { source: 1562, remoteLabel: 15435, proto: 17, flags: policyFlags({ dir: 2, match: 2 }), packet: pkt });
    expect(formatEvent(ev, { numeric: true })).toBe(
      'Policy verdict log: flow 0x0 local EP ID 1562, remote ID 15435, proto 17, egress, action allow, auth: disabled, match L3-L4, 10.0.1.184:41234 -> 10.0.2.7:53 udp\n',
    );
  });

  it('actions: audit wins, redirect for proxy ports; auth and match names', () => {
    const line = (s: Parameters<typeof policy>[1]) => formatEvent(policy('1.18', s));
    expect(line({ verdict: -133, flags: policyFlags({ dir: 1, audited: true }) })).toContain(', action audit, ');
    expect(line({ verdict: 15001, flags: policyFlags({ dir: 2, match: 3 }), authType: 1 })).toContain(
      ', egress, action redirect, auth: spire, match L4-Only, [unknown]',
    );
    expect(line({ flags: policyFlags({ dir: 2, match: 4 }), authType: 2 })).toContain('auth: test-always-fail, match all,');
    expect(line({ flags: policyFlags({ dir: 2, match: 5 }), authType: 9 })).toContain('auth: Unknown-auth-type-9, match L3-Proto,');
    expect(line({ flags: policyFlags({ dir: 2, match: 6 }) })).toContain('match Proto-Only,');
    expect(line({ flags: policyFlags({ dir: 2, match: 7 }) })).toContain('match unknown,');
    expect(line({ flags: policyFlags({ dir: 1, match: 1 }) })).toContain(', ingress, action allow, auth: disabled, match L3-Only,');
  });

  it('L3 bit selects IP decoding from 1.17 on', () => {
    const ipOnly = ipv4([10, 0, 0, 1], [10, 0, 0, 2], 6, tcp(1, 2, TCP_SYN));
    const flags = policyFlags({ dir: 2, l3: true });
    expect(formatEvent(policy('1.19', { flags, packet: ipOnly }))).toContain(', 10.0.0.1:1 -> 10.0.0.2:2 tcp SYN\n');
    expect(formatEvent(policy('1.16', { flags, packet: ipOnly }))).toMatch(/, ([0-9a-f]{2}:){5}[0-9a-f]{2} -> ([0-9a-f]{2}:){5}[0-9a-f]{2} \S+\n$/);
  });
});
