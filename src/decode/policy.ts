/**
 * Policy verdict notifications (type 5, `struct policy_verdict_notify`). The version byte is
 * 1 in every release, so the release alone decides between the 32- and 40-byte layouts; like
 * Cilium's Go decoder, any version value is accepted and kept.
 */
import type { ReleaseTables } from '../table-types.js';
import type { PolicyVerdict, PolicyVerdictJSON, Release } from './types.js';
import type { CaptureHeaderLayout } from './capture-header.js';
import type { ExtensionTable } from './context-cache.js';
import { compileCaptureHeader, packetStart, readVersion, shortBuffer } from './capture-header.js';
import type { BitField } from './layout.js';
import { LayoutDefect, bitField, offsetOf, optionalOffsetOf } from './layout.js';
import type { ReleaseNames } from './names.js';
import type { Reader } from './read.js';
import { LE, readerFor } from './read.js';
import type { Writable } from './internal.js';
import { BYTES, EMPTY_BYTES, LAYOUT, PACKET_START } from './internal.js';
import { jsonView, withDataView } from './plain.js';

export interface PolicyLayout {
  names: ReleaseNames;
  rd: Reader;
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

export function compilePolicy(t: ReleaseTables, names: ReleaseNames, le: boolean): PolicyLayout {
  const n = 'policy_verdict_notify';
  const s = t.structs[n];
  if (s === undefined) throw new LayoutDefect(`release ${t.release} has no ${n}`);
  const dir = bitField(s, 'dir', le);
  if (dir.offset < 0) throw new LayoutDefect(`${n} has no dir bitfield`);
  const directions = t.enums['POLICY'];
  const ingress = directions?.['POLICY_INGRESS'];
  const egress = directions?.['POLICY_EGRESS'];
  if (ingress === undefined || egress === undefined) throw new LayoutDefect('no POLICY_INGRESS/POLICY_EGRESS');
  return {
    names,
    rd: readerFor(le),
    hdr: compileCaptureHeader(s, n),
    length: s.size,
    remoteLabel: offsetOf(s, 'remote_label', 4, n),
    verdict: offsetOf(s, 'verdict', 4, n),
    dstPort: offsetOf(s, 'dst_port', 2, n),
    proto: offsetOf(s, 'proto', 1, n),
    flags: dir.offset,
    dir,
    ipv6: bitField(s, 'ipv6', le),
    matchType: bitField(s, 'match_type', le),
    audited: bitField(s, 'audited', le),
    l3: bitField(s, 'l3', le),
    authType: offsetOf(s, 'auth_type', 1, n),
    cookie: optionalOffsetOf(s, 'cookie', 4, n),
    ingress,
    egress,
  };
}

/** The order of {@link PolicyVerdictJSON} views. */
const POLICY_VERDICT_KEYS = ['type', 'release', 'subtype', 'source', 'hash', 'origLen', 'capLen', 'version', 'extVersion', 'remoteLabel', 'verdict', 'dstPort', 'proto', 'flags', 'direction', 'directionName', 'isIngress', 'isEgress', 'isIPv6', 'matchType', 'matchTypeName', 'audited', 'isL3Device', 'authType', 'cookie', 'extension', 'packet', 'truncated', 'unknownExtension'] as const;

export const PolicyVerdictEvent = /*#__PURE__*/ withDataView(
  class PolicyVerdictEvent implements PolicyVerdict {
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
    declare readonly [LAYOUT]: PolicyLayout;
    declare readonly [BYTES]: Uint8Array;
    declare readonly [PACKET_START]: number;

    /**
     * All values at once: V8 folds these stores into the allocation of a fresh event. A reused
     * event (`createDecoder({ reuse: true })`) is written by `fillPolicy` instead; the reuse
     * property test (test/decode/reuse.test.ts) keeps the two lists equal.
     */
    constructor(
      L: PolicyLayout,
      b: Uint8Array,
      pktStart: number,
      subtype: number,
      source: number,
      hash: number,
      origLen: number,
      capLen: number,
      version: number,
      extVersion: number,
      remoteLabel: number,
      verdict: number,
      dstPort: number,
      proto: number,
      flags: number,
      authType: number,
      cookie: number,
    ) {
      this.type = 5;
      this.subtype = subtype;
      this.source = source;
      this.hash = hash;
      this.origLen = origLen;
      this.capLen = capLen;
      this.version = version;
      this.extVersion = extVersion;
      this.remoteLabel = remoteLabel;
      this.verdict = verdict;
      this.dstPort = dstPort;
      this.proto = proto;
      this.flags = flags;
      this.authType = authType;
      this.cookie = cookie;
      this[LAYOUT] = L;
      this[BYTES] = b;
      this[PACKET_START] = pktStart;
    }

    get packet(): Uint8Array {
      return this[BYTES].subarray(this[PACKET_START], this[PACKET_START] + this.capLen);
    }

    get extension(): Uint8Array {
      const start = this[LAYOUT].length;
      return this[PACKET_START] === start ? EMPTY_BYTES : this[BYTES].subarray(start, this[PACKET_START]);
    }

    get truncated(): boolean {
      return this[PACKET_START] + this.capLen > this[BYTES].length;
    }

    get unknownExtension(): boolean {
      return this.extVersion !== 0 && this[PACKET_START] === this[LAYOUT].length;
    }

    get direction(): number {
      const f = this[LAYOUT].dir;
      return (this.flags & f.mask) >>> f.shift;
    }

    get directionName(): string | undefined {
      const L = this[LAYOUT];
      const d = this.direction;
      return d === L.ingress ? 'POLICY_INGRESS' : d === L.egress ? 'POLICY_EGRESS' : undefined;
    }

    get isIngress(): boolean {
      return this.direction === this[LAYOUT].ingress;
    }

    get isEgress(): boolean {
      return this.direction === this[LAYOUT].egress;
    }

    get isIPv6(): boolean {
      return (this.flags & this[LAYOUT].ipv6.mask) !== 0;
    }

    get matchType(): number {
      const f = this[LAYOUT].matchType;
      return (this.flags & f.mask) >>> f.shift;
    }

    get matchTypeName(): string | undefined {
      return this[LAYOUT].names.policyMatch[this.matchType];
    }

    get audited(): boolean {
      return (this.flags & this[LAYOUT].audited.mask) !== 0;
    }

    get isL3Device(): boolean {
      return (this.flags & this[LAYOUT].l3.mask) !== 0;
    }

    get release(): Release {
      return this[LAYOUT].names.release;
    }
    toJSON(): PolicyVerdictJSON {
      return jsonView<PolicyVerdict, typeof POLICY_VERDICT_KEYS>(this, POLICY_VERDICT_KEYS);
    }

  },
  'PolicyVerdict',
);
export type PolicyVerdictEvent = InstanceType<typeof PolicyVerdictEvent>;

/**
 * Decodes a policy verdict; `b[0]` is known to be 5.
 *
 * The little-endian reads are spelled out, and `into` filled, for the reasons given at `decodeDrop`.
 */
export function decodePolicy(L: PolicyLayout, ext: ExtensionTable, b: Uint8Array, into: PolicyVerdictEvent | undefined): PolicyVerdictEvent {
  const available = b.length;
  if (available < L.length) throw shortBuffer(5, L.length, available);
  const version = readVersion(L.hdr, b, L.rd);
  const extVersion = L.hdr.extVersion >= 0 ? b[L.hdr.extVersion]! : 0;
  const capLen = L.rd.u16(b, L.hdr.capLen);
  const pktStart = packetStart(L.length, ext, extVersion, capLen, available, 5, L.hdr.extVersion);
  let source: number, hash: number, origLen: number, remoteLabel: number, verdict: number, dstPort: number, cookie: number;
  if (L.rd === LE) {
    let o = L.hdr.source;
    source = b[o]! | (b[o + 1]! << 8);
    o = L.hdr.hash;
    hash = (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
    o = L.hdr.origLen;
    origLen = (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
    o = L.remoteLabel;
    remoteLabel = (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
    o = L.verdict;
    verdict = b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24);
    o = L.dstPort;
    dstPort = b[o]! | (b[o + 1]! << 8);
    o = L.cookie;
    cookie = o < 0 ? 0 : (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
  } else {
    const r = L.rd;
    source = r.u16(b, L.hdr.source);
    hash = r.u32(b, L.hdr.hash);
    origLen = r.u32(b, L.hdr.origLen);
    remoteLabel = r.u32(b, L.remoteLabel);
    verdict = r.s32(b, L.verdict);
    dstPort = r.u16(b, L.dstPort);
    cookie = L.cookie < 0 ? 0 : r.u32(b, L.cookie);
  }
  const subtype = b[L.hdr.subtype]!;
  const proto = b[L.proto]!;
  const flags = b[L.flags]!;
  const authType = b[L.authType]!;
  return into === undefined
    ? new PolicyVerdictEvent(L, b, pktStart, subtype, source, hash, origLen, capLen, version, extVersion, remoteLabel, verdict, dstPort, proto, flags, authType, cookie)
    : fillPolicy(into, b, pktStart, subtype, source, hash, origLen, capLen, version, extVersion, remoteLabel, verdict, dstPort, proto, flags, authType, cookie);
}

/**
 * Writes every field of a reused event, as the constructor does for a fresh one; called only
 * once every check has passed, so a reused event is never left half-written.
 */
function fillPolicy(
  ev: Writable<PolicyVerdictEvent>,
  b: Uint8Array,
  pktStart: number,
  subtype: number,
  source: number,
  hash: number,
  origLen: number,
  capLen: number,
  version: number,
  extVersion: number,
  remoteLabel: number,
  verdict: number,
  dstPort: number,
  proto: number,
  flags: number,
  authType: number,
  cookie: number,
): PolicyVerdictEvent {
  ev.subtype = subtype;
  ev.source = source;
  ev.hash = hash;
  ev.origLen = origLen;
  ev.capLen = capLen;
  ev.version = version;
  ev.extVersion = extVersion;
  ev.remoteLabel = remoteLabel;
  ev.verdict = verdict;
  ev.dstPort = dstPort;
  ev.proto = proto;
  ev.flags = flags;
  ev.authType = authType;
  ev.cookie = cookie;
  ev[BYTES] = b;
  ev[PACKET_START] = pktStart;
  return ev as PolicyVerdictEvent;
}
