/**
 * Policy verdict notifications (type 5, `struct policy_verdict_notify`). The version byte is
 * 1 in every release, so the release alone decides between the 32- and 40-byte layouts.
 */
import type { ReleaseTables } from '../table-types.js';
import type { PolicyVerdict, Release } from './types.js';
import type { CaptureHeaderLayout } from './capture-header.js';
import { compileCaptureHeader, packetStart, shortBuffer, unknownVersion } from './capture-header.js';
import type { BitField } from './layout.js';
import { LayoutDefect, bitField, offsetOf, optionalOffsetOf } from './layout.js';
import type { ReleaseNames } from './names.js';

/** The datapath writes `NOTIFY_CAPTURE_VER` (1); 0 is a zero-initialised Go struct. */
const MAX_VERSION = 1;

export interface PolicyLayout {
  hdr: CaptureHeaderLayout;
  length: number;
  remoteLabel: number;
  verdict: number;
  dstPort: number;
  proto: number;
  /** The byte holding the dir/ipv6/match_type/audited/l3 bitfields. */
  flags: number;
  dir: BitField;
  ipv6: BitField;
  matchType: BitField;
  audited: BitField;
  l3: BitField;
  authType: number;
  cookie: number;
  ingress: number;
  egress: number;
}

export function compilePolicy(t: ReleaseTables, littleEndian: boolean): PolicyLayout {
  const n = 'policy_verdict_notify';
  const s = t.structs[n];
  if (s === undefined) throw new LayoutDefect(`release ${t.release} has no ${n}`);
  const dir = bitField(s, 'dir', littleEndian);
  if (dir.offset < 0) throw new LayoutDefect(`${n} has no dir bitfield`);
  const directions = t.enums['POLICY'] ?? {};
  return {
    hdr: compileCaptureHeader(s, n),
    length: s.size,
    remoteLabel: offsetOf(s, 'remote_label', 4, n),
    verdict: offsetOf(s, 'verdict', 4, n),
    dstPort: offsetOf(s, 'dst_port', 2, n),
    proto: offsetOf(s, 'proto', 1, n),
    flags: dir.offset,
    dir,
    ipv6: bitField(s, 'ipv6', littleEndian),
    matchType: bitField(s, 'match_type', littleEndian),
    audited: bitField(s, 'audited', littleEndian),
    l3: bitField(s, 'l3', littleEndian),
    authType: offsetOf(s, 'auth_type', 1, n),
    cookie: optionalOffsetOf(s, 'cookie', 4, n),
    ingress: directions['POLICY_INGRESS'] ?? 1,
    egress: directions['POLICY_EGRESS'] ?? 2,
  };
}

const EMPTY = new Uint8Array(0);

export class PolicyVerdictEvent implements PolicyVerdict {
  declare readonly type: 5;
  declare readonly subtype: number;
  declare readonly source: number;
  declare readonly hash: number;
  declare readonly origLen: number;
  declare readonly capLen: number;
  declare readonly version: number;
  declare readonly extVersion: number;
  declare readonly remoteLabel: number;
  declare readonly verdict: number;
  declare readonly dstPort: number;
  declare readonly proto: number;
  declare readonly flags: number;
  declare readonly authType: number;
  declare readonly cookie: number;
  declare readonly direction: number;
  declare readonly isIngress: boolean;
  declare readonly isEgress: boolean;
  declare readonly isIPv6: boolean;
  declare readonly matchType: number;
  declare readonly matchTypeName: string | undefined;
  declare readonly audited: boolean;
  declare readonly isL3Device: boolean;
  declare readonly release: Release;
  readonly #bytes: Uint8Array;
  readonly #extStart: number;
  readonly #packetStart: number;

  constructor(
    L: PolicyLayout,
    names: ReleaseNames,
    le: boolean,
    bytes: Uint8Array,
    view: DataView,
    version: number,
    extVersion: number,
    capLen: number,
    pktStart: number,
  ) {
    const b = bytes.byteOffset;
    const flags = bytes[L.flags] as number;
    const direction = (flags & L.dir.mask) >>> L.dir.shift;
    const matchType = (flags & L.matchType.mask) >>> L.matchType.shift;
    this.type = 5;
    this.subtype = bytes[L.hdr.subtype] as number;
    this.source = view.getUint16(b + L.hdr.source, le);
    this.hash = view.getUint32(b + L.hdr.hash, le);
    this.origLen = view.getUint32(b + L.hdr.origLen, le);
    this.capLen = capLen;
    this.version = version;
    this.extVersion = extVersion;
    this.remoteLabel = view.getUint32(b + L.remoteLabel, le);
    this.verdict = view.getInt32(b + L.verdict, le);
    this.dstPort = view.getUint16(b + L.dstPort, le);
    this.proto = bytes[L.proto] as number;
    this.flags = flags;
    this.authType = bytes[L.authType] as number;
    this.cookie = L.cookie >= 0 ? view.getUint32(b + L.cookie, le) : 0;
    this.direction = direction;
    this.isIngress = direction === L.ingress;
    this.isEgress = direction === L.egress;
    this.isIPv6 = (flags & L.ipv6.mask) !== 0;
    this.matchType = matchType;
    this.matchTypeName = names.policyMatch[matchType];
    this.audited = (flags & L.audited.mask) !== 0;
    this.isL3Device = (flags & L.l3.mask) !== 0;
    this.release = names.release;
    this.#bytes = bytes;
    this.#extStart = L.length;
    this.#packetStart = pktStart;
  }

  get packet(): Uint8Array {
    return this.#bytes.subarray(this.#packetStart, this.#packetStart + this.capLen);
  }

  get extension(): Uint8Array {
    return this.#packetStart === this.#extStart ? EMPTY : this.#bytes.subarray(this.#extStart, this.#packetStart);
  }
}

/** Decodes a policy verdict; `bytes[0]` is known to be 5. */
export function decodePolicy(
  L: PolicyLayout,
  names: ReleaseNames,
  le: boolean,
  ext: Int32Array,
  bytes: Uint8Array,
  view: DataView,
): PolicyVerdictEvent {
  const available = bytes.length;
  if (available < L.length) throw shortBuffer(5, L.length, available);
  const b = bytes.byteOffset;
  const version = L.hdr.versionSize === 1 ? (bytes[L.hdr.version] as number) : view.getUint16(b + L.hdr.version, le);
  if (version > MAX_VERSION) throw unknownVersion(5, version, names.release, L.hdr.version);
  const extVersion = L.hdr.extVersion >= 0 ? (bytes[L.hdr.extVersion] as number) : 0;
  const capLen = view.getUint16(b + L.hdr.capLen, le);
  const start = packetStart(L.length, ext, extVersion, capLen, available, 5, L.hdr.extVersion);
  return new PolicyVerdictEvent(L, names, le, bytes, view, version, extVersion, capLen, start);
}
