/** Writers for the datapath messages (types 1–7), driven by the decoder's compiled layouts. */
import { EncodeError } from '../errors.js';
import type { ReleaseContext } from '../decode/release-context.js';
import type {
  DebugCaptureFields,
  DebugMessageFields,
  DropNotifyFields,
  PolicyVerdictFields,
  RecorderCaptureFields,
  TraceNotifyFields,
  TraceSockFields,
} from '../decode/types.js';
import { FieldWriter } from './field-writer.js';
import { checkPacket, messageLength, writeCaptureHeader, writeCommonHeader, writeTail } from './capture-header.js';

function versionLength(lengths: readonly number[], version: number, rc: ReleaseContext, what: string): number {
  const len = lengths[version];
  if (len === undefined) {
    throw new EncodeError('unknown-version', `${what} version ${version} does not exist in release ${rc.release}`, 'version');
  }
  return len;
}

export function encodeDrop(rc: ReleaseContext, ev: DropNotifyFields): Uint8Array {
  const L = rc.drop;
  // A release whose Go decoder ignores the drop version reads any value as its one layout.
  const headerLen = L.lengths[ev.version] ?? L.anyVersion ?? versionLength(L.lengths, ev.version, rc, 'drop');
  const w = new FieldWriter(messageLength(headerLen, ev), rc.littleEndian);
  writeCaptureHeader(w, L.hdr, 1, ev);
  w.u32(L.srcLabel, ev.srcLabel, 'srcLabel');
  w.u32(L.dstLabel, ev.dstLabel, 'dstLabel');
  w.u32(L.dstId, ev.dstId, 'dstId');
  w.u16(L.line, ev.line, 'line');
  w.u8(L.file, ev.file, 'file');
  w.s8(L.extError, ev.extError, 'extError');
  w.u32(L.ifindex, ev.ifindex, 'ifindex');
  if (L.cls.offset >= 0 && L.cls.offset < headerLen) w.u8(L.cls.offset, ev.flags, 'flags');
  else requireZero(ev.flags, 'flags', 'drop', ev.version);
  if (L.ipTraceId >= 0 && L.ipTraceId < headerLen) w.u64(L.ipTraceId, ev.ipTraceId, 'ipTraceId');
  else requireZero(ev.ipTraceId, 'ipTraceId', 'drop', ev.version);
  writeTail(w, headerLen, ev);
  return w.bytes;
}

export function encodeTrace(rc: ReleaseContext, ev: TraceNotifyFields): Uint8Array {
  const L = rc.trace;
  const headerLen = versionLength(L.lengths, ev.version, rc, 'trace');
  const w = new FieldWriter(messageLength(headerLen, ev), rc.littleEndian);
  writeCaptureHeader(w, L.hdr, 4, ev);
  w.u32(L.srcLabel, ev.srcLabel, 'srcLabel');
  w.u32(L.dstLabel, ev.dstLabel, 'dstLabel');
  w.u16(L.dstId, ev.dstId, 'dstId');
  w.u8(L.reason, ev.reason, 'reason');
  if (L.cls.offset >= 0 && L.cls.offset < headerLen) w.u8(L.cls.offset, ev.flags, 'flags');
  else requireZero(ev.flags, 'flags', 'trace', ev.version);
  w.u32(L.ifindex, ev.ifindex, 'ifindex');
  if (L.origIp + 16 <= headerLen) {
    w.bytesAt(L.origIp, ev.origIpBytes as Uint8Array, 16, 'origIpBytes');
  } else if (ev.origIpBytes !== undefined) {
    throw new EncodeError('invalid-field', `trace version ${ev.version} has no original IP`, 'origIpBytes');
  }
  if (L.ipTraceId >= 0 && L.ipTraceId < headerLen) w.u64(L.ipTraceId, ev.ipTraceId, 'ipTraceId');
  else requireZero(ev.ipTraceId, 'ipTraceId', 'trace', ev.version);
  writeTail(w, headerLen, ev);
  return w.bytes;
}

