/**
 * A re-implementation of what Cilium gets out of gopacket's `DecodingLayerParser`: which layers
 * decode, in which order, with which fields, and when decoding fails. Cilium prints `[error]`
 * for a packet gopacket rejects and stops at the first layer it has no decoder for, so the exact
 * acceptance rules matter more here than a friendly dissection (see `src/packet/` for that).
 *
 * Rules mirrored from gopacket v1.5.0 `layers/*.go` `DecodeFromBytes`/`NextLayerType`, plus the
 * `LayersDecoder` loop: decode, record, pick the next type from the layer, stop on an empty
 * payload, stop silently on a type without a decoder.
 */
import type {
  DecodedLayers,
  DecoderSet,
  HopByHop,
  IPv4Layer,
  IPv6Layer,
  LayerName,
  TCPLayer,
  TCPOption,
  TunnelLayer,
  UDPLayer,
} from './layer-types.js';
import { goIPString } from '../go-text.js';
import {
  PAYLOAD,
  etherTypeLayer,
  icmpv6Next,
  ipProtocolLayer,
  ipProtocolName,
  portLayer,
  tcpPortLayer,
  udpPortLayer,
  type Next,
} from './registry.js';

/**
 * A gopacket decode error (its text is what Go prints). Thrown and caught only inside
 * `decodeLayers`; deliberately not an `Error`, so malformed packets cost no stack capture.
 */
class LayerError {
  constructor(readonly message: string) {}
}

