import { describe, expect, it } from 'vitest';
import { Counters, formatCountersTable } from '../../src/stats/index.js';
import { decode, encodeDebug, encodeDrop, encodePolicy, encodeTrace } from '../filter/events.js';

// Codes and ids from the 1.18 headers: DROP_POLICY 133 ("Policy denied"), DROP_INVALID 134;
// file id 2 = bpf_lxc.c; TRACE_TO_STACK 3, TRACE_FROM_LXC 5; POLICY_MATCH_L3_L4 2.
describe('Counters', () => {
  it('counts drops by reason × direction × file:line with packets and bytes', () => {
    const c = new Counters();
    c.add(decode(encodeDrop({ reason: 133, dstId: 9, file: 2, line: 1400, origLen: 100 })));
    c.add(decode(encodeDrop({ reason: 133, dstId: 9, file: 2, line: 1400, origLen: 60 })));
    c.add(decode(encodeDrop({ reason: 133, dstId: 0, file: 2, line: 900, origLen: 70 })));
    c.add(decode(encodeDrop({ reason: 134, file: 250, line: 5, origLen: 1 })));
    const s = c.snapshot();
    expect(s.drops).toEqual([
      { reason: 133, reasonName: 'DROP_POLICY', reasonText: 'Policy denied', direction: 'ingress', file: 'bpf_lxc.c', line: 1400, packets: 2, bytes: 160 },
      { reason: 133, reasonName: 'DROP_POLICY', reasonText: 'Policy denied', direction: 'egress', file: 'bpf_lxc.c', line: 900, packets: 1, bytes: 70 },
      { reason: 134, reasonName: 'DROP_INVALID', reasonText: 'Invalid packet', direction: 'egress', file: 'unknown(250)', line: 5, packets: 1, bytes: 1 },
    ]);
    expect(s.events).toEqual({ drop: 4 });
    expect([s.packets, s.bytes]).toEqual([4, 231]);
  });

  it('counts traces by observation point, policy verdicts by match type and verdict, lost per CPU', () => {
    const c = new Counters();
    c.add(decode(encodeTrace({ point: 3, origLen: 10 })));
    c.add(decode(encodeTrace({ point: 3, origLen: 20 })));
    c.add(decode(encodeTrace({ point: 5, origLen: 5 })));
    c.add(decode(encodePolicy({ verdict: 0, remoteLabel: 2, ingress: true, matchType: 2 })));
    c.add(decode(encodePolicy({ verdict: -133, remoteLabel: 2, ingress: true, matchType: 0 })));
    c.add(decode(encodeDebug(1)));
    c.addLost(3, 17);
    c.addLost(1, 2);
    c.addLost(3, 1);
    c.addLost(undefined, 4);
    c.addError();
    c.addOther();
    c.addOther();
    const s = c.snapshot();
    expect(s.otherRecords).toBe(2);
    expect(s.traces).toEqual([
      { key: 'TRACE_TO_STACK', packets: 2, bytes: 30 },
      { key: 'TRACE_FROM_LXC', packets: 1, bytes: 5 },
    ]);
    expect(s.policyVerdicts.map((r) => r.key).sort()).toEqual(['POLICY_MATCH_L3_L4 FORWARDED', 'POLICY_MATCH_NONE DROPPED']);
    expect(s.lost).toEqual([
      { cpu: 1, samples: 2 },
      { cpu: 3, samples: 18 },
      { cpu: 'unknown', samples: 4 },
    ]);
    expect(s.lostTotal).toBe(24);
    expect(s.errors).toBe(1);
    expect(s.events).toEqual({ debug: 1, 'policy-verdict': 2, trace: 3 });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('renders aligned tables with the drop description', () => {
    const c = new Counters();
    c.add(decode(encodeDrop({ reason: 133, dstId: 9, file: 2, line: 1400, origLen: 100 })));
    c.addLost(0, 3);
    const lines = formatCountersTable(c.snapshot()).split('\n');
    expect(lines).toContain('Drops');
    expect(lines.find((l) => l.startsWith('Policy denied'))?.split(/\s{2,}/)).toEqual(['Policy denied', 'ingress', 'bpf_lxc.c', '1400', '1', '100']);
    expect(lines).toContain('packets 1, bytes 100, lost samples 3, other records 0, decode errors 0');
    expect(lines).not.toContain('Traces');
  });
});
