/**
 * Cilium's pkg/hubble/parser Go test vectors (threefour/parser_test.go, sock/parser_test.go,
 * parser_test.go) at every pinned release, as bytes and expected flows.
 *
 * Go's tests build a record with `testutils.CreateL3L4Payload`: the Go struct of the release
 * (binary.Write, little-endian) — for traces always the version's length (1.16 and 1.17.0 tests
 * pass the TraceNotifyV0/V1 structs, later helpers cut the whole struct), for drops cut from 1.17 —
 * then gopacket-serialised layers. `goRecord` builds the same bytes; the layer bytes below
 * are what gopacket serialises for the tests' layers (FixLengths where the helper sets it — an
 * IPv4 layer without a Version serialises as version 0). What Go gets from its getters is given
 * to `toFlow` where an option models it: `endpoints` (the endpoint cache by IP), `identityLabels`
 * (the identity cache), `interfaceName` (the link cache). DNS names, services, ipcache pod
 * metadata, workloads, policy correlation, cgroups and custom decoders have no equivalent here;
 * docs/go-differential.md lists those cases or assertions as not applicable.
 */
import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../../src/decode/decode-event.js';
import type { Release } from '../../src/decode/types.js';
import { toFlow, type FlowOptions } from '../../src/format/flow/to-flow.js';
import { renderer } from '../../src/cli/render.js';
import { bytesOf, concat, decodeErrorOf, newer, RELEASES, type Field } from './bytes.js';

const hex = (s: string): Uint8Array => Uint8Array.from((s.replace(/\s+/g, '').match(/../g) ?? []).map((x) => parseInt(x, 16)));

/** gopacket's serialisation of the layers the Go tests use. */
const LAYERS = {
  /** Ethernet 01:02:03:04:05:06 → 01:02:03:04:05:06 / IPv4 1.2.3.4 → 1.2.3.4 UDP 23939 → 32412 (no FixLengths). */
  udpL2: hex('010203040506010203040506080045000031cecb00004011000001020304010203045d837e9c00000000000000000000000000000000000000000000'),
  udpL3: hex('45000031cecb00004011000001020304010203045d837e9c00000000'),
  /** Ethernet 01:…:06 → 01:…:06 with EtherType 0 / IPv4 (version and IHL 0) 1.2.3.4 → 1.2.3.4 (no FixLengths). */
  ethNoTypeIPv4: hex('010203040506010203040506000000000000000000000000000001020304010203040000000000000000000000000000000000000000000000000000'),
  /** Ethernet 01:02:03:04:05:06 → 04:05:06:07:08:09 / IPv4 (version 0) 1.2.3.4 → 1.2.3.4 (no FixLengths). */
  dropIPv4: hex('040506070809010203040506080005000000000000000000000001020304010203040000000000000000000000000000000000000000000000000000'),
  /** Ethernet 01:…:06 → 01:…:06 / IPv4 1.2.3.4 → 5.6.7.8 TCP / TCP → 443. */
  policyTCP: hex('01020304050601020304050608000500002800000000000600000102030405060708000001bb00000000000000005000000000000000000000000000'),
  /** Ethernet 01:02:03:04:05:06 → 07:08:09:00:01:02 / IPv4 (no protocol), per address pair. */
  l2: {
    egress: hex('070809000102010203040506080005000014000000000000000001020304050607080000000000000000000000000000000000000000000000000000'),
    ingress: hex('070809000102010203040506080005000014000000000000000005060708010203040000000000000000000000000000000000000000000000000000'),
    xlated: hex('07080900010201020304050608000500001400000000000000000a0b0c0d050607080000000000000000000000000000000000000000000000000000'),
  },
  l3: {
    egress: hex('0500001400000000000000000102030405060708'),
    ingress: hex('0500001400000000000000000506070801020304'),
    xlated: hex('0500001400000000000000000a0b0c0d05060708'),
  },
  /** Ethernet 01:…:06 → 01:…:06 / IPv4 10.0.0.2 → 10.0.0.3 (protocol 0) / TCP. */
  ipNoProtoTCP: hex('01020304050601020304050608000500002800000000000000000a0000020a0000030000000000000000000000005000000000000000000000000000'),
  /** The same with protocol TCP. */
  ipTCP: hex('01020304050601020304050608000500002800000000000600000a0000020a0000030000000000000000000000005000000000000000000000000000'),
  icmp4: hex('01020304050601020304050608000500001c00000000000100000a0000020a0000030102000000000000000000000000000000000000000000000000'),
  icmp6: hex('02030405060701020304050686dd6000000000043a000000000000000000000000000000000000000000000000000000000000000000030400000000'),
} as const;

type Msg =
  | { kind: 'trace'; version?: number; obsPoint?: number; source?: number; srcLabel?: number; dstLabel?: number; dstId?: number; reason?: number; flags?: number; origIp?: number[]; ipTraceId?: bigint }
  | { kind: 'drop'; subtype?: number; source?: number; version?: number; srcLabel?: number; dstLabel?: number; file?: number; line?: number; flags?: number; ipTraceId?: bigint }
  | { kind: 'policy'; source?: number; flags?: number; remoteLabel?: number; verdict?: number }
  | { kind: 'capture'; subtype?: number; arg1?: number };

const TRACE_LEN = [32, 48, 56];
const DROP_LEN = [36, 36, 40, 48];

