/**
 * The decoded shape of every Cilium monitor message, and the options that steer decoding.
 *
 * Field names are the C struct members in camelCase (`len_orig` → `origLen`, `len_cap` →
 * `capLen`, `src_label` → `srcLabel`). Each decoded event carries its raw integer fields (what
 * {@link encodeEvent} writes back) plus derived, read-only conveniences: enum names resolved
 * against the tables of the chosen release, classifier flags as booleans, addresses as strings.
 *
 * Every object of one event type has the same properties in the same order; values a layout
 * does not carry are `0`, `0n` or `undefined`, never missing.
 *
 * One naming rule for derived names: a property `x` holding an enumerated number has `xName`
 * (its C name in the release) and, where Cilium has a display text, `xText`. The subtype byte
 * is always `subtype`, so its name is always `subtypeName` (`DROP_POLICY`, `TRACE_TO_STACK`,
 * `DBG_CT_VERDICT`, `DBG_CAPTURE_DELIVERY`, `CAPTURE_INGRESS`); opaque bytes after the type
 * byte are always `payload`, captured packets always `packet`.
 */

/**
 * Release keys whose layouts are known: the generated pins (`bpf-headers/pins.json`), so the
 * type and the tables cannot disagree. `'1.17.0'` pins the v1.17.0–v1.17.3 layouts; see
 * `pinnedReleases` of `cilium-events/tables` for which are provisional.
 */
export type Release = import('../generated/index.gen.js').PinnedRelease;

/**
 * A release as options accept it: a {@link Release} key or any patch version a pin covers
 * (`'1.17.2'`, `'v1.19.4'`), resolved like `resolveRelease` of `cilium-events/tables`.
 */
export type ReleaseSpec = Release | (string & {});

/**
 * `CILIUM_NOTIFY_*` message type numbers (byte 0 of every message), plus the agent-side types.
 *
 * @example
 * if (ev.type === MessageType.Drop) console.log(ev.subtypeText);
 */
export const MessageType = {
  Drop: 1,
  Debug: 2,
  DebugCapture: 3,
  Trace: 4,
  PolicyVerdict: 5,
  RecorderCapture: 6,
  TraceSock: 7,
  AccessLog: 129,
  Agent: 130,
} as const;
/** The numeric message types (the values of {@link MessageType}): 1–7 datapath, 129 and 130 agent. */
export type MessageTypeNumber = (typeof MessageType)[keyof typeof MessageType];

/** Message types whose layout has a v1.19 extension area (sized by `ext_version`). */
export type ExtensibleMessage = 'drop' | 'trace' | 'policyVerdict' | 'debugCapture';

/**
 * Byte length of a downstream struct extension, per message and `ext_version`
 * (`{ drop: { 1: 8 } }`). Upstream Cilium registers only ext_version 0 → 0 bytes, which is
 * always assumed; an ext_version missing from the table is a `DecodeError`.
 */
export type ExtensionLengths = Partial<Record<ExtensibleMessage, Readonly<Record<number, number>>>>;

/** Options of `decodeEvent`, `createDecoder` and `decodeEvents`. */
export interface DecodeOptions {
  /**
   * Layouts to assume where the bytes cannot tell them apart (policy verdict and trace-sock
   * sizes, drop flag meanings, enum and file-id tables). Default: the newest release.
   */
  release?: ReleaseSpec;
  /** Byte order of the host that wrote the event. Default `true` (x86-64, arm64). */
  littleEndian?: boolean;
  /** Extension lengths for non-zero `ext_version` values (v1.19+ layouts only). */
  extensionLengths?: ExtensionLengths;
  /**
   * Reject what Cilium's Go decoders accept: a `capLen` past the end of the input and an
   * `ext_version` without a registered length throw a `DecodeError` (`capture-past-end`,
   * `unknown-extension`) instead of decoding with `truncated` / `unknownExtension` set.
   * Default `false`.
   */
  strict?: boolean;
}

/** Options of `createDecoder`: the decode options, and whether to reuse one event per type. */
export interface DecoderOptions extends DecodeOptions {
  /**
   * Overwrite one event object per message type instead of allocating one per call, as
   * cilium/ebpf's `Reader.ReadInto` does: the event returned is valid until this decoder next
   * decodes a message of the same type. Copy what you keep (`toJSON()`, a spread, the fields)
   * before that. For hot loops that look at each event once; default `false`.
   */
  reuse?: boolean;
}

/** Options of `encodeEvent`. */
export interface EncodeOptions {
  /** Layouts to write. Default: the event's own `release` if it has one, else the newest. */
  release?: ReleaseSpec;
  /** Default `true`. */
  littleEndian?: boolean;
}