export function encodePolicy(rc: ReleaseContext, ev: PolicyVerdictFields): Uint8Array {
  const L = rc.policy;
  const w = new FieldWriter(messageLength(L.length, ev), rc.littleEndian);
  writeCaptureHeader(w, L.hdr, 5, ev);
  w.u32(L.remoteLabel, ev.remoteLabel, 'remoteLabel');
  w.s32(L.verdict, ev.verdict, 'verdict');
  w.u16(L.dstPort, ev.dstPort, 'dstPort');
  w.u8(L.proto, ev.proto, 'proto');
  w.u8(L.flags, ev.flags, 'flags');
  w.u8(L.authType, ev.authType, 'authType');
  if (L.cookie >= 0) w.u32(L.cookie, ev.cookie, 'cookie');
  else requireZero(ev.cookie, 'cookie', 'policy verdict', ev.version);
  writeTail(w, L.length, ev);
  return w.bytes;
}

export function encodeDebug(rc: ReleaseContext, ev: DebugMessageFields): Uint8Array {
  const L = rc.debug;
  const w = new FieldWriter(L.length, rc.littleEndian);
  writeCommonHeader(w, L.hdr, 2, ev);
  w.u32(L.arg1, ev.arg1, 'arg1');
  w.u32(L.arg2, ev.arg2, 'arg2');
  w.u32(L.arg3, ev.arg3, 'arg3');
  return w.bytes;
}

export function encodeDebugCapture(rc: ReleaseContext, ev: DebugCaptureFields): Uint8Array {
  const L = rc.debugCapture;
  const w = new FieldWriter(messageLength(L.length, ev), rc.littleEndian);
  writeCaptureHeader(w, L.hdr, 3, ev);
  w.u32(L.arg1, ev.arg1, 'arg1');
  w.u32(L.arg2, ev.arg2, 'arg2');
  writeTail(w, L.length, ev);
  return w.bytes;
}

export function encodeRecorder(rc: ReleaseContext, ev: RecorderCaptureFields): Uint8Array {
  const L = rc.recorder;
  if (L === undefined) {
    throw new EncodeError('unsupported-type', `release ${rc.release} has no recorder captures`, 'type');
  }
  checkPacket(ev);
  const w = new FieldWriter(L.length + ev.packet.length, rc.littleEndian);
  writeCommonHeader(w, L.hdr, 6, ev);
  w.u64(L.tvBoot, ev.tvBoot, 'tvBoot');
  w.u32(L.capLen, ev.capLen, 'capLen');
  w.u32(L.origLen, ev.origLen, 'origLen');
  w.bytes.set(ev.packet, L.length);
  return w.bytes;
}

export function encodeSock(rc: ReleaseContext, ev: TraceSockFields): Uint8Array {
  const L = rc.sock;
  const w = new FieldWriter(L.length, rc.littleEndian);
  w.u8(0, 7, 'type');
  w.u8(L.xlatePoint, ev.xlatePoint, 'xlatePoint');
  w.bytesAt(L.dstIp, ev.dstIpBytes, 16, 'dstIpBytes');
  w.u16(L.dstPort, ev.dstPort, 'dstPort');
  w.u64(L.sockCookie, ev.sockCookie, 'sockCookie');
  w.u64(L.cgroupId, ev.cgroupId, 'cgroupId');
  w.u8(L.l4Proto, ev.l4Proto, 'l4Proto');
  w.u8(L.ipv6.offset, ev.flags, 'flags');
  return w.bytes;
}

/** A field the chosen version has no room for must be zero (or absent), or the round trip would lose it. */
function requireZero(value: number | bigint | undefined, field: string, what: string, version: number): void {
  if (value !== undefined && value !== 0 && value !== 0n) {
    throw new EncodeError('invalid-field', `${what} version ${version} has no ${field}; it must be 0`, field);
  }
}