/** What CreateL3L4Payload writes for `msg` in `release`, then `packet`. */
function goRecord(release: Release, msg: Msg, packet: Uint8Array = new Uint8Array(0)): Uint8Array {
  // Traces: 1.16 and 1.17.0 tests write the version's own Go struct (TraceNotifyV0/V1), later
  // ones the whole struct cut to the version's length — the same bytes. Drops are cut from 1.17.
  const cut = release !== '1.16' && release !== '1.17.0';
  let head: Uint8Array;
  switch (msg.kind) {
    case 'trace': {
      const v = msg.version ?? 0;
      const size = newer(release) ? 56 : 48;
      const f: Field[] = [[0, 1, 4], [1, 1, msg.obsPoint ?? 0], [2, 2, msg.source ?? 0], [14, 1, v], [16, 4, msg.srcLabel ?? 0], [20, 4, msg.dstLabel ?? 0], [24, 2, msg.dstId ?? 0], [26, 1, msg.reason ?? 0], [27, 1, msg.flags ?? 0]];
      if (newer(release)) f.push([48, 8, msg.ipTraceId ?? 0n]);
      head = bytesOf(size, f);
      head.set(msg.origIp ?? [], 32);
      head = head.subarray(0, TRACE_LEN[v]);
      break;
    }
    case 'drop': {
      const v = msg.version ?? 0;
      const size = newer(release) ? 48 : release === '1.17' || release === '1.18' ? 40 : 36;
      const f: Field[] = [[0, 1, 1], [1, 1, msg.subtype ?? 0], [2, 2, msg.source ?? 0], [14, 1, v], [16, 4, msg.srcLabel ?? 0], [20, 4, msg.dstLabel ?? 0], [28, 2, msg.line ?? 0], [30, 1, msg.file ?? 0]];
      if (size >= 40) f.push([36, 1, msg.flags ?? 0]);
      if (size >= 48) f.push([40, 8, msg.ipTraceId ?? 0n]);
      head = bytesOf(size, f);
      if (cut) head = head.subarray(0, DROP_LEN[v]);
      break;
    }
    case 'policy':
      head = bytesOf(newer(release) ? 40 : 32, [[0, 1, 5], [2, 2, msg.source ?? 0], [16, 4, msg.remoteLabel ?? 0], [20, 4, (msg.verdict ?? 0) >>> 0], [27, 1, msg.flags ?? 0]]);
      break;
    case 'capture':
      head = bytesOf(24, [[0, 1, 3], [1, 1, msg.subtype ?? 0], [16, 4, msg.arg1 ?? 0]]);
      break;
  }
  return concat(head, packet);
}

/** The flow as JSON data (what `hubble observe -o json` holds), without `reply` where Go ignores it. */
function flowOf(release: Release, bytes: Uint8Array, options: FlowOptions = {}): Record<string, unknown> {
  return JSON.parse(JSON.stringify(toFlow(decodeEvent(bytes, { release }), options))) as Record<string, unknown>;
}

const LOCAL_EP: FlowOptions = { endpoints: [{ id: 1234, ips: ['1.2.3.4'] }] };

type Json = Record<string, unknown>;
const get = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Json | undefined)?.[k], o);

// ------------------------------------------------------------------------------ parser.go dispatch

describe('pkg/hubble/parser parser_test.go', () => {
  for (const release of RELEASES) {
    it(`${release} Test_InvalidPayloads: no data; message type 100`, () => {
      expect(decodeErrorOf(() => decodeEvent(new Uint8Array(0), { release })).code).toBe('short-buffer');
      const ev = decodeEvent(Uint8Array.of(100), { release });
      expect(ev.type === 'unknown' && ev.messageType).toBe(100);
      expect(() => toFlow(ev)).toThrow(/message type 100/);
    });

    it(`${release} Test_ParserDispatch: a trace record is an L3_L4 flow`, () => {
      expect(flowOf(release, goRecord(release, { kind: 'trace' })).Type).toBe('L3_L4');
    });

    it(`${release} Test_EventType_RecordLost: the lost-events record`, () => {
      const r = renderer('flow', { numeric: false, names: undefined, interfaceName: undefined, nodeName: undefined }, () => {});
      expect(JSON.parse(r.lost({ kind: 'lost', cpu: 3, count: 1001 } as never) as string)).toEqual({
        lost_events: { source: 'PERF_EVENT_RING_BUFFER', num_events_lost: '1001', cpu: 3 },
      });
    });
  }
});

// ------------------------------------------------------------------------------ sock

describe('pkg/hubble/parser/sock parser_test.go', () => {
  /** Go's TraceSockNotify for the release: type 7, pre-forward translation, UDP, 10.10.10.10:8080, cookie 0xc0ffee. */
  const minimal = (release: Release): Uint8Array => {
    const b = newer(release)
      ? bytesOf(40, [[0, 1, 7], [1, 1, 1], [2, 1, 2], [4, 2, 8080], [8, 8, 0xc0ffee]])
      : bytesOf(38, [[0, 1, 7], [1, 1, 1], [18, 2, 8080], [20, 8, 0xc0ffee], [36, 1, 2]]);
    b.set([10, 10, 10, 10], newer(release) ? 24 : 2);
    return b;
  };

  for (const release of RELEASES) {
    it(`${release} TestDecodeSockEvent "empty buffer", "invalid buffer", "empty event"`, () => {
      expect(decodeErrorOf(() => decodeEvent(new Uint8Array(0), { release })).code).toBe('short-buffer');
      expect(decodeErrorOf(() => decodeEvent(Uint8Array.of(7), { release })).code).toBe('short-buffer');
      const empty = decodeEvent(new Uint8Array(newer(release) ? 40 : 38), { release });
      expect(() => toFlow(empty)).toThrow(/message type 0/);
    });

    it(`${release} TestDecodeSockEvent "minimal"`, () => {
      expect(flowOf(release, minimal(release))).toEqual({
        Type: 'SOCK',
        verdict: 'TRACED',
        IP: { destination: '10.10.10.10', ipVersion: 'IPv4' },
        l4: { UDP: { destination_port: 8080 } },
        source: {},
        destination: {},
        event_type: { type: 7, sub_type: 1 },
        sock_xlate_point: 'SOCK_XLATE_POINT_PRE_DIRECTION_FWD',
        socket_cookie: String(0xc0ffee),
        Summary: 'UDP',
      });
    });
  }
});