/** Fields of `NOTIFY_COMMON_HDR` (bytes 0–7). */
export interface CommonHeaderFields {
  subtype: number;
  source: number;
  hash: number;
}

/** Fields of `NOTIFY_CAPTURE_HDR` after the common header (bytes 8–15). */
export interface CaptureHeaderFields extends CommonHeaderFields {
  /** Full length of the original packet (`len_orig`). */
  origLen: number;
  /** Packet bytes appended after the struct (`len_cap`); bounds {@link PacketFields.packet}. */
  capLen: number;
  /** Layout version: the u16 at offset 14 up to v1.18, the u8 at offset 14 from v1.19. */
  version: number;
  /** Downstream extension version (byte 15, v1.19+); always 0 for older releases. */
  extVersion: number;
}

/** Fields of the events that carry a captured packet (drop, debug capture, trace, policy verdict, recorder). */
export interface PacketFields {
  /**
   * The captured packet: a zero-copy view of the input, exactly `capLen` bytes long
   * (trailing perf padding is excluded).
   */
  packet: Uint8Array;
  /** Downstream extension bytes between the struct and the packet (usually empty). */
  extension: Uint8Array;
}

/**
 * What was odd about a packet-carrying record that Cilium's Go decoders accept and
 * `strict: true` rejects (derived from the raw fields, so never needed to encode).
 */
export interface CaptureLeniency {
  /**
   * `capLen` reaches past the end of the input, so `packet` holds only the bytes present (what
   * Cilium's Go decoders use). Never set with `strict: true`, which rejects such input instead.
   */
  readonly truncated: boolean;
  /**
   * `ext_version` is not 0 and no extension length is registered for it (`extensionLengths`),
   * so the packet is taken to start right after the struct, as Go's length-map lookup does.
   * Never set with `strict: true`, which rejects such input instead.
   */
  readonly unknownExtension: boolean;
}

/** Classifier flags (`CLS_FLAG_*`) as booleans; all `false` where the layout has no flags byte. */
export interface ClassifierFlags {
  /** `CLS_FLAG_IPV6`: the packet (and trace `origIp`) is IPv6. */
  readonly isIPv6: boolean;
  /** `CLS_FLAG_L3_DEV`: captured bytes start at the IP header, not at Ethernet. */
  readonly isL3Device: boolean;
  /** `CLS_FLAG_VXLAN` (v1.18+): an underlay VXLAN packet. */
  readonly isVXLAN: boolean;
  /** `CLS_FLAG_GENEVE` (v1.18+): an underlay Geneve packet. */
  readonly isGeneve: boolean;
}

/** Properties every decoded event has. */
export interface Decoded {
  /** The release whose tables and layouts were used. */
  readonly release: Release;
}

// ---------------------------------------------------------------- drop (1)

/** Raw fields of `struct drop_notify`. */
export interface DropNotifyFields extends CaptureHeaderFields, PacketFields {
  type: 1;
  /** Source security identity. */
  srcLabel: number;
  /** Destination security identity. */
  dstLabel: number;
  /** Destination endpoint id (ingress only; 0 on egress). */
  dstId: number;
  /** Source line of the drop site. */
  line: number;
  /** Source file id; see {@link DropNotify.fileName}. */
  file: number;
  /** Extended error, signed (e.g. a FIB lookup errno). */
  extError: number;
  ifindex: number;
  /** Raw classifier flags byte (drop v2+; 0 for 36-byte layouts). */
  flags: number;
  /** IP-option trace id (drop v3, v1.19+; `0n` otherwise). */
  ipTraceId: bigint;
}

/**
 * A drop notification. `subtype` is the drop reason as a positive code (133 = policy denied).
 *
 * @example
 * const ev = decodeEvent(bytes, { release: '1.18' });
 * if (ev.type === 1) console.log(ev.subtypeText, ev.fileName, ev.line);
 */
export interface DropNotify extends DropNotifyFields, ClassifierFlags, CaptureLeniency, Decoded {
  /** C name of the drop reason (`DROP_POLICY`), `undefined` if this release does not define it. */
  readonly subtypeName: string | undefined;
  /** Cilium's display text of the drop reason (`Policy denied`), `undefined` if it has none. */
  readonly subtypeText: string | undefined;
  /** File name of `file` in this release (`bpf_lxc.c`), `undefined` if unknown. */
  readonly fileName: string | undefined;
  /** The plain-data view: see `JSONView`. */
  toJSON(): DropNotifyJSON;
}