function be16(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
}
function be32(b: Uint8Array, i: number): number {
  return (((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0;
}

interface Step {
  next: Next;
  payload: Uint8Array;
}

function decodeEthernet(data: Uint8Array, out: DecodedLayers, set: DecoderSet): Step {
  if (data.length < 14) throw new LayerError('Ethernet packet too small');
  let etherType = be16(data, 12);
  let length = 0;
  let payload = data.subarray(14);
  if (etherType < 0x0600) {
    length = etherType;
    etherType = 0;
    const cmp = payload.length - length;
    if (cmp < 0) out.truncated = true;
    else if (cmp > 0) payload = payload.subarray(0, length);
  }
  out.ethernet = {
    dst: data.subarray(0, 6),
    src: data.subarray(6, 12),
    etherType,
    length,
    contents: data.subarray(0, 14),
    payload,
  };
  return { next: etherTypeLayer(etherType, set), payload };
}

const NIL = new Uint8Array(0);

/**
 * gopacket decodes into one struct per layer type, reused when a type decodes twice in a packet
 * (IP in IP, TEB) and printed in its final state for every occurrence: decoders mutate the
 * struct in gopacket's order, so a failing second decode leaves the fields it set before failing.
 */
function ipv4Struct(out: DecodedLayers): IPv4Layer {
  return (out.ipv4 ??= {
    version: 0,
    ihl: 0,
    tos: 0,
    length: 0,
    id: 0,
    flags: 0,
    fragOffset: 0,
    ttl: 0,
    protocol: 0,
    checksum: 0,
    src: NIL,
    dst: NIL,
    options: [],
    padding: NIL,
    contents: NIL,
    payload: NIL,
  });
}

function ipv4HeaderFields(ip: IPv4Layer, d: Uint8Array): void {
  const flagsFrag = be16(d, 6);
  ip.version = (d[0] ?? 0) >> 4;
  ip.tos = d[1] ?? 0;
  ip.id = be16(d, 4);
  ip.flags = flagsFrag >> 13;
  ip.fragOffset = flagsFrag & 0x1fff;
  ip.ttl = d[8] ?? 0;
  ip.protocol = d[9] ?? 0;
  ip.checksum = be16(d, 10);
  ip.src = d.subarray(12, 16);
  ip.dst = d.subarray(16, 20);
}

function decodeIPv4(data: Uint8Array, out: DecodedLayers, set: DecoderSet): Step {
  if (data.length < 20) {
    out.truncated = true;
    throw new LayerError(`Invalid ip4 header. Length ${data.length} less than 20`);
  }
  const order = set.ipv4Order ?? 'v1.3.2';
  const ip = ipv4Struct(out);
  if (order === 'v1.1') {
    ipv4HeaderFields(ip, data);
    ip.options = [];
    ip.padding = NIL;
    ip.contents = data;
    ip.payload = NIL;
  }
  ip.length = be16(data, 2);
  ip.ihl = (data[0] ?? 0) & 0x0f;
  if (ip.length === 0) ip.length = data.length;
  const { length, ihl } = ip;
  if (length < 20) throw new LayerError(`Invalid (too small) IP length (${length} < 20)`);
  if (ihl < 5) throw new LayerError(`Invalid (too small) IP header length (${ihl} < 5)`);
  if (ihl * 4 > length) throw new LayerError(`Invalid IP header length > IP length (${ihl} > ${length})`);
  let d = data;
  if (d.length > length) d = d.subarray(0, length);
  else if (d.length < length) {
    out.truncated = true;
    if (ihl * 4 > d.length) throw new LayerError('Not all IP header bytes available');
  }
  ip.options = [];
  ip.contents = d.subarray(0, ihl * 4);
  ip.payload = d.subarray(ihl * 4);
  let opts = d.subarray(20, ihl * 4);
  while (opts.length > 0) {
    const kind = opts[0] ?? 0;
    if (kind === 0) {
      ip.options.push({ type: 0, data: undefined });
      ip.padding = opts.subarray(1);
      // v1.1.19 and v1.3.1 return here: v1.3.1 has not set the header fields yet.
      if (order !== 'v1.3.2') return ipv4Next(ip, set);
      break;
    }
    if (kind === 1) {
      ip.options.push({ type: 1, data: undefined });
      opts = opts.subarray(1);
      continue;
    }
    if (opts.length < 2) {
      out.truncated = true;
      throw new LayerError(`Invalid ip4 option length. Length ${opts.length} less than 2`);
    }
    const optLen = opts[1] ?? 0;
    if (opts.length < optLen) {
      out.truncated = true;
      throw new LayerError(
        `IP option length exceeds remaining IP header size, option type ${kind} length ${optLen}`,
      );
    }
    if (optLen <= 2) throw new LayerError(`Invalid IP option type ${kind} length ${optLen}. Must be greater than 2`);
    ip.options.push({ type: kind, data: opts.subarray(2, optLen) });
    opts = opts.subarray(optLen);
  }
  if (order !== 'v1.1') ipv4HeaderFields(ip, d);
  // v1.3.1 clears the padding after the fields (only an EOL return keeps it).
  if (order === 'v1.3.1') ip.padding = NIL;
  return ipv4Next(ip, set);
}

/** `IPv4.NextLayerType()`, from the struct as the decode left it. */
function ipv4Next(ip: IPv4Layer, set: DecoderSet): Step {
  // More-fragments or a fragment offset: gopacket hands the rest to its Fragment layer,
  // which Cilium's parsers do not decode.
  const fragment = (ip.flags & 0x1) !== 0 || ip.fragOffset !== 0;
  return { next: fragment ? { other: 'Fragment' } : ipProtocolLayer(ip.protocol, set), payload: ip.payload };
}

const IPV6_HOP_BY_HOP = 0;
const IPV6_JUMBOGRAM_OPTION = 0xc2;

function ipv6Struct(out: DecodedLayers): IPv6Layer {
  return (out.ipv6 ??= {
    version: 0,
    trafficClass: 0,
    flowLabel: 0,
    length: 0,
    nextHeader: 0,
    hopLimit: 0,
    src: NIL,
    dst: NIL,
    hopByHop: undefined,
    contents: NIL,
    payload: NIL,
  });
}

function decodeIPv6(data: Uint8Array, out: DecodedLayers, set: DecoderSet): Step {
  if (data.length < 40) {
    out.truncated = true;
    throw new LayerError(`Invalid ip6 header. Length ${data.length} less than 40`);
  }
  const ip = ipv6Struct(out);
  ip.version = (data[0] ?? 0) >> 4;
  ip.trafficClass = (be16(data, 0) >> 4) & 0xff;
  ip.flowLabel = be32(data, 0) & 0x000fffff;
  ip.length = be16(data, 4);
  ip.nextHeader = data[6] ?? 0;
  ip.hopLimit = data[7] ?? 0;
  ip.src = data.subarray(8, 24);
  ip.dst = data.subarray(24, 40);
  ip.hopByHop = undefined;
  ip.contents = data.subarray(0, 40);
  ip.payload = data.subarray(40);
  if (ip.nextHeader === IPV6_HOP_BY_HOP) {
    const hbh = decodeHopByHop(ip.payload, out);
    ip.hopByHop = hbh;
    const jumbo = jumboLength(hbh);
    if (jumbo !== undefined && ip.length === 0) {
      let end = jumbo;
      if (end > ip.payload.length) {
        out.truncated = true;
        end = ip.payload.length;
      }
      ip.payload = ip.payload.subarray(0, end);
      return { next: ipProtocolLayer(hbh.next, set), payload: ip.payload };
    }
    if (jumbo !== undefined) throw new LayerError('IPv6 has jumbo length and IPv6 length is not 0');
    if (ip.length === 0) throw new LayerError('IPv6 length 0, but HopByHop header does not have jumbogram option');
    ip.payload = ip.payload.subarray(hbh.actualLength);
  }
  if (ip.length === 0) {
    throw new LayerError(`IPv6 length 0, but next header is ${ipProtocolName(ip.nextHeader)}, not HopByHop`);
  }
  let end = ip.length;
  if (end > ip.payload.length) {
    out.truncated = true;
    end = ip.payload.length;
  }
  ip.payload = ip.payload.subarray(0, end);
  const next = ip.hopByHop?.next ?? ip.nextHeader;
  return { next: ipProtocolLayer(next, set), payload: ip.payload };
}

function decodeHopByHop(data: Uint8Array, out: DecodedLayers): HopByHop {
  if (data.length < 2) {
    out.truncated = true;
    throw new LayerError(`Invalid ip6-extension header. Length ${data.length} less than 2`);
  }
  const next = data[0] ?? 0;
  const actualLength = (data[1] ?? 0) * 8 + 8;
  if (data.length < actualLength) {
    throw new LayerError(`Invalid ip6-extension header. Length ${data.length} less than specified length ${actualLength}`);
  }
  const options: HopByHop['options'] = [];
  let offset = 2;
  // gopacket walks the options over the rest of the packet, bounded only by the header length.
  while (offset < actualLength) {
    const opt = data.subarray(offset);
    if (opt.length < 2) {
      out.truncated = true;
      throw new LayerError('IPv6 header option too small');
    }
    if (opt[0] === 0) {
      options.push({ type: 0, length: 0, actualLength: 1, data: new Uint8Array(0) });
      offset += 1;
      continue;
    }
    const optLen = (opt[1] ?? 0) + 2;
    if (opt.length < optLen) {
      out.truncated = true;
      throw new LayerError('IPv6 header TLV option too small');
    }
    options.push({ type: opt[0] ?? 0, length: opt[1] ?? 0, actualLength: optLen, data: opt.subarray(2, optLen) });
    offset += optLen;
  }
  return {
    next,
    headerLength: data[1] ?? 0,
    actualLength,
    contents: data.subarray(0, actualLength),
    payload: data.subarray(actualLength),
    options,
  };
}

/** `getIPv6HopByHopJumboLength`: the first jumbogram option's length, checked. */
function jumboLength(h: HopByHop): number | undefined {
  const tlv = h.options.find((o) => o.type === IPV6_JUMBOGRAM_OPTION);
  if (tlv === undefined) return undefined;
  if (tlv.data.length !== 4) throw new LayerError('Jumbo length TLV data must have length 4');
  const l = be32(tlv.data, 0);
  if (l <= 65535) throw new LayerError('Jumbo length cannot be less than 65536');
  return l;
}

function decodeTCP(data: Uint8Array, out: DecodedLayers, set: DecoderSet): Step {
  if (data.length < 20) {
    out.truncated = true;
    throw new LayerError(`Invalid TCP header. Length ${data.length} less than 20`);
  }
  const dataOffset = (data[12] ?? 0) >> 4;
  const layer: TCPLayer = {
    srcPort: be16(data, 0),
    dstPort: be16(data, 2),
    seq: be32(data, 4),
    ack: be32(data, 8),
    dataOffset,
    flags: data[13] ?? 0,
    ns: ((data[12] ?? 0) & 0x01) !== 0,
    window: be16(data, 14),
    checksum: be16(data, 16),
    urgent: be16(data, 18),
    options: [],
    padding: EMPTY,
    multipath: false,
    contents: data,
    payload: EMPTY,
  };
  // Flags and ports are set before the checks below fail, exactly like gopacket's struct.
  out.tcp = layer;
  if (dataOffset < 5) throw new LayerError(`Invalid TCP data offset ${dataOffset} < 5`);
  const start = dataOffset * 4;
  if (start > data.length) {
    out.truncated = true;
    throw new LayerError('TCP data offset greater than packet length');
  }
  layer.contents = data.subarray(0, start);
  layer.payload = data.subarray(start);
  const next = portLayer(tcpPortLayer(layer.dstPort), tcpPortLayer(layer.srcPort));
  tcpOptions(data.subarray(20, start), layer, out, set.mptcp ?? 'decode');
  return { next, payload: layer.payload };
}

const EMPTY = new Uint8Array(0);

/** gopacket's `OPTIONS:` loop of `TCP.DecodeFromBytes`. */
function tcpOptions(opts: Uint8Array, layer: TCPLayer, out: DecodedLayers, mptcp: 'generic' | 'decode' | 'checked'): void {
  let data = opts;
  while (data.length > 0) {
    const kind = data[0] ?? 0;
    if (kind === 0) {
      layer.options.push({ kind, data: undefined, text: undefined });
      layer.padding = data.subarray(1);
      return;
    }
    let length: number;
    if (kind === 1) {
      layer.options.push({ kind, data: undefined, text: undefined });
      length = 1;
    } else if (kind === 30 && mptcp !== 'generic') {
      layer.multipath = true;
      length = index(data, 1);
      if (length === 0 && mptcp === 'checked') throw new LayerError('MPTCP bad option length 0');
      layer.options.push({ kind, data: undefined, text: mptcpOption(data, length) });
      // gopacket v1.3–v1.5 reslice by a zero length forever: Go never returns from that packet.
      if (length === 0) throw new LayerError('MPTCP option length 0 (gopacket loops forever)');
    } else {
      if (data.length < 2) {
        out.truncated = true;
        throw new LayerError(`Invalid TCP option length. Length ${data.length} less than 2`);
      }
      length = data[1] ?? 0;
      if (length < 2) throw new LayerError(`Invalid TCP option length ${length} < 2`);
      if (length > data.length) {
        out.truncated = true;
        throw new LayerError(`Invalid TCP option length ${length} exceeds remaining ${data.length} bytes`);
      }
      layer.options.push({ kind, data: data.subarray(2, length), text: undefined });
    }
    // `data = data[opt.OptionLength:]`: an MPTCP length is never checked against the header.
    if (length > data.length) {
      throw new LayerError(`panic: runtime error: slice bounds out of range [${length}:${data.length}]`);
    }
    data = data.subarray(length);
  }
}

const MPTCP_SUBTYPES = ['MP_CAPABLE', 'MP_JOIN', 'DSS', 'ADD_ADDR', 'REMOVE_ADDR', 'MP_PRIO', 'MP_FAIL', 'MP_FASTCLOSE', 'MP_TCPRST'];

/**
 * gopacket's MPTCP branch (layers/tcp.go, v1.3.1–v1.6.1) for one option of `length` bytes:
 * its length checks, the bounds Go checks (indexes against `len`, reslices against `cap`, which
 * reaches into the payload and beyond), and `TCPOption.String()` of what it decoded.
 */
function mptcpOption(data: Uint8Array, length: number): string {
  const b2 = index(data, 2);
  const subtype = b2 >> 4;
  const name = MPTCP_SUBTYPES[subtype] ?? '';
  const bad = (label: string): LayerError => new LayerError(`${label} bad option length ${length}`);
  switch (subtype) {
    case 0: {
      if (length !== 4 && length !== 12 && length !== 20 && length !== 22 && length !== 24) throw bad('MP_CAPABLE');
      index(data, 3);
      for (const hi of [12, 20, 22, 24]) if (length >= hi) sliceCap(data, hi);
      return `MPTCPOption(${name} Version ${b2 & 0x0f})`;
    }
    case 1: {
      if (length !== 12 && length !== 16 && length !== 24) throw bad('MP_JOIN');
      if (length === 24) {
        sliceCap(data, 24);
        return `MPTCPOption(${name} Backup false;Address ID 0)`;
      }
      const addrId = index(data, 3);
      sliceCap(data, length === 12 ? 8 : 12);
      sliceCap(data, length === 12 ? 12 : 16);
      return `MPTCPOption(${name} Backup ${(b2 & 1) !== 0};Address ID ${addrId})`;
    }
    case 2: {
      const f = index(data, 3);
      const m = (f & 0x08) !== 0;
      const M = (f & 0x04) !== 0;
      const a = (f & 0x02) !== 0;
      const A = (f & 0x01) !== 0;
      const dssLen = (csum: boolean): number => 4 + (A ? (a ? 8 : 4) : 0) + (M ? 10 + (m ? 4 : 0) + (csum ? 2 : 0) : 0);
      if (length !== dssLen(false) && length !== dssLen(true)) throw bad('DSS');
      let at = 4;
      const take = (n: number): void => {
        sliceCap(data, at + n);
        at += n;
      };
      if (A) take(a ? 8 : 4);
      if (M) {
        take(m ? 8 : 4);
        take(4);
        take(2);
        // uint8 arithmetic: OptionLength-lenOpt == 2.
        if (((length - at) & 0xff) === 2) sliceCap(data, at + 2);
      }
      return `MPTCPOption(${name})`;
    }
    case 3: {
      const v0 = (b2 & 0x0f) > 1;
      const hmac = !v0 && (b2 & 1) !== 0;
      const addrLen = (n: number): boolean => n === 8 || n === 10 || n === 20 || n === 22;
      if (!addrLen(v0 || hmac ? length : (length - 8) & 0xff)) throw bad('ADD_ADDR');
      const addrId = index(data, 3);
      let rest = length;
      if (!v0 && !hmac) {
        const from = (length - 8) & 0xff;
        if (from > data.length) throw new LayerError(`panic: runtime error: slice bounds out of range [${from}:${data.length}]`);
        rest = from;
      }
      const v6 = rest >= 20;
      const address = sliceCap(data, v6 ? 20 : 8).subarray(4);
      const port = rest === 10 || rest === 22 ? be16(sliceCap(data, rest), rest - 2) : 0;
      return `MPTCPOption(${name} Address ID ${addrId};Address ${goIPString(address)};Port ${port})`;
    }
    case 4: {
      if (length < 4) throw bad('Rem_ADDR');
      const ids: number[] = [];
      for (let n = 0; n < length - 3; n++) ids.push(index(data, 3 + n));
      return `MPTCPOption(${name} Address ID [${ids.join(' ')}])`;
    }
    case 5: {
      if (length !== 3 && length !== 4) throw bad('MP_PRIO');
      const addrId = length === 4 ? index(data, 3) : 0;
      return `MPTCPOption(${name} Backup ${(b2 & 1) !== 0};Address ID ${addrId})`;
    }
    case 6:
    case 7:
      if (length !== 12) throw bad(subtype === 6 ? 'MP_FAIL' : 'MP_FASTCLOSE');
      sliceCap(data, 12);
      return `MPTCPOption(${name})`;
    case 8: {
      if (length !== 4) throw bad('MP_TCPRST');
      const reason = index(data, 3);
      return `MPTCPOption(${name} Transient ${(b2 & 1) !== 0}; Reason ${reason})`;
    }
    default:
      // Subtypes 9–15 decode nothing; String() falls back to the generic form with no data.
      return 'TCPOption(MultipathTCP:)';
  }
}

function decodeUDP(data: Uint8Array, out: DecodedLayers, set: DecoderSet): Step {
  if (data.length < 8) {
    out.truncated = true;
    throw new LayerError(`Invalid UDP header. Length ${data.length} less than 8`);
  }
  // One struct per parser (tunnels nest UDP): the header fields are set before the length check.
  const u = (out.udp ??= { srcPort: 0, dstPort: 0, length: 0, checksum: 0, contents: NIL, payload: NIL });
  u.srcPort = be16(data, 0);
  u.dstPort = be16(data, 2);
  u.length = be16(data, 4);
  u.checksum = be16(data, 6);
  u.contents = data.subarray(0, 8);
  if (u.length >= 8) {
    let end = u.length;
    if (end > data.length) {
      out.truncated = true;
      end = data.length;
    }
    u.payload = data.subarray(8, end);
  } else if (u.length === 0) {
    u.payload = data.subarray(8);
  } else {
    throw new LayerError(`UDP packet too small: ${u.length} bytes`);
  }
  return { next: portLayer(udpPortLayer(u.dstPort, set), udpPortLayer(u.srcPort, set)), payload: u.payload };
}

function decodeSCTP(data: Uint8Array, out: DecodedLayers): Step {
  if (data.length < 12) throw new LayerError('Invalid SCTP common header length');
  out.sctp = {
    srcPort: be16(data, 0),
    dstPort: be16(data, 2),
    contents: data.subarray(0, 12),
    payload: data.subarray(12),
  };
  return { next: PAYLOAD, payload: out.sctp.payload };
}

function decodeICMPv4(data: Uint8Array, out: DecodedLayers): Step {
  if (data.length < 8) {
    out.truncated = true;
    throw new LayerError('ICMP layer less then 8 bytes for ICMPv4 packet');
  }
  out.icmpv4 = {
    type: data[0] ?? 0,
    code: data[1] ?? 0,
    checksum: be16(data, 2),
    contents: data.subarray(0, 8),
    payload: data.subarray(8),
  };
  return { next: PAYLOAD, payload: out.icmpv4.payload };
}

function decodeICMPv6(data: Uint8Array, out: DecodedLayers): Step {
  if (data.length < 4) {
    out.truncated = true;
    throw new LayerError('ICMP layer less then 4 bytes for ICMPv6 packet');
  }
  out.icmpv6 = {
    type: data[0] ?? 0,
    code: data[1] ?? 0,
    checksum: be16(data, 2),
    contents: data.subarray(0, 4),
    payload: data.subarray(4),
  };
  return { next: icmpv6Next(out.icmpv6.type, out.icmpv6.payload.length), payload: out.icmpv6.payload };
}

/**
 * Where the Go slice being decoded ends its capacity: the end of the sample buffer (Cilium hands
 * gopacket `data[hdrLen:]` and every layer payload is a reslice of it). gopacket's VRRP decoder
 * reslices past `len` up to `cap` without a panic, so its fields can read trailing bytes.
 */
let capEnd = 0;

/** Go's `s[:hi]` bounds check against `cap(s)`: the runtime panic text `panicToError` wraps. */
function sliceCap(data: Uint8Array, hi: number): Uint8Array {
  // byteOffset read once: on Node 20 it is a getter call (~10 ns), and this runs per layer.
  const offset = data.byteOffset;
  const cap = capEnd - offset;
  if (hi > cap) throw new LayerError(`panic: runtime error: slice bounds out of range [:${hi}] with capacity ${cap}`);
  return new Uint8Array(data.buffer, offset, hi);
}

/** Go's `s[lo:]` bounds check against `len(s)`. */
function sliceFrom(data: Uint8Array, lo: number): Uint8Array {
  if (lo > data.length) throw new LayerError(`panic: runtime error: slice bounds out of range [${lo}:${data.length}]`);
  return data.subarray(lo);
}

/** Go's `s[i]` bounds check against `len(s)`. */
function index(data: Uint8Array, i: number): number {
  if (i >= data.length) throw new LayerError(`panic: runtime error: index out of range [${i}] with length ${data.length}`);
  return data[i] ?? 0;
}

function decodeVRRP(data: Uint8Array, out: DecodedLayers): Step {
  // gopacket indexes bytes 0–5 and reslices 6:8 and the address list without a length check:
  // a short packet panics (DecodeLayers turns that into an error), reslicing reads up to cap.
  const first = index(data, 0);
  const type = first & 0x0f;
  if (type !== 1) throw new LayerError('Unrecognized VRRPv2 type field.');
  const vrid = index(data, 1);
  const priority = index(data, 2);
  const count = index(data, 3);
  if (count < 1) throw new LayerError('VRRPv2 number of IP addresses is not valid.');
  const authType = index(data, 4);
  const adverInt = index(data, 5);
  const checksum = be16(sliceCap(data, 8), 6);
  const addresses: Uint8Array[] = [];
  for (let i = 0, offset = 8; i < count; i++, offset += 4) addresses.push(sliceCap(data, offset + 4).subarray(offset));
  out.vrrp = {
    version: first >> 4,
    type,
    vrid,
    priority,
    count,
    authType,
    adverInt,
    checksum,
    addresses,
    contents: data,
  };
  return { next: null, payload: new Uint8Array(0) };
}

function decodeIGMP(data: Uint8Array, out: DecodedLayers): Step {
  if (data.length < 8) throw new LayerError('IGMP Packet too small');
  out.igmp = { type: data[0] ?? 0, maxResponse: data[1] ?? 0, checksum: be16(data, 2), group: data.subarray(4, 8) };
  return { next: null, payload: new Uint8Array(0) };
}

function decodeVXLAN(data: Uint8Array, out: DecodedLayers): Step {
  if (data.length < 8) throw new LayerError('vxlan packet too small');
  const vni = ((data[4] ?? 0) << 16) | ((data[5] ?? 0) << 8) | (data[6] ?? 0);
  out.vxlan = {
    vni,
    protocol: 0x6558,
    flags: be16(data, 0),
    policyId: be16(data, 2),
    options: [],
    contents: data.subarray(0, 8),
    payload: data.subarray(8),
  };
  return { next: 'Ethernet', payload: out.vxlan.payload };
}

function decodeGeneve(data: Uint8Array, out: DecodedLayers, set: DecoderSet): Step {
  if (data.length < 7) {
    out.truncated = true;
    throw new LayerError('geneve packet too short');
  }
  // One struct per parser (Geneve in Geneve): fields are set before the checks, and gopacket
  // before v1.6 appends to `Options` without ever resetting it.
  const g = (out.geneve ??= { vni: 0, protocol: 0, flags: 0, policyId: 0, options: [], contents: NIL, payload: NIL });
  g.flags = be16(data, 0);
  g.protocol = be16(data, 2);
  g.vni = ((data[4] ?? 0) << 16) | ((data[5] ?? 0) << 8) | (data[6] ?? 0);
  if (set.geneveOptionsReset === true) g.options = [];
  const optionsLength = ((data[0] ?? 0) & 0x3f) * 4;
  // gopacket compares against 7, not the 8-byte header, so a 7-byte header gets through.
  if (data.length < optionsLength + 7) {
    out.truncated = true;
    throw new LayerError('geneve packet too short');
  }
  let offset = 8;
  let remaining = optionsLength;
  while (remaining > 0) {
    const opt = sliceFrom(data, offset);
    if (opt.length < 3) {
      out.truncated = true;
      throw new LayerError('geneve option too small');
    }
    // decodeGeneveOption reads byte 3 after checking for three.
    const len = (index(opt, 3) & 0x1f) * 4 + 4;
    if (opt.length < len) {
      out.truncated = true;
      throw new LayerError('geneve option too small');
    }
    g.options.push({ cls: be16(opt, 0), type: opt[2] ?? 0, flags: (opt[3] ?? 0) >> 5, length: len, data: opt.subarray(4, len) });
    remaining -= len;
    // gopacket keeps the offset in a uint8.
    offset = (offset + len) & 0xff;
  }
  // `BaseLayer{data[:offset], data[offset:]}`: the first reslice is checked against cap, the second against len.
  const contents = sliceCap(data, offset);
  g.payload = sliceFrom(data, offset);
  g.contents = contents;
  return { next: etherTypeLayer(g.protocol, set), payload: g.payload };
}

/**
 * Runs gopacket's layer loop from `first` over `data`. `cap` is the view whose end is the end of
 * the Go slice's capacity (the sample's end; `data` itself by default).
 *
 * @example
 * const d = decodeLayers(frame, 'Ethernet', { vrrpAndIgmp: true, tunnels: false, etherTypes: { mdp: true, raw: true } });
 * d.names; // ['Ethernet', 'IPv4', 'TCP']
 */
export function decodeLayers(data: Uint8Array, first: LayerName, set: DecoderSet, cap: Uint8Array = data): DecodedLayers {
  capEnd = cap.byteOffset + cap.length;
  const out: DecodedLayers = { names: [], error: undefined, truncated: false, unsupported: undefined };
  let name: LayerName = first;
  let bytes = data;
  for (;;) {
    let step: Step;
    try {
      step = decodeOne(name, bytes, out, set);
    } catch (e) {
      if (e instanceof LayerError) {
        out.error = e.message;
        return out;
      }
      throw e;
    }
    out.names.push(name);
    if (step.payload.length === 0 || step.next === null) return out;
    if (typeof step.next === 'object') {
      out.unsupported = step.next.other;
      return out;
    }
    name = step.next;
    bytes = step.payload;
  }
}

function decodeOne(name: LayerName, data: Uint8Array, out: DecodedLayers, set: DecoderSet): Step {
  switch (name) {
    case 'Ethernet':
      return decodeEthernet(data, out, set);
    case 'IPv4':
      return decodeIPv4(data, out, set);
    case 'IPv6':
      return decodeIPv6(data, out, set);
    case 'TCP':
      return decodeTCP(data, out, set);
    case 'UDP':
      return decodeUDP(data, out, set);
    case 'SCTP':
      return decodeSCTP(data, out);
    case 'ICMPv4':
      return decodeICMPv4(data, out);
    case 'ICMPv6':
      return decodeICMPv6(data, out);
    case 'VRRP':
      return decodeVRRP(data, out);
    case 'IGMP':
      return decodeIGMP(data, out);
    case 'VXLAN':
      return decodeVXLAN(data, out);
    case 'Geneve':
      return decodeGeneve(data, out, set);
  }
}