// ------------------------------------------------------------------------------ threefour

/** The record of TestL34Decode: trace v0 from the host, source identity 1, established + encrypted. */
const L34_TRACE = concat(
  bytesOf(32, [[0, 1, 4], [1, 1, 7], [4, 4, 0x391a7c07], [8, 4, 66], [12, 4, 66], [16, 4, 1], [26, 1, 0x81]]),
  Uint8Array.from([
    246, 141, 178, 45, 33, 217, 246, 141, 178, 45, 33, 217, 8, 0, 69, 0, 0, 52, 234, 28, 64, 0, 64, 6, 120, 49, 192, 168, 60, 11, 10, 16, 236,
    178, 25, 43, 211, 206, 42, 239, 210, 28, 180, 152, 129, 103, 128, 16, 1, 152, 216, 156, 0, 0, 1, 1, 8, 10, 0, 90, 176, 98, 0, 90, 176, 97, 0,
    0,
  ]),
);

/** The second record of TestL34Decode: trace v0 from an endpoint, an ICMPv6 neighbour solicitation. */
const L34_ICMPV6 = concat(
  bytesOf(32, [[0, 1, 4], [1, 1, 5], [2, 2, 0x0ba8], [4, 4, 0xb8f2165f], [8, 4, 86], [12, 4, 86], [16, 4, 104]]),
  Uint8Array.from([
    51, 51, 255, 0, 179, 229, 18, 145, 6, 226, 34, 26, 134, 221, 96, 0, 0, 0, 0, 32, 58, 255, 255, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 255, 0,
    179, 229, 240, 13, 0, 0, 0, 0, 0, 0, 10, 16, 0, 0, 0, 0, 145, 149, 135, 0, 80, 117, 0, 0, 0, 0, 240, 13, 0, 0, 0, 0, 0, 0, 10, 16, 0, 0,
    0, 0, 179, 229, 1, 1, 18, 145, 6, 226, 34, 26, 0, 0, 0, 0, 0, 0,
  ]),
);

/** The overlay records: trace v0 established with the VXLAN (4) or Geneve (8) flag, a tunnelled TCP SYN. */
function overlay(flag: number, geneve: boolean): Uint8Array {
  const header = bytesOf(32, [[0, 1, 4], [1, 1, 7], [4, 4, 0x391a7c07], [8, 4, 66], [12, 4, 66], [26, 1, 1], [27, 1, flag]]);
  const outer = [
    0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x8, 0x0, 0x45, 0x0, 0x0, 0x5a, 0x0, 0x1, 0x0, 0x0, 0x40, 0x11, 0xf7, 0x3e,
    0xc0, 0xa8, 0x1, 0x1, 0xc0, 0xa8, 0x1, 0x2,
  ];
  const udp = geneve ? [0x17, 0xc1, 0x27, 0xf, 0x0, 0x46, 0x40, 0x89] : [0x21, 0x18, 0x27, 0xf, 0x0, 0x46, 0x90, 0x87];
  const tunnel = geneve ? [0x0, 0x0, 0x65, 0x58, 0x0, 0x0, 0x2, 0x0] : [0xc, 0x0, 0x0, 0x3, 0x0, 0x0, 0x2, 0x0];
  const inner = [
    0x2, 0x33, 0x45, 0x67, 0x89, 0xab, 0x1, 0x23, 0x45, 0x67, 0x89, 0xab, 0x8, 0x0, 0x45, 0x0, 0x0, 0x28, 0x0, 0x1, 0x0, 0x0, 0x40, 0x6, 0x66,
    0xcb, 0xa, 0x1, 0x0, 0x1, 0xa, 0x1, 0x0, 0x2, 0xd3, 0xce, 0x1f, 0x90, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x50, 0x2, 0x20, 0x0, 0x88,
    0x7f, 0x0, 0x0,
  ];
  return concat(header, Uint8Array.from([...outer, ...udp, ...tunnel, ...inner]));
}