/** {@link DropNotify} as plain data: what `toJSON()` returns. */
export type DropNotifyJSON = import('./plain.js').JSONView<DropNotify>;

// ---------------------------------------------------------------- debug message (2)

/** Raw fields of `struct debug_msg` (20 bytes, no packet). */
export interface DebugMessageFields extends CommonHeaderFields {
  type: 2;
  arg1: number;
  arg2: number;
  arg3: number;
}

/**
 * A debug message. `subtype` is the `DBG_*` kind.
 *
 * @example
 * if (ev.type === 2 && ev.subtypeName === 'DBG_CT_VERDICT') console.log(ev.ctStateName);
 */
export interface DebugMessage extends DebugMessageFields, Decoded {
  /** C name of `subtype` (`DBG_CT_VERDICT`), `undefined` if unknown in this release. */
  readonly subtypeName: string | undefined;
  /**
   * What `arg1`…`arg3` mean for this subtype, named after the values Cilium's Go decoder prints
   * for it (`['lifetime', 'revnat', undefined]` for `DBG_CT_MATCH`); `undefined` for unused args.
   */
  readonly argNames: DebugArgNames;
  /** For `DBG_CT_VERDICT`: the CT state in `arg1`; else `undefined`. */
  readonly ctState: number | undefined;
  /** C name of {@link ctState} (`CT_ESTABLISHED`), `undefined` if none or unknown. */
  readonly ctStateName: string | undefined;
  /** The plain-data view: see `JSONView`. */
  toJSON(): DebugMessageJSON;
}

/** {@link DebugMessage} as plain data: what `toJSON()` returns. */
export type DebugMessageJSON = import('./plain.js').JSONView<DebugMessage>;

/** What `arg1`, `arg2` and `arg3` of a debug message mean for its subtype (the labels Cilium's Go decoder prints, in camelCase), `undefined` where unused. */
export type DebugArgNames = readonly [string | undefined, string | undefined, string | undefined];

// ---------------------------------------------------------------- debug capture (3)

/** Raw fields of `struct debug_capture_msg` (24 bytes + packet). */
export interface DebugCaptureFields extends CaptureHeaderFields, PacketFields {
  type: 3;
  /** Ifindex, or a proxy port in network byte order, depending on `subtype`. */
  arg1: number;
  arg2: number;
}

/** A debug capture. `subtype` is the `DBG_CAPTURE_*` kind. */
export interface DebugCapture extends DebugCaptureFields, CaptureLeniency, Decoded {
  /** C name of `subtype` (`DBG_CAPTURE_DELIVERY`), `undefined` if unknown. */
  readonly subtypeName: string | undefined;
  /** The plain-data view: see `JSONView`. */
  toJSON(): DebugCaptureJSON;
}

/** {@link DebugCapture} as plain data: what `toJSON()` returns. */
export type DebugCaptureJSON = import('./plain.js').JSONView<DebugCapture>;

// ---------------------------------------------------------------- trace (4)

/** Raw fields of `struct trace_notify`. */
export interface TraceNotifyFields extends CaptureHeaderFields, PacketFields {
  type: 4;
  srcLabel: number;
  dstLabel: number;
  /** Destination endpoint id, or the proxy port for `TRACE_TO_PROXY` (u16). */
  dstId: number;
  /** Trace reason byte including the 0x80 encrypted bit. */
  reason: number;
  /** Raw classifier flags byte (0 for trace v0). */
  flags: number;
  ifindex: number;
  /** The 16 bytes of the original-source-IP union (trace v1+); `undefined` for v0. */
  origIpBytes: Uint8Array | undefined;
  /** IP-option trace id (trace v2, v1.19+; `0n` otherwise). */
  ipTraceId: bigint;
}

/**
 * A trace notification. `subtype` is the observation point (`TRACE_TO_LXC` …).
 *
 * @example
 * if (ev.type === 4) console.log(ev.subtypeName, ev.traceReasonName, ev.origIp);
 */
export interface TraceNotify extends TraceNotifyFields, ClassifierFlags, CaptureLeniency, Decoded {
  /** C name of the observation point (`TRACE_TO_STACK`), `undefined` if unknown. */
  readonly subtypeName: string | undefined;
  /** `reason` without the encrypted bit. */
  readonly traceReason: number;
  /** C name of {@link traceReason} (`TRACE_REASON_CT_REPLY`), `undefined` if unknown. */
  readonly traceReasonName: string | undefined;
  /** `TRACE_REASON_ENCRYPTED` (0x80) bit of `reason`. */
  readonly encrypted: boolean;
  /** Original (pre-reverse-NAT) source IP, IPv6 when `isIPv6`; `undefined` for trace v0. */
  readonly origIp: string | undefined;
  /** The plain-data view: see `JSONView`. */
  toJSON(): TraceNotifyJSON;
}

