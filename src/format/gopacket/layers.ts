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
import {
  EthernetLayer,
  ICMPLayer,
  IPv4Layer,
  IPv6Layer,
  PortsLayer,
  TCPLayer,
  TunnelLayer,
  UDPLayer,
  type BaseLayer,
  type DecodedLayers,
  type DecoderSet,
  type HopByHop,
  type LayerName,
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

/**
 * Where the loop goes next: the layer type and its bytes, `[start, end)` of the packet buffer.
 * Decoders take their own range the same way and write the next one here (one per parse, so
 * no view or object is made per layer).
 */
interface Step {
  next: Next;
  start: number;
  end: number;
}

/** The step to `next` over `layer`'s Payload. */
function toPayload(step: Step, next: Next, layer: BaseLayer): void {
  step.next = next;
  step.start = layer.payloadStart;
  step.end = layer.payloadEnd;
}

function decodeEthernet(b: Uint8Array, start: number, end: number, out: DecodedLayers, set: DecoderSet, step: Step): void {
  if (end - start < 14) throw new LayerError('Ethernet packet too small');
  let etherType = be16(b, start + 12);
  let length = 0;
  let payloadEnd = end;
  if (etherType < 0x0600) {
    length = etherType;
    etherType = 0;
    const cmp = end - (start + 14) - length;
    if (cmp < 0) out.truncated = true;
    else if (cmp > 0) payloadEnd = start + 14 + length;
  }
  const e = new EthernetLayer(b);
  e.etherType = etherType;
  e.length = length;
  e.split(start, start + 14, payloadEnd);
  out.ethernet = e;
  toPayload(step, etherTypeLayer(etherType, set), e);
}

const NIL = new Uint8Array(0);

/**
 * gopacket decodes into one struct per layer type, reused when a type decodes twice in a packet
 * (IP in IP, TEB) and printed in its final state for every occurrence: decoders mutate the
 * struct in gopacket's order, so a failing second decode leaves the fields it set before failing.
 */
function ipv4Struct(out: DecodedLayers, b: Uint8Array): IPv4Layer {
  return (out.ipv4 ??= new IPv4Layer(b));
}

/** The fixed header fields of the IPv4 header at `at` (its 20 bytes are there). */
function ipv4HeaderFields(ip: IPv4Layer, b: Uint8Array, at: number): void {
  const flagsFrag = be16(b, at + 6);
  ip.version = (b[at] ?? 0) >> 4;
  ip.tos = b[at + 1] ?? 0;
  ip.id = be16(b, at + 4);
  ip.flags = flagsFrag >> 13;
  ip.fragOffset = flagsFrag & 0x1fff;
  ip.ttl = b[at + 8] ?? 0;
  ip.protocol = b[at + 9] ?? 0;
  ip.checksum = be16(b, at + 10);
  ip.addrAt = at + 12;
}

function decodeIPv4(b: Uint8Array, start: number, end: number, out: DecodedLayers, set: DecoderSet, step: Step): void {
  const n = end - start;
  if (n < 20) {
    out.truncated = true;
    throw new LayerError(`Invalid ip4 header. Length ${n} less than 20`);
  }
  const order = set.ipv4Order ?? 'v1.3.2';
  const ip = ipv4Struct(out, b);
  if (order === 'v1.1') {
    ipv4HeaderFields(ip, b, start);
    ip.options = [];
    ip.padding = NIL;
    ip.split(start, end, end);
  }
  ip.length = be16(b, start + 2);
  ip.ihl = (b[start] ?? 0) & 0x0f;
  if (ip.length === 0) ip.length = n;
  const { length, ihl } = ip;
  if (length < 20) throw new LayerError(`Invalid (too small) IP length (${length} < 20)`);
  if (ihl < 5) throw new LayerError(`Invalid (too small) IP header length (${ihl} < 5)`);
  if (ihl * 4 > length) throw new LayerError(`Invalid IP header length > IP length (${ihl} > ${length})`);
  let dataEnd = end;
  if (n > length) dataEnd = start + length;
  else if (n < length) {
    out.truncated = true;
    if (ihl * 4 > n) throw new LayerError('Not all IP header bytes available');
  }
  const headerEnd = start + ihl * 4;
  ip.options = [];
  ip.split(start, headerEnd, dataEnd);
  let o = start + 20;
  while (o < headerEnd) {
    const kind = b[o] ?? 0;
    if (kind === 0) {
      ip.options.push({ type: 0, data: undefined });
      ip.padding = b.subarray(o + 1, headerEnd);
      // v1.1.19 and v1.3.1 return here: v1.3.1 has not set the header fields yet.
      if (order !== 'v1.3.2') return ipv4Next(ip, set, step);
      break;
    }
    if (kind === 1) {
      ip.options.push({ type: 1, data: undefined });
      o += 1;
      continue;
    }
    const left = headerEnd - o;
    if (left < 2) {
      out.truncated = true;
      throw new LayerError(`Invalid ip4 option length. Length ${left} less than 2`);
    }
    const optLen = b[o + 1] ?? 0;
    if (left < optLen) {
      out.truncated = true;
      throw new LayerError(
        `IP option length exceeds remaining IP header size, option type ${kind} length ${optLen}`,
      );
    }
    if (optLen <= 2) throw new LayerError(`Invalid IP option type ${kind} length ${optLen}. Must be greater than 2`);
    ip.options.push({ type: kind, data: b.subarray(o + 2, o + optLen) });
    o += optLen;
  }
  if (order !== 'v1.1') ipv4HeaderFields(ip, b, start);
  // v1.3.1 clears the padding after the fields (only an EOL return keeps it).
  if (order === 'v1.3.1') ip.padding = NIL;
  ipv4Next(ip, set, step);
}

/** `IPv4.NextLayerType()`, from the struct as the decode left it. */
function ipv4Next(ip: IPv4Layer, set: DecoderSet, step: Step): void {
  // More-fragments or a fragment offset: gopacket hands the rest to its Fragment layer,
  // which Cilium's parsers do not decode.
  const fragment = (ip.flags & 0x1) !== 0 || ip.fragOffset !== 0;
  toPayload(step, fragment ? { other: 'Fragment' } : ipProtocolLayer(ip.protocol, set), ip);
}

const IPV6_HOP_BY_HOP = 0;
const IPV6_JUMBOGRAM_OPTION = 0xc2;

function decodeIPv6(b: Uint8Array, start: number, end: number, out: DecodedLayers, set: DecoderSet, step: Step): void {
  const n = end - start;
  if (n < 40) {
    out.truncated = true;
    throw new LayerError(`Invalid ip6 header. Length ${n} less than 40`);
  }
  const ip = (out.ipv6 ??= new IPv6Layer(b));
  ip.version = (b[start] ?? 0) >> 4;
  ip.trafficClass = (be16(b, start) >> 4) & 0xff;
  ip.flowLabel = be32(b, start) & 0x000fffff;
  ip.length = be16(b, start + 4);
  ip.nextHeader = b[start + 6] ?? 0;
  ip.hopLimit = b[start + 7] ?? 0;
  ip.addrAt = start + 8;
  ip.hopByHop = undefined;
  ip.split(start, start + 40, end);
  if (ip.nextHeader === IPV6_HOP_BY_HOP) {
    const hbh = decodeHopByHop(ip.payload, out);
    ip.hopByHop = hbh;
    const jumbo = jumboLength(hbh);
    if (jumbo !== undefined && ip.length === 0) {
      let length = jumbo;
      if (length > ip.payloadEnd - ip.payloadStart) {
        out.truncated = true;
        length = ip.payloadEnd - ip.payloadStart;
      }
      ip.payloadEnd = ip.payloadStart + length;
      return toPayload(step, ipProtocolLayer(hbh.next, set), ip);
    }
    if (jumbo !== undefined) throw new LayerError('IPv6 has jumbo length and IPv6 length is not 0');
    if (ip.length === 0) throw new LayerError('IPv6 length 0, but HopByHop header does not have jumbogram option');
    // decodeHopByHop checked that the header's bytes are there.
    ip.payloadStart += hbh.actualLength;
  }
  if (ip.length === 0) {
    throw new LayerError(`IPv6 length 0, but next header is ${ipProtocolName(ip.nextHeader)}, not HopByHop`);
  }
  let length = ip.length;
  if (length > ip.payloadEnd - ip.payloadStart) {
    out.truncated = true;
    length = ip.payloadEnd - ip.payloadStart;
  }
  ip.payloadEnd = ip.payloadStart + length;
  const next = ip.hopByHop?.next ?? ip.nextHeader;
  toPayload(step, ipProtocolLayer(next, set), ip);
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

function decodeTCP(b: Uint8Array, start: number, end: number, out: DecodedLayers, set: DecoderSet, step: Step): void {
  const n = end - start;
  if (n < 20) {
    out.truncated = true;
    throw new LayerError(`Invalid TCP header. Length ${n} less than 20`);
  }
  const dataOffset = (b[start + 12] ?? 0) >> 4;
  const layer = new TCPLayer(b);
  layer.srcPort = be16(b, start);
  layer.dstPort = be16(b, start + 2);
  layer.seq = be32(b, start + 4);
  layer.ack = be32(b, start + 8);
  layer.dataOffset = dataOffset;
  layer.flags = b[start + 13] ?? 0;
  layer.ns = ((b[start + 12] ?? 0) & 0x01) !== 0;
  layer.window = be16(b, start + 14);
  layer.checksum = be16(b, start + 16);
  layer.urgent = be16(b, start + 18);
  layer.split(start, end, end);
  // Flags and ports are set before the checks below fail, exactly like gopacket's struct.
  out.tcp = layer;
  if (dataOffset < 5) throw new LayerError(`Invalid TCP data offset ${dataOffset} < 5`);
  const headerEnd = start + dataOffset * 4;
  if (headerEnd > end) {
    out.truncated = true;
    throw new LayerError('TCP data offset greater than packet length');
  }
  layer.split(start, headerEnd, end);
  toPayload(step, portLayer(tcpPortLayer(layer.dstPort), tcpPortLayer(layer.srcPort)), layer);
  if (headerEnd > start + 20) tcpOptions(b.subarray(start + 20, headerEnd), layer, out, set.mptcp ?? 'decode');
}

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

function decodeUDP(b: Uint8Array, start: number, end: number, out: DecodedLayers, set: DecoderSet, step: Step): void {
  const n = end - start;
  if (n < 8) {
    out.truncated = true;
    throw new LayerError(`Invalid UDP header. Length ${n} less than 8`);
  }
  // One struct per parser (tunnels nest UDP): the header fields are set before the length check.
  const u = (out.udp ??= new UDPLayer(b));
  u.srcPort = be16(b, start);
  u.dstPort = be16(b, start + 2);
  u.length = be16(b, start + 4);
  u.checksum = be16(b, start + 6);
  u.contentsStart = start;
  u.contentsEnd = start + 8;
  if (u.length >= 8) {
    let length = u.length;
    if (length > n) {
      out.truncated = true;
      length = n;
    }
    u.payloadStart = start + 8;
    u.payloadEnd = start + length;
  } else if (u.length === 0) {
    u.payloadStart = start + 8;
    u.payloadEnd = end;
  } else {
    throw new LayerError(`UDP packet too small: ${u.length} bytes`);
  }
  toPayload(step, portLayer(udpPortLayer(u.dstPort, set), udpPortLayer(u.srcPort, set)), u);
}

function decodeSCTP(b: Uint8Array, start: number, end: number, out: DecodedLayers, step: Step): void {
  if (end - start < 12) throw new LayerError('Invalid SCTP common header length');
  const s = new PortsLayer(b);
  s.srcPort = be16(b, start);
  s.dstPort = be16(b, start + 2);
  s.split(start, start + 12, end);
  out.sctp = s;
  toPayload(step, PAYLOAD, s);
}

/** The ICMP fields gopacket keeps (type, code, checksum), `header` bytes of Contents. */
function icmpLayer(b: Uint8Array, start: number, end: number, header: number): ICMPLayer {
  const i = new ICMPLayer(b);
  i.type = b[start] ?? 0;
  i.code = b[start + 1] ?? 0;
  i.checksum = be16(b, start + 2);
  i.split(start, start + header, end);
  return i;
}

function decodeICMPv4(b: Uint8Array, start: number, end: number, out: DecodedLayers, step: Step): void {
  if (end - start < 8) {
    out.truncated = true;
    throw new LayerError('ICMP layer less then 8 bytes for ICMPv4 packet');
  }
  out.icmpv4 = icmpLayer(b, start, end, 8);
  toPayload(step, PAYLOAD, out.icmpv4);
}

function decodeICMPv6(b: Uint8Array, start: number, end: number, out: DecodedLayers, step: Step): void {
  if (end - start < 4) {
    out.truncated = true;
    throw new LayerError('ICMP layer less then 4 bytes for ICMPv6 packet');
  }
  const i = (out.icmpv6 = icmpLayer(b, start, end, 4));
  toPayload(step, icmpv6Next(i.type, end - (start + 4)), i);
}

/**
 * Where the Go slice being decoded ends its capacity: the end of the packet buffer (Cilium hands
 * gopacket `data[hdrLen:]` and every layer payload is a reslice of it). gopacket's VRRP decoder
 * reslices past `len` up to `cap` without a panic, so its fields can read trailing bytes.
 */
let capBytes: Uint8Array = NIL;

/** Go's `s[:hi]` bounds check against `cap(s)`: the runtime panic text `panicToError` wraps. */
function sliceCap(data: Uint8Array, hi: number): Uint8Array {
  // byteOffset read once: on Node 20 it is a getter call (~10 ns).
  const offset = data.byteOffset;
  const cap = capBytes.byteOffset + capBytes.length - offset;
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

function decodeVRRP(data: Uint8Array, out: DecodedLayers, step: Step): void {
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
  step.next = null;
}

function decodeIGMP(data: Uint8Array, out: DecodedLayers, step: Step): void {
  if (data.length < 8) throw new LayerError('IGMP Packet too small');
  out.igmp = { type: data[0] ?? 0, maxResponse: data[1] ?? 0, checksum: be16(data, 2), group: data.subarray(4, 8) };
  step.next = null;
}

function decodeVXLAN(b: Uint8Array, start: number, end: number, out: DecodedLayers, step: Step): void {
  if (end - start < 8) throw new LayerError('vxlan packet too small');
  const x = new TunnelLayer(b);
  x.vni = ((b[start + 4] ?? 0) << 16) | ((b[start + 5] ?? 0) << 8) | (b[start + 6] ?? 0);
  x.protocol = 0x6558;
  x.flags = be16(b, start);
  x.policyId = be16(b, start + 2);
  x.split(start, start + 8, end);
  out.vxlan = x;
  toPayload(step, 'Ethernet', x);
}

function decodeGeneve(b: Uint8Array, start: number, end: number, out: DecodedLayers, set: DecoderSet, step: Step): void {
  const data = b.subarray(start, end);
  if (data.length < 7) {
    out.truncated = true;
    throw new LayerError('geneve packet too short');
  }
  // One struct per parser (Geneve in Geneve): fields are set before the checks, and gopacket
  // before v1.6 appends to `Options` without ever resetting it.
  const g = (out.geneve ??= new TunnelLayer(b));
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
  sliceCap(data, offset);
  sliceFrom(data, offset);
  g.split(start, start + offset, end);
  toPayload(step, etherTypeLayer(g.protocol, set), g);
}

/**
 * Runs gopacket's layer loop from `first` over `packet[start, end)`; the packet's end is the end
 * of the Go slice's capacity (the sample's end). Layers keep offsets into `packet`.
 *
 * @example
 * const d = decodeLayers(frame, 'Ethernet', { vrrpAndIgmp: true, tunnels: false, etherTypes: { mdp: true, raw: true } });
 * d.names; // ['Ethernet', 'IPv4', 'TCP']
 */
export function decodeLayers(
  packet: Uint8Array,
  first: LayerName,
  set: DecoderSet,
  start = 0,
  end = packet.length,
): DecodedLayers {
  capBytes = packet;
  const out: DecodedLayers = { names: [], error: undefined, truncated: false, unsupported: undefined };
  const step: Step = { next: first, start, end };
  let name: LayerName = first;
  for (;;) {
    try {
      decodeOne(name, packet, step, out, set);
    } catch (e) {
      if (e instanceof LayerError) {
        out.error = e.message;
        return out;
      }
      throw e;
    }
    out.names.push(name);
    const next = step.next;
    if (step.end <= step.start || next === null) return out;
    if (typeof next === 'object') {
      out.unsupported = next.other;
      return out;
    }
    name = next;
  }
}

/** Decodes `name` over `b[step.start, step.end)` and leaves the next layer in `step`. */
function decodeOne(name: LayerName, b: Uint8Array, step: Step, out: DecodedLayers, set: DecoderSet): void {
  const { start, end } = step;
  switch (name) {
    case 'Ethernet':
      return decodeEthernet(b, start, end, out, set, step);
    case 'IPv4':
      return decodeIPv4(b, start, end, out, set, step);
    case 'IPv6':
      return decodeIPv6(b, start, end, out, set, step);
    case 'TCP':
      return decodeTCP(b, start, end, out, set, step);
    case 'UDP':
      return decodeUDP(b, start, end, out, set, step);
    case 'SCTP':
      return decodeSCTP(b, start, end, out, step);
    case 'ICMPv4':
      return decodeICMPv4(b, start, end, out, step);
    case 'ICMPv6':
      return decodeICMPv6(b, start, end, out, step);
    case 'VRRP':
      return decodeVRRP(b.subarray(start, end), out, step);
    case 'IGMP':
      return decodeIGMP(b.subarray(start, end), out, step);
    case 'VXLAN':
      return decodeVXLAN(b, start, end, out, step);
    case 'Geneve':
      return decodeGeneve(b, start, end, out, set, step);
  }
}