describe('pkg/hubble/parser/threefour parser_test.go', () => {
  for (const release of RELEASES) {
    const since117 = release !== '1.16';
    const since118 = since117 && release !== '1.17.0' && release !== '1.17';

    it(`${release} TestL34DecodeEmpty`, () => {
      expect(decodeErrorOf(() => decodeEvent(new Uint8Array(0), { release })).code).toBe('short-buffer');
    });

    if (since118) {
      for (const [name, flag, port, protocol] of [
        ['VXLAN', 4, 8472, 'VXLAN'],
        ['Geneve', 8, 6081, 'GENEVE'],
      ] as const) {
        it(`${release} TestL34Decode${name}Overlay: the tunnel, then the same bytes without the flag`, () => {
          const f = flowOf(release, overlay(flag, name === 'Geneve'));
          expect(get(f, 'tunnel.protocol')).toBe(protocol);
          if (newer(release)) expect(get(f, 'tunnel.vni')).toBe(2);
          expect([get(f, 'tunnel.IP.source'), get(f, 'tunnel.IP.destination')]).toEqual(['192.168.1.1', '192.168.1.2']);
          expect([get(f, 'tunnel.l4.UDP.source_port'), get(f, 'tunnel.l4.UDP.destination_port')]).toEqual([port, 9999]);
          expect([get(f, 'IP.source'), get(f, 'IP.destination')]).toEqual(['10.1.0.1', '10.1.0.2']);
          expect(get(f, 'l4.TCP')).toEqual({ source_port: 54222, destination_port: 8080, flags: { SYN: true } });

          const bytes = overlay(flag, name === 'Geneve');
          bytes[27] = 0;
          const g = flowOf(release, bytes);
          expect(g.tunnel).toBeUndefined();
          expect([get(g, 'IP.source'), get(g, 'IP.destination')]).toEqual(['192.168.1.1', '192.168.1.2']);
          expect([get(g, 'l4.UDP.source_port'), get(g, 'l4.UDP.destination_port')]).toEqual([port, 9999]);
        });
      }
    }

    it(`${release} TestL34Decode: TCP from the host, encrypted (DNS names, services, ipcache metadata: n/a)`, () => {
      const options: FlowOptions = {
        endpoints: [{ id: 1234, identity: 5678, ips: ['10.16.236.178'], podName: 'pod-10.16.236.178', namespace: 'default' }],
      };
      const f = flowOf(release, L34_TRACE, options);
      expect(get(f, 'IP')).toEqual({ source: '192.168.60.11', destination: '10.16.236.178', ipVersion: 'IPv4', encrypted: true });
      expect(f.trace_reason).toBe('ESTABLISHED');
      expect(get(f, 'l4.TCP')).toEqual({ source_port: 6443, destination_port: 54222, flags: { ACK: true } });
      expect(get(f, 'source.identity')).toBe(1);
      expect(f.destination).toEqual({ ID: 1234, identity: 5678, namespace: 'default', pod_name: 'pod-10.16.236.178' });
      expect(f.event_type).toEqual({ type: 4, sub_type: 7 });
      expect([f.verdict, f.trace_observation_point]).toEqual(['FORWARDED', 'FROM_HOST']);
      expect(() => toFlow(decodeEvent(L34_TRACE, { release }))).not.toThrow();

      const g = flowOf(release, L34_ICMPV6, { endpoints: [{ id: 1234, ips: ['ff02::1:ff00:b3e5'] }] });
      expect(get(g, 'IP')).toEqual({ source: 'ff02::1:ff00:b3e5', destination: 'f00d::a10:0:0:9195', ipVersion: 'IPv6' });
      expect(get(g, 'l4')).toEqual({ ICMPv6: { type: 135 } });
      expect([get(g, 'source.pod_name'), get(g, 'destination.pod_name')]).toEqual([undefined, undefined]);
      expect(g.event_type).toEqual({ type: 4, sub_type: 5 });
      expect([g.verdict, g.trace_observation_point]).toEqual(['FORWARDED', 'FROM_ENDPOINT']);
    });

    it(`${release} TestDecodeTraceNotify (L3 and L2 device): labels and cluster name from the identity cache`, () => {
      const identityLabels = {
        123: ['k8s:src=label', 'k8s:io.cilium.k8s.policy.cluster=cluster-name'],
        456: ['k8s:dst=label', 'k8s:io.cilium.k8s.policy.cluster=cluster-name'],
      };
      const legacy = release === '1.16' || release === '1.17.0';
      for (const l3 of legacy ? [false] : [true, false]) {
        const version = newer(release) ? 2 : 1;
        // 1.16 and 1.17.0: a 32-byte v0 struct, then Ethernet without an EtherType and IPv4; labels only.
        const record = legacy
          ? concat(goRecord(release, { kind: 'trace', srcLabel: 123, dstLabel: 456 }).subarray(0, 32), LAYERS.ethNoTypeIPv4)
          : goRecord(release, { kind: 'trace', srcLabel: 123, dstLabel: 456, version, flags: l3 ? 2 : 0 }, l3 ? LAYERS.udpL3 : LAYERS.udpL2);
        const f = flowOf(release, record, { identityLabels });
        expect(get(f, 'source.labels')).toEqual(['k8s:io.cilium.k8s.policy.cluster=cluster-name', 'k8s:src=label']);
        expect(get(f, 'destination.labels')).toEqual(['k8s:dst=label', 'k8s:io.cilium.k8s.policy.cluster=cluster-name']);
        expect([get(f, 'source.cluster_name'), get(f, 'destination.cluster_name')]).toEqual(['cluster-name', 'cluster-name']);
        if (!legacy) expect(get(f, 'l4.UDP')).toEqual({ source_port: 23939, destination_port: 32412 });
      }
    });

    if (!newer(release)) {
      it(`${release} TestDecodeDropNotify: labels from the identity cache${since117 && release !== '1.17.0' ? ', file, UDP ports (L3 and L2 device)' : ''}`, () => {
        const identityLabels = { 123: ['k8s:src=label'], 456: ['k8s:dst=label'] };
        const legacy = release === '1.16' || release === '1.17.0';
        for (const l3 of legacy ? [false] : [true, false]) {
          const record = legacy
            ? concat(goRecord(release, { kind: 'drop', srcLabel: 123, dstLabel: 456 }), LAYERS.ethNoTypeIPv4)
            : goRecord(release, { kind: 'drop', version: 2, file: 1, line: 42, srcLabel: 123, dstLabel: 456, flags: l3 ? 2 : 0 }, l3 ? LAYERS.udpL3 : LAYERS.udpL2);
          const f = flowOf(release, record, { identityLabels });
          expect([get(f, 'source.labels'), get(f, 'destination.labels')]).toEqual([['k8s:src=label'], ['k8s:dst=label']]);
          if (!legacy) {
            expect(f.file).toEqual({ name: 'bpf_host.c', line: 42 });
            expect(get(f, 'l4.UDP')).toEqual({ source_port: 23939, destination_port: 32412 });
          }
        }
      });
    }

    if (newer(release)) {
      it(`${release} TestDecodeDropNotify "v3" and "v2 with IP Trace ID"`, () => {
        for (const traceId of [0n, 0x12345678n]) {
          const record = goRecord(release, { kind: 'drop', version: 3, file: 1, srcLabel: 123, dstLabel: 456, ipTraceId: traceId }, LAYERS.dropIPv4);
          const f = flowOf(release, record, { identityLabels: { 123: ['k8s:src=label'], 456: ['k8s:dst=label'] } });
          delete f.file; // Go's comparison ignores it
          expect(f).toEqual({
            verdict: 'DROPPED',
            ethernet: { source: '01:02:03:04:05:06', destination: '04:05:06:07:08:09' },
            IP: { source: '1.2.3.4', destination: '1.2.3.4', ipVersion: 'IPv4' },
            source: { identity: 123, labels: ['k8s:src=label'] },
            destination: { identity: 456, labels: ['k8s:dst=label'] },
            Type: 'L3_L4',
            event_type: { type: 1 },
            Summary: 'IPv4',
            ...(traceId !== 0n && { ip_trace_id: { trace_id: String(traceId) } }),
          });
        }
      });
    }

    it(`${release} TestDecodePolicyVerdictNotify: egress allowed, ingress dropped (allowed-by policies: n/a)`, () => {
      const identityLabels = { 5678: ['k8s:dst=label'] };
      const endpoints = [{ id: 12, identity: 1234, ips: ['1.2.3.4'], podName: 'xwing', namespace: 'default', labels: ['a', 'b', 'c'] }];
      const egress = goRecord(release, { kind: 'policy', source: 12, flags: 0x02 | (1 << 3), remoteLabel: 5678 }, LAYERS.policyTCP);
      const f = flowOf(release, egress, { identityLabels, endpoints });
      expect([get(f, 'event_type.type'), f.traffic_direction, f.policy_match_type, f.verdict]).toEqual([5, 'EGRESS', 1, 'FORWARDED']);
      expect(get(f, 'destination.labels')).toEqual(['k8s:dst=label']);

      const ingress = goRecord(release, { kind: 'policy', flags: 0x01, remoteLabel: 5678, verdict: -151 });
      const g = flowOf(release, ingress, { identityLabels, endpoints });
      expect([get(g, 'event_type.type'), g.traffic_direction, g.drop_reason, g.verdict]).toEqual([5, 'INGRESS', 151, 'DROPPED']);
      expect(g.drop_reason_desc).toBe('STALE_OR_UNROUTABLE_IP');
      expect(get(g, 'source.labels')).toEqual(['k8s:dst=label']);
    });

    it(`${release} TestDecodeDropReason: reason 130`, () => {
      const f = flowOf(release, goRecord(release, { kind: 'drop', subtype: 130, version: since117 && release !== '1.17.0' ? 2 : 0 }));
      expect(f.drop_reason).toBe(130);
      expect(f.drop_reason_desc).toBe('INVALID_SOURCE_MAC'); // flow.proto's DropReason 130
    });

    it(`${release} TestDecodeTraceReason: every reason, with and without the encrypted bit`, () => {
      for (const [reason, want] of [
        [5, undefined],
        [0, 'NEW'],
        [1, 'ESTABLISHED'],
        [2, 'REPLY'],
        [3, 'RELATED'],
        [6, 'SRV6_ENCAP'],
        [7, 'SRV6_DECAP'],
        ...(newer(release) ? [] : ([[4, 'REOPENED'], [8, 'ENCRYPT_OVERLAY']] as const)),
      ] as const) {
        for (const encrypted of [false, true]) {
          const f = flowOf(release, goRecord(release, { kind: 'trace', reason: reason | (encrypted ? 0x80 : 0) }, LAYERS.l2.egress));
          expect([reason, encrypted, f.trace_reason]).toEqual([reason, encrypted, want]);
          expect(get(f, 'IP.encrypted') ?? false).toBe(encrypted);
        }
      }
    });

    it(`${release} TestDecodeLocalIdentity: local-scope identities keep the longest cidr label`, () => {
      const labels = ['unspec:some=label', 'cidr:1.2.3.4/12', 'cidr:1.2.3.4/11'];
      const local = (n: number) => (n | 0x01000000) >>> 0;
      const f = flowOf(release, goRecord(release, { kind: 'trace', srcLabel: local(123), dstLabel: local(456) }), {
        identityLabels: { [local(123)]: labels, [local(456)]: labels },
      });
      expect(get(f, 'source.labels')).toEqual(['cidr:1.2.3.4/12', 'unspec:some=label']);
      expect(get(f, 'destination.labels')).toEqual(['cidr:1.2.3.4/12', 'unspec:some=label']);
    });

    /** The drop of TestDecodeTrafficDirection/TestDecodeIsReply: version 2 where the release has it. */
    const dropVersion = release === '1.16' || release === '1.17.0' ? 0 : 2;
    const encryptOverlay = !newer(release); // TRACE_REASON_ENCRYPT_OVERLAY (8) cases up to 1.18

    it(`${release} TestDecodeTrafficDirection (policy correlation: n/a)`, () => {
      const HOST_EP = 0x1092;
      const cases: [Msg, 'egress' | 'ingress' | 'xlated', string | undefined, 'source' | 'destination'][] = [
        [{ kind: 'drop', version: dropVersion }, 'egress', undefined, 'source'],
        [{ kind: 'drop', version: dropVersion, source: 1234 }, 'egress', 'EGRESS', 'source'],
        [{ kind: 'drop', version: dropVersion, source: 1234 }, 'ingress', 'INGRESS', 'destination'],
        [{ kind: 'trace', obsPoint: 0 }, 'egress', undefined, 'source'],
        [{ kind: 'trace', obsPoint: 0, source: 1234 }, 'egress', 'EGRESS', 'source'],
        [{ kind: 'trace', obsPoint: 11, source: HOST_EP, version: 1, origIp: [1, 2, 3, 4] }, 'xlated', 'EGRESS', 'source'],
        [{ kind: 'trace', obsPoint: 0, source: 1234, reason: 2 }, 'egress', 'INGRESS', 'source'],
        [{ kind: 'trace', obsPoint: 2, source: 1234 }, 'ingress', 'INGRESS', 'destination'],
        [{ kind: 'trace', obsPoint: 2, source: 1234, reason: 2 }, 'ingress', 'EGRESS', 'destination'],
        [{ kind: 'trace', obsPoint: 5, source: 1234, reason: 5 }, 'egress', undefined, 'source'],
        [{ kind: 'trace', obsPoint: 5, source: 1234, reason: 0x85 }, 'egress', undefined, 'source'],
        ...(encryptOverlay ? [[{ kind: 'trace', obsPoint: 3, source: HOST_EP, reason: 8 }, 'egress', 'EGRESS', 'source'] as [Msg, 'egress', string, 'source']] : []),
        [{ kind: 'trace', obsPoint: 3, source: HOST_EP, reason: 7 }, 'ingress', 'INGRESS', 'destination'],
        [{ kind: 'trace', obsPoint: 3, source: 1234, reason: 6 }, 'egress', 'EGRESS', 'source'],
        [{ kind: 'policy', source: 1234, flags: 0x02, remoteLabel: 5678 }, 'egress', 'EGRESS', 'source'],
        [{ kind: 'policy', source: 1234, flags: 0x01 }, 'ingress', 'INGRESS', 'destination'],
      ];
      for (const [msg, tuple, direction, side] of cases) {
        const f = flowOf(release, goRecord(release, msg, LAYERS.l2[tuple]), LOCAL_EP);
        expect([msg, f.traffic_direction, get(f, `${side}.ID`)]).toEqual([msg, direction, 1234]);
      }
    });

    it(`${release} TestDecodeIsReply`, () => {
      const HOST_EP = 0x1092;
      const cases: [Msg, 'egress' | 'ingress', boolean | undefined][] = [
        [{ kind: 'trace', obsPoint: 0, reason: 2 }, 'egress', true],
        [{ kind: 'trace', obsPoint: 5, reason: 5 }, 'egress', undefined],
        [{ kind: 'trace', obsPoint: 5, reason: 0x85 }, 'egress', undefined],
        [{ kind: 'trace', obsPoint: 3, source: HOST_EP, reason: 7 }, 'ingress', undefined],
        [{ kind: 'trace', obsPoint: 3, source: HOST_EP, reason: 0x87 }, 'ingress', undefined],
        [{ kind: 'trace', obsPoint: 3, source: 1234, reason: 6 }, 'egress', undefined],
        [{ kind: 'trace', obsPoint: 3, source: 1234, reason: 0x86 }, 'egress', undefined],
        ...(encryptOverlay ? [[{ kind: 'trace', obsPoint: 3, source: HOST_EP, reason: 8 }, 'egress', undefined] as [Msg, 'egress', undefined]] : []),
        [{ kind: 'policy', verdict: 0 }, 'egress', false],
        [{ kind: 'policy', verdict: -151 }, 'egress', undefined],
        [{ kind: 'drop' }, 'egress', undefined],
      ];
      for (const [msg, tuple, reply] of cases) {
        const f = flowOf(release, goRecord(release, msg, LAYERS.l2[tuple]));
        expect([msg, f.is_reply, f.reply ?? false]).toEqual([msg, reply, reply === true]);
      }
    });

    it(`${release} TestTraceNotifyOriginalIP: v0 has none; v1 sets the source and source_xlated unless equal`, () => {
      const f0 = flowOf(release, goRecord(release, { kind: 'trace' }, LAYERS.ipNoProtoTCP));
      expect([get(f0, 'IP.source'), get(f0, 'IP.source_xlated')]).toEqual(['10.0.0.2', undefined]);
      const f1 = flowOf(release, goRecord(release, { kind: 'trace', version: 1, origIp: [1, 1, 1, 1] }, LAYERS.ipNoProtoTCP));
      expect([get(f1, 'IP.source'), get(f1, 'IP.source_xlated')]).toEqual(['1.1.1.1', '10.0.0.2']);
      const f2 = flowOf(release, goRecord(release, { kind: 'trace', version: 1, origIp: [10, 0, 0, 2] }, LAYERS.ipNoProtoTCP));
      expect([get(f2, 'IP.source'), get(f2, 'IP.source_xlated')]).toEqual(['10.0.0.2', undefined]);
    });

    it(`${release} TestICMP: ICMPv4 type 1 code 2, ICMPv6 type 3 code 4`, () => {
      expect(get(flowOf(release, goRecord(release, { kind: 'trace', version: 1 }, LAYERS.icmp4)), 'l4.ICMPv4')).toEqual({ type: 1, code: 2 });
      expect(get(flowOf(release, goRecord(release, { kind: 'trace', version: 1 }, LAYERS.icmp6)), 'l4.ICMPv6')).toEqual({ type: 3, code: 4 });
    });

    it(`${release} TestTraceNotifyLocalEndpoint: the datapath identity wins over the endpoint's`, () => {
      const labels = [
        'k8s:io.cilium.k8s.policy.cluster=default',
        'k8s:io.kubernetes.pod.namespace=kube-system',
        'k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=kube-system',
        'k8s:org=alliance',
        'k8s:class=xwing',
        'k8s:app.kubernetes.io/name=xwing',
      ];
      const ep = { id: 1234, identity: 4567, ips: ['10.0.0.2', '10.0.0.3'], podName: 'xwing', namespace: 'kube-system', labels };
      const f = flowOf(release, goRecord(release, { kind: 'trace', srcLabel: 456 }, LAYERS.ipTCP), { endpoints: [ep] });
      expect(f.source).toEqual({
        ID: 1234,
        identity: 456,
        cluster_name: 'default',
        namespace: 'kube-system',
        labels: [...labels].sort(),
        pod_name: 'xwing',
      });
    });

    it(`${release} TestDebugCapture: delivery to lo, then a proxy-post capture`, () => {
      const f = flowOf(release, goRecord(release, { kind: 'capture', subtype: 4, arg1: 1 }, LAYERS.ipTCP), {
        interfaceName: (i) => (i === 1 ? 'lo' : undefined),
      });
      expect([f.event_type, f.debug_capture_point, get(f, 'IP.source'), get(f, 'IP.destination')]).toEqual([
        { type: 3, sub_type: 4 },
        'DBG_CAPTURE_DELIVERY',
        '10.0.0.2',
        '10.0.0.3',
      ]);
      expect(get(f, 'l4.TCP')).toBeDefined();
      expect(f.interface).toEqual({ index: 1, name: 'lo' });
      // 1234 in network byte order in arg1.
      const g = flowOf(release, goRecord(release, { kind: 'capture', subtype: 9, arg1: 0xd2040000 }));
      expect([g.event_type, g.debug_capture_point, g.proxy_port]).toEqual([{ type: 3, sub_type: 9 }, 'DBG_CAPTURE_PROXY_POST', 1234]);
    });

    it(`${release} TestTraceNotifyProxyPort: dst_id of a to-proxy trace`, () => {
      expect(flowOf(release, goRecord(release, { kind: 'trace', obsPoint: 1, dstId: 1234 }, LAYERS.ipNoProtoTCP)).proxy_port).toBe(1234);
      const v1 = goRecord(release, { kind: 'trace', obsPoint: 1, dstId: 4321, version: 1, origIp: [1, 1, 1, 1] }, LAYERS.ipNoProtoTCP);
      expect(flowOf(release, v1).proxy_port).toBe(4321);
    });

    it(`${release} Test_filterCIDRLabels (through a local-scope identity's labels)`, () => {
      const id = 0x01000001;
      for (const [labels, want] of [
        [['b', 'cidr:1.1.1.1/23', 'a', 'd', 'cidr:1.1.1.1/24'], ['b', 'a', 'd', 'cidr:1.1.1.1/24']],
        [['b', 'cidr:2a00-1450-400a-800--0/85', 'a', 'd', 'cidr:2a00-1450-400a-800--0/107'], ['b', 'a', 'd', 'cidr:2a00-1450-400a-800--0/107']],
        [['b', 'c', 'a'], ['b', 'c', 'a']],
        [['cidr:1.1.1.1/0', 'cidr:1.1.1.1/32', 'cidr:1.1.1.1/16'], ['cidr:1.1.1.1/32']],
        [['cidr:2a00-1450-400a-800--0/85', 'cidr:2a00-1450-400a-800--0/95', 'cidr:2a00-1450-400a-800--0/107'], ['cidr:2a00-1450-400a-800--0/107']],
        [[], undefined],
      ] as const) {
        const f = flowOf(release, goRecord(release, { kind: 'trace', srcLabel: id }), { identityLabels: { [id]: labels } });
        // SortAndFilterLabels sorts what FilterCIDRLabels keeps.
        expect(get(f, 'source.labels')).toEqual(want === undefined ? undefined : [...want].sort());
      }
    });

    if (since117) {
      /** 1.17.0's tables: v0 drops, no L3-device cases, no crypto observation points. */
      const first = release === '1.17.0';
      /** Go's template flow merged with a case's fields (proto.Merge: nested messages field by field). */
      const merged = (template: Json, want: Json): Json => {
        const out: Json = { ...template };
        for (const [k, v] of Object.entries(want)) {
          out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) && typeof out[k] === 'object' ? { ...(out[k] as Json), ...(v as Json) } : v;
        }
        return out;
      };
      const template = (type: number, verdict: string, l3: boolean): Json => ({
        verdict,
        ...(!l3 && { ethernet: { source: '01:02:03:04:05:06', destination: '07:08:09:00:01:02' } }),
        IP: { source: '1.2.3.4', destination: '5.6.7.8', ipVersion: 'IPv4' },
        source: {},
        destination: {},
        Type: 'L3_L4',
        event_type: { type },
        Summary: 'IPv4',
      });
      const check = (msg: Msg, tuple: 'egress' | 'ingress' | 'xlated', l3: boolean, want: Json, type: number, verdict: string, extra: Json = {}) => {
        const f = flowOf(release, goRecord(release, msg, (l3 ? LAYERS.l3 : LAYERS.l2)[tuple]), LOCAL_EP);
        delete f.reply; // Go's comparison ignores it
        expect([msg, f]).toEqual([msg, merged(merged(template(type, verdict, l3), extra), want)]);
      };

      it(`${release} TestDecode_DropNotify`, () => {
        const egressFile = release === '1.20' ? [3, 'bpf_overlay.c'] : [6, 'bpf_network.c'];
        const version = first ? 0 : 2;
        check({ kind: 'drop', version, file: 2, line: 42 }, 'egress', false, { source: { ID: 1234 }, file: { name: 'bpf_lxc.c', line: 42 } }, 1, 'DROPPED');
        check({ kind: 'drop', version, source: 1234, file: egressFile[0] as number, line: 12 }, 'egress', false, { source: { ID: 1234 }, traffic_direction: 'EGRESS', file: { name: egressFile[1], line: 12 } }, 1, 'DROPPED');
        const ingress = { IP: { source: '5.6.7.8', destination: '1.2.3.4' }, destination: { ID: 1234 }, traffic_direction: 'INGRESS' };
        check({ kind: 'drop', version, source: 1234, file: 4, line: 44 }, 'ingress', false, { ...ingress, file: { name: 'bpf_xdp.c', line: 44 } }, 1, 'DROPPED');
        if (!first) check({ kind: 'drop', version, source: 1234, file: 7, line: 44, flags: 2 }, 'ingress', true, { ...ingress, file: { name: 'bpf_wireguard.c', line: 44 } }, 1, 'DROPPED');
      });

      it(`${release} TestDecode_TraceNotify`, () => {
        const HOST_EP = 0x1092;
        const t = (msg: Omit<Extract<Msg, { kind: 'trace' }>, 'kind'>, tuple: 'egress' | 'ingress' | 'xlated', want: Json) =>
          check({ kind: 'trace', ...msg }, tuple, (msg.flags ?? 0) === 2, want, 4, 'FORWARDED', { trace_observation_point: 'TO_ENDPOINT' });
        const src = { source: { ID: 1234 } };
        t({ obsPoint: 0 }, 'egress', { ...src, is_reply: false, trace_reason: 'NEW' });
        t({ obsPoint: 0, source: 1234 }, 'egress', { ...src, is_reply: false, trace_reason: 'NEW', traffic_direction: 'EGRESS' });
        const xlated = { IP: { source_xlated: '10.11.12.13' } };
        t({ obsPoint: 11, source: HOST_EP, version: 1, origIp: [1, 2, 3, 4] }, 'xlated', { event_type: { sub_type: 11 }, ...xlated, ...src, is_reply: false, trace_reason: 'NEW', traffic_direction: 'EGRESS', trace_observation_point: 'TO_NETWORK' });
        if (!first) t({ obsPoint: 13, source: HOST_EP, version: 1, reason: 5, flags: 2, origIp: [1, 2, 3, 4] }, 'xlated', { event_type: { sub_type: 13 }, ...xlated, ...src, trace_observation_point: 'TO_CRYPTO' });
        if (!first) t({ obsPoint: 12, source: HOST_EP, version: 1, reason: 5, flags: 2, origIp: [1, 2, 3, 4] }, 'xlated', { event_type: { sub_type: 12 }, ...xlated, ...src, trace_observation_point: 'FROM_CRYPTO' });
        t({ obsPoint: 0, source: 1234, reason: 2 }, 'xlated', { IP: { source: '10.11.12.13' }, traffic_direction: 'EGRESS', is_reply: true, trace_reason: 'REPLY' });
        const toHost = { event_type: { sub_type: 2 }, IP: { source: '5.6.7.8', destination: '1.2.3.4' }, destination: { ID: 1234 }, trace_observation_point: 'TO_HOST' };
        t({ obsPoint: 2, source: 1234 }, 'ingress', { ...toHost, is_reply: false, trace_reason: 'NEW', traffic_direction: 'INGRESS' });
        t({ obsPoint: 2, source: 1234, reason: 2 }, 'ingress', { ...toHost, is_reply: true, trace_reason: 'REPLY', traffic_direction: 'EGRESS' });
        const fromLxc = { event_type: { sub_type: 5 }, ...src, trace_observation_point: 'FROM_ENDPOINT' };
        t({ obsPoint: 5, source: 1234, reason: 5 }, 'egress', fromLxc);
        t({ obsPoint: 5, source: 1234, reason: 5 }, 'egress', fromLxc);
        t({ obsPoint: 5, source: 1234, reason: 5 }, 'egress', fromLxc);
        t({ obsPoint: 5, source: 1234, reason: 0x85 }, 'egress', { ...fromLxc, IP: { encrypted: true } });
        const toStack = { event_type: { sub_type: 3 }, ...src, trace_observation_point: 'TO_STACK' };
        if (!newer(release)) t({ obsPoint: 3, source: HOST_EP, reason: 8 }, 'egress', { ...toStack, trace_reason: 'ENCRYPT_OVERLAY', traffic_direction: 'EGRESS' });
        t({ obsPoint: 3, source: HOST_EP, reason: 7 }, 'egress', { ...toStack, trace_reason: 'SRV6_DECAP', traffic_direction: 'INGRESS' });
        t({ obsPoint: 3, source: 1234, reason: 6 }, 'egress', { ...toStack, trace_reason: 'SRV6_ENCAP', traffic_direction: 'EGRESS' });
        if (newer(release)) {
          t({ obsPoint: 5, source: 1234, reason: 5, version: 2 }, 'egress', fromLxc);
          t({ obsPoint: 5, source: 1234, reason: 5, version: 2, ipTraceId: 1234n }, 'egress', { ...fromLxc, ip_trace_id: { trace_id: '1234' } });
        }
      });

      it(`${release} TestDecode_PolicyVerdictNotify`, () => {
        const p = (msg: Omit<Extract<Msg, { kind: 'policy' }>, 'kind'>, want: Json) =>
          check({ kind: 'policy', ...msg }, 'egress', ((msg.flags ?? 0) & 0x80) !== 0, want, 5, 'FORWARDED', { is_reply: false });
        p({ source: 1234, flags: 0x02, remoteLabel: 5678 }, { source: { ID: 1234 }, destination: { identity: 5678 }, traffic_direction: 'EGRESS' });
        p({ source: 1234, flags: 0x01 }, { source: { ID: 1234 }, traffic_direction: 'INGRESS' });
        if (!first) p({ source: 1234, flags: 0x01 | 0x80 }, { source: { ID: 1234 }, traffic_direction: 'INGRESS' });
      });
    }

    if (since118) {
      it(`${release} TestNetworkPolicyCorrelationDisabled (the policy lists themselves: n/a)`, () => {
        const identityLabels = { 5678: ['k8s:dst=label'] };
        const endpoints = [{ id: 12, identity: 1234, ips: ['1.2.3.4'], podName: 'xwing', namespace: 'default', labels: ['a', 'b', 'c'] }];
        const f = flowOf(release, goRecord(release, { kind: 'policy', source: 12, flags: 0x02 | (1 << 3), remoteLabel: 5678 }, LAYERS.policyTCP), { identityLabels, endpoints });
        expect([get(f, 'event_type.type'), f.traffic_direction, f.policy_match_type, f.verdict]).toEqual([5, 'EGRESS', 1, 'FORWARDED']);
        expect(get(f, 'destination.labels')).toEqual(['k8s:dst=label']);
        expect(f.egress_allowed_by).toBeUndefined();
        const g = flowOf(release, goRecord(release, { kind: 'policy', flags: 0x01 | (1 << 3), remoteLabel: 5678 }), { identityLabels, endpoints });
        expect([get(g, 'event_type.type'), g.traffic_direction, g.policy_match_type, g.verdict]).toEqual([5, 'INGRESS', 1, 'FORWARDED']);
        expect(get(g, 'source.labels')).toEqual(['k8s:dst=label']);
        expect(g.ingress_allowed_by).toBeUndefined();
      });
    }
  }
});