/** {@link TraceNotify} as plain data: what `toJSON()` returns. */
export type TraceNotifyJSON = import('./plain.js').JSONView<TraceNotify>;

// ---------------------------------------------------------------- policy verdict (5)

/** Raw fields of `struct policy_verdict_notify` (32 bytes ≤ v1.18, 40 bytes from v1.19). */
export interface PolicyVerdictFields extends CaptureHeaderFields, PacketFields {
  type: 5;
  /** Remote identity: source on ingress, destination on egress. */
  remoteLabel: number;
  /** 0 allow, < 0 negated drop code, > 0 proxy redirect port. */
  verdict: number;
  dstPort: number;
  /** IP protocol number. */
  proto: number;
  /** Raw bitfield byte: dir:2, ipv6:1, match_type:3, audited:1, l3:1. */
  flags: number;
  authType: number;
  /** Policy-map entry cookie (v1.19+; 0 before). */
  cookie: number;
}

/**
 * A policy verdict notification.
 *
 * @example
 * if (ev.type === 5 && ev.verdict < 0) console.log('denied', ev.matchTypeName, ev.remoteLabel);
 */
export interface PolicyVerdict extends PolicyVerdictFields, CaptureLeniency, Decoded {
  /** The `dir` bits: 1 `POLICY_INGRESS`, 2 `POLICY_EGRESS`. */
  readonly direction: number;
  /** C name of {@link direction} (`POLICY_INGRESS`), `undefined` for other values. */
  readonly directionName: string | undefined;
  readonly isIngress: boolean;
  readonly isEgress: boolean;
  readonly isIPv6: boolean;
  /** The `match_type` bits. */
  readonly matchType: number;
  /** C name of `matchType` (`POLICY_MATCH_L3_L4`), `undefined` if unknown. */
  readonly matchTypeName: string | undefined;
  /** Allowed only because of audit mode. */
  readonly audited: boolean;
  /** `l3` bit (set for L3 devices; always false where the layout has no such bit). */
  readonly isL3Device: boolean;
  /** The plain-data view: see `JSONView`. */
  toJSON(): PolicyVerdictJSON;
}

/** {@link PolicyVerdict} as plain data: what `toJSON()` returns. */
export type PolicyVerdictJSON = import('./plain.js').JSONView<PolicyVerdict>;

// ---------------------------------------------------------------- recorder capture (6)

/** Raw fields of `struct capture_msg` (24 bytes + packet; releases ≤ v1.18). */
export interface RecorderCaptureFields extends CommonHeaderFields {
  type: 6;
  /** Boot-time timestamp in nanoseconds, as the datapath writes it (`tv_boot`). */
  tvBoot: bigint;
  /** Captured bytes (`caplen`). */
  capLen: number;
  /** Original length (`len`). */
  origLen: number;
  packet: Uint8Array;
}

/** A recorder (pcap) capture. `subtype` is the direction, `source` the recorder rule id. */
export interface RecorderCapture extends RecorderCaptureFields, Pick<CaptureLeniency, 'truncated'>, Decoded {
  /** C name of the direction in `subtype`: `CAPTURE_INGRESS` / `CAPTURE_EGRESS`, `undefined` otherwise. */
  readonly subtypeName: string | undefined;
  /** The plain-data view: see `JSONView`. */
  toJSON(): RecorderCaptureJSON;
}

/** {@link RecorderCapture} as plain data: what `toJSON()` returns. */
export type RecorderCaptureJSON = import('./plain.js').JSONView<RecorderCapture>;

// ---------------------------------------------------------------- trace sock (7)

/** Raw fields of `struct trace_sock_notify` (38 bytes packed ≤ v1.18, 40 bytes from v1.19). */
export interface TraceSockFields {
  type: 7;
  xlatePoint: number;
  /** The 16 bytes of `dst_ip` (IPv4 in the first four, network order). */
  dstIpBytes: Uint8Array;
  dstPort: number;
  sockCookie: bigint;
  cgroupId: bigint;
  l4Proto: number;
  /** Raw flags byte (bit 0 = IPv6). */
  flags: number;
}

