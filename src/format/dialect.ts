/**
 * What changes in `cilium monitor` output between the pinned releases. Each flag names one
 * observable difference, read from `pkg/monitor` at the pinned commit of every release.
 */
import type { Release } from '../decode/types.js';
import type { EtherTypeRegistry } from './gopacket/names.js';
import type { GopacketVersion } from './gopacket/port-names.js';

export interface Dialect {
  release: Release;
  /** Connection summary: start at IPv4/IPv6 for L3-device records (else always Ethernet). */
  l3DeviceStart: boolean;
  /** Connection summary: a gopacket error prints `[error]` (else the decoded layers are used). */
  errorMarker: boolean;
  /** Connection summary: ICMP lines carry the word `icmp` before the type/code. */
  icmpWord: boolean;
  /** VXLAN/Geneve overlay decoding with ` [tunnel …]` suffix (record flags). */
  overlay: boolean;
  /** VRRP and IGMP decoders and summary lines. */
  vrrpAndIgmp: boolean;
  /** The gopacket build the release links (its go.mod): the IANA port names `LayerString` prints. */
  gopacket: GopacketVersion;
  /** gopacket generation: EtherType names registered. */
  etherTypes: EtherTypeRegistry;
  /** gopacket ≥ v1.3: TCP has a `Multipath` field and option kind 30 is `MultipathTCP`. */
  tcpMultipath: boolean;
  /**
   * How gopacket's TCP decoder treats option kind 30: v1.1.19 as an ordinary option
   * (`generic`), v1.3–v1.5 decode the MPTCP sub-option (`decode`), v1.6 also rejects an MPTCP
   * option of length 0 (`checked`; before, gopacket loops forever on it).
   */
  mptcp: 'generic' | 'decode' | 'checked';
  /**
   * gopacket v1.6.1 (1.20) resets Geneve `Options` on every decode; before, a second Geneve
   * header in one packet (Geneve in Geneve) appends its options to the first one's.
   */
  geneveOptionsReset: boolean;
  /** ip_trace_id printed in drop/trace lines and JSON. */
  ipTraceId: boolean;
  /**
   * 1.16's Go `DropNotify` reads `CapLen` as a uint32 spanning len_cap and the version bytes, so
   * a drop of any version but 0 counts as captured (its packet prints) even with len_cap 0.
   */
  dropCapLenSpansVersion: boolean;
  /** `-vv` drops print the hex dump unless `--hex` is given (the 1.19 inversion). */
  dropVerboseInvertsHex: boolean;
  /**
   * `-vv` drop and trace: the packet (dissection or hex dump) prints *before* the
   * `CPU nn: MARK …` header line. Up to 1.18 `DumpVerbose` writes the header into a
   * `bufio.NewWriter(os.Stdout)` flushed at its end but `Dissect` prints straight to stdout;
   * 1.19 hands `Dissect` the same writer.
   */
  verbosePacketFirst: boolean;
  /** `-vv` debug capture: the header line is not newline-terminated and `bytes` is len_cap. */
  debugCaptureCapLen: boolean;
  /**
   * Access logs (type 129): the `accesslog.LogRecord` generation — DNS answer IPs as `net.IP`
   * (1.16) or `netip.Addr`, a Kafka part (up to 1.19) — and the Go release whose `url.URL`
   * field order `--json` prints (Go 1.26, which builds 1.20, reordered the struct).
   */
  accessLog: { dnsIPs: 'net.IP' | 'netip'; kafka: boolean; urlFields: 'go1.25' | 'go1.26' };
  /** Recorder capture (type 6) is a known message type. */
  recorder: boolean;
  /** Hubble: L3-device packets decode from IPv4/IPv6 (1.17 patch releases on; 1.17.0 starts at Ethernet). */
  hubbleL3Device: boolean;
  /** Hubble: drops carry `file` {name, line}. */
  hubbleFileInfo: boolean;
  /** Hubble's flow.proto names observation points 12/13 (`FROM_CRYPTO`/`TO_CRYPTO`). */
  hubbleCryptoPoints: boolean;
  /** Hubble's flow.proto names drop reason 205 (`DROP_PUNT_PROXY`). */
  hubblePuntProxy: boolean;
  /**
   * Hubble treats trace reason 8 (encrypt-overlay) as encapsulation: no `is_reply`, and
   * `EGRESS` direction (up to 1.18; 1.19 deprecated the reason).
   */
  hubbleEncryptOverlayEncap: boolean;
  /**
   * The monitor gives the trace orig-IP and the trace-sock dst IP as `netip.Addr` (`AddrFrom16`,
   * 1.20) instead of a `net.IP` (which Hubble converted with `netipx.FromStdIP`/`ip.AddrFromIP`):
   * IPv4-mapped IPv6 addresses print as `::ffff:a.b.c.d` in `cilium monitor` and Hubble, and
   * `::ffff:0.0.0.0` is not unspecified.
   */
  netipAddr: boolean;
  /** Hubble's flow.proto `Tunnel` has `vni` (1.19+; 1.18 has the message without it). */
  hubbleTunnelVni: boolean;
  /** Hubble's `SCTP` flow message has `chunk_type` from the first payload byte (1.20+). */
  hubbleSctpChunkType: boolean;
  /**
   * Hubble's drop decoder accepts any version and takes the packet offset from a map of the
   * known ones (0 and 1), so a drop of another version is decoded from byte 0 (1.17.0).
   */
  hubbleDropAnyVersion: boolean;
  /**
   * How `FormatSample` reads raw bytes (see `formatSample`): up to 1.18 with `binary.Read` into
   * the newest Go struct of each message — `dropSize` is the Go `DropNotify` size (36, or 40
   * once v1.17.4 added the flags byte) — and a trace decoder that checks each version's struct
   * (`per-version`, ≤ 1.17.0) or the lengths (`length-checked`); drops print their packet from
   * a fixed offset (1.16) or from a by-version length map (`by-version`: a version it lacks
   * gives offset 0, the whole record); from 1.19 a `Decode` method per message.
   */
  sampleReader:
    | { kind: 'binary-read'; dropSize: 36 | 40; dropDataOffset: 'fixed' | 'by-version'; traceDecoder: 'per-version' | 'length-checked' }
    | { kind: 'decode-method' };
}