/** A socket-LB translation trace. */
export interface TraceSockNotify extends TraceSockFields, Decoded {
  /** `XLATE_PRE_DIRECTION_FWD` …, `undefined` if unknown. */
  readonly xlatePointName: string | undefined;
  /** `L4_PROTOCOL_TCP` …, `undefined` if unknown. */
  readonly l4ProtoName: string | undefined;
  readonly isIPv6: boolean;
  /** `dst_ip` as text (IPv6 when `isIPv6`). */
  readonly dstIp: string;
  /** The plain-data view: see `JSONView`. */
  toJSON(): TraceSockNotifyJSON;
}

/** {@link TraceSockNotify} as plain data: what `toJSON()` returns. */
export type TraceSockNotifyJSON = import('./plain.js').JSONView<TraceSockNotify>;

// ---------------------------------------------------------------- agent-side (129, 130)

/** An L7 access-log record (type 129): a Go gob stream, passed through undecoded. */
export interface AccessLogFields {
  type: 129;
  /** Everything after the type byte. */
  payload: Uint8Array;
}
/** A decoded L7 access-log record (type 129): its gob payload, passed through undecoded. */
export interface AccessLog extends AccessLogFields, Decoded {
  /** The plain-data view: see `JSONView`. */
  toJSON(): AccessLogJSON;
}

/** {@link AccessLog} as plain data: what `toJSON()` returns. */
export type AccessLogJSON = import('./plain.js').JSONView<AccessLog>;

/** An agent notification (type 130): a gob-encoded `{Type uint32, Text string}`. */
export interface AgentNotifyFields {
  type: 130;
  /** Everything after the type byte; {@link encodeEvent} writes it back verbatim. */
  payload: Uint8Array;
}
/** A decoded agent notification (type 130), with the type and text read from its gob payload where it has the expected shape. */
export interface AgentNotify extends AgentNotifyFields, Decoded {
  /** The agent notification type, `undefined` if the payload is not the expected gob value. */
  readonly notificationType: number | undefined;
  /** Cilium's display name of the type (`Policy updated`), `undefined` if unknown. */
  readonly notificationTypeName: string | undefined;
  /** The notification text (JSON), `undefined` if it could not be read. */
  readonly text: string | undefined;
  /** The plain-data view: see `JSONView`. */
  toJSON(): AgentNotifyJSON;
}

/** {@link AgentNotify} as plain data: what `toJSON()` returns. */
export type AgentNotifyJSON = import('./plain.js').JSONView<AgentNotify>;

// ---------------------------------------------------------------- unknown

/** A message type this release does not define. Skip it or inspect `payload`. */
export interface UnknownEventFields {
  type: 'unknown';
  /** The type byte. */
  messageType: number;
  /** Everything after the type byte, as given. */
  payload: Uint8Array;
}
/** A decoded message of a type the release does not define: the type byte and the bytes after it. */
export interface UnknownEvent extends UnknownEventFields, Decoded {
  /** The plain-data view: see `JSONView`. */
  toJSON(): UnknownEventJSON;
}

/** {@link UnknownEvent} as plain data: what `toJSON()` returns. */
export type UnknownEventJSON = import('./plain.js').JSONView<UnknownEvent>;

// ---------------------------------------------------------------- unions

/** Any decoded message; narrow on `type`. */
export type Event =
  | DropNotify
  | DebugMessage
  | DebugCapture
  | TraceNotify
  | PolicyVerdict
  | RecorderCapture
  | TraceSockNotify
  | AccessLog
  | AgentNotify
  | UnknownEvent;

/** What {@link encodeEvent} needs: the raw fields of any message (a decoded event qualifies). */
export type EncodableEvent = (
  | DropNotifyFields
  | DebugMessageFields
  | DebugCaptureFields
  | TraceNotifyFields
  | PolicyVerdictFields
  | RecorderCaptureFields
  | TraceSockFields
  | AccessLogFields
  | AgentNotifyFields
  | UnknownEventFields
) & { release?: Release };

/** Any event's plain-data view (`toJSON()`). */
export type EventJSON =
  | DropNotifyJSON
  | DebugMessageJSON
  | DebugCaptureJSON
  | TraceNotifyJSON
  | PolicyVerdictJSON
  | RecorderCaptureJSON
  | TraceSockNotifyJSON
  | AccessLogJSON
  | AgentNotifyJSON
  | UnknownEventJSON;

/** Header fields readable without decoding an event (see `readHeader`). */
export interface EventHeader {
  /** Byte 0. */
  type: number;
  /** Byte 1 (for trace-sock: the xlate point). */
  subtype: number;
  /** u16 at 2 (0 for trace-sock, which has no common header). */
  source: number;
  /** u32 at 4 (0 for trace-sock). */
  hash: number;
}