const BASE: Omit<Dialect, 'release'> = {
  accessLog: { dnsIPs: 'netip', kafka: true, urlFields: 'go1.25' },
  l3DeviceStart: false,
  errorMarker: false,
  icmpWord: false,
  overlay: false,
  vrrpAndIgmp: false,
  gopacket: 'v1.5.0',
  etherTypes: { mdp: false, raw: false },
  tcpMultipath: true,
  mptcp: 'decode',
  geneveOptionsReset: false,
  ipTraceId: false,
  dropCapLenSpansVersion: false,
  dropVerboseInvertsHex: false,
  verbosePacketFirst: true,
  debugCaptureCapLen: false,
  recorder: true,
  hubbleL3Device: false,
  hubbleFileInfo: false,
  hubbleCryptoPoints: false,
  hubblePuntProxy: false,
  hubbleEncryptOverlayEncap: true,
  netipAddr: false,
  hubbleTunnelVni: false,
  hubbleSctpChunkType: false,
  hubbleDropAnyVersion: false,
  sampleReader: { kind: 'binary-read', dropSize: 40, dropDataOffset: 'by-version', traceDecoder: 'length-checked' },
};

const V1_19: Dialect = {
  release: '1.19',
  accessLog: { dnsIPs: 'netip', kafka: true, urlFields: 'go1.25' },
  l3DeviceStart: true,
  errorMarker: true,
  icmpWord: true,
  overlay: true,
  vrrpAndIgmp: true,
  gopacket: 'v1.5.0',
  etherTypes: { mdp: true, raw: true },
  tcpMultipath: true,
  mptcp: 'decode',
  geneveOptionsReset: false,
  ipTraceId: true,
  dropCapLenSpansVersion: false,
  dropVerboseInvertsHex: true,
  verbosePacketFirst: false,
  debugCaptureCapLen: true,
  recorder: false,
  hubbleEncryptOverlayEncap: false,
  hubbleL3Device: true,
  hubbleFileInfo: true,
  hubbleCryptoPoints: true,
  hubblePuntProxy: true,
  netipAddr: false,
  hubbleTunnelVni: true,
  hubbleSctpChunkType: false,
  hubbleDropAnyVersion: false,
  sampleReader: { kind: 'decode-method' },
};

const DIALECTS: Readonly<Record<Release, Dialect>> = {
  '1.16': {
    ...BASE,
    release: '1.16',
    accessLog: { dnsIPs: 'net.IP', kafka: true, urlFields: 'go1.25' },
    gopacket: 'v1.1.19',
    tcpMultipath: false,
    mptcp: 'generic',
    dropCapLenSpansVersion: true,
    sampleReader: { kind: 'binary-read', dropSize: 36, dropDataOffset: 'fixed', traceDecoder: 'per-version' },
  },
  '1.17.0': {
    ...BASE,
    release: '1.17.0',
    hubbleDropAnyVersion: true,
    sampleReader: { kind: 'binary-read', dropSize: 36, dropDataOffset: 'by-version', traceDecoder: 'per-version' },
    gopacket: 'v1.3.1',
    etherTypes: { mdp: true, raw: false },
    // 1.17.0's threefour parser has a single Ethernet-first DecodingLayerParser (no L3-device
    // flag in its monitor structs yet): hubbleL3Device stays off.
    hubbleFileInfo: true,
  },
  '1.17': {
    ...BASE,
    release: '1.17',
    gopacket: 'v1.3.1',
    l3DeviceStart: true,
    errorMarker: true,
    etherTypes: { mdp: true, raw: false },
    hubbleL3Device: true,
    hubbleFileInfo: true,
    hubbleCryptoPoints: true,
  },
  '1.18': {
    ...BASE,
    release: '1.18',
    gopacket: 'v1.3.2-0.20250721223119-be3fffa73cab',
    l3DeviceStart: true,
    errorMarker: true,
    icmpWord: true,
    overlay: true,
    etherTypes: { mdp: true, raw: false },
    hubbleL3Device: true,
    hubbleFileInfo: true,
    hubbleCryptoPoints: true,
    hubblePuntProxy: true,
  },
  '1.19': V1_19,
  /*
   * v1.20 (provisional, branch point 0d16a39a): `pkg/monitor/format` and every behaviour flagged
   * here read as in 1.19; the texts that changed (DBG_GENERIC prints arg3, "solicitation", drop
   * reason 206, file id 6 gone) come from the generated tables. The other differences (netip
   * address printing, gopacket v1.6.1, Hubble's SCTP chunk_type, flow.proto without reason 206)
   * are listed in docs/format.md and not modelled yet.
   */
  '1.20': { ...V1_19, release: '1.20', accessLog: { dnsIPs: 'netip', kafka: false, urlFields: 'go1.26' }, netipAddr: true, hubbleSctpChunkType: true, mptcp: 'checked', geneveOptionsReset: true },
};

/**
 * The output dialect of one release (what `formatEvent` and `toFlow` switch on).
 *
 * @example
 * dialectOf('1.17').icmpWord; // false: `1.2.3.4 -> 5.6.7.8 EchoRequest`
 */
export function dialectOf(release: Release): Dialect {
  return DIALECTS[release];
}
