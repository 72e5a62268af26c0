/** Writing `NOTIFY_COMMON_HDR` / `NOTIFY_CAPTURE_HDR` and the trailing extension + packet. */
import { EncodeError } from '../errors.js';
import type { CaptureHeaderLayout, CommonHeaderLayout } from '../decode/capture-header.js';
import type { CaptureHeaderFields, CommonHeaderFields, PacketFields } from '../decode/types.js';
import { checkBytes } from './field-writer.js';
import type { FieldWriter } from './field-writer.js';

export function writeCommonHeader(w: FieldWriter, L: CommonHeaderLayout, type: number, ev: CommonHeaderFields): void {
  w.u8(0, type, 'type');
  w.u8(L.subtype, ev.subtype, 'subtype');
  w.u16(L.source, ev.source, 'source');
  w.u32(L.hash, ev.hash, 'hash');
}

export function writeCaptureHeader(
  w: FieldWriter,
  L: CaptureHeaderLayout,
  type: number,
  ev: CaptureHeaderFields & PacketFields,
): void {
  writeCommonHeader(w, L, type, ev);
  w.u32(L.origLen, ev.origLen, 'origLen');
  w.u16(L.capLen, ev.capLen, 'capLen');
  if (L.versionSize === 2) {
    w.u16(L.version, ev.version, 'version');
    if (ev.extVersion !== 0) {
      throw new EncodeError('invalid-field', 'extVersion must be 0: this release has no ext_version byte', 'extVersion');
    }
  } else {
    w.u8(L.version, ev.version, 'version');
    w.u8(L.extVersion, ev.extVersion, 'extVersion');
  }
}

/** Total message length for a header, the event's extension bytes and its packet. */
export function messageLength(headerLen: number, ev: CaptureHeaderFields & PacketFields): number {
  checkPacket(ev);
  return headerLen + checkBytes(ev.extension, 'extension').length + ev.packet.length;
}

/**
 * `len_cap` is what bounds the packet when decoding, so the packet holds `capLen` bytes — or
 * fewer for a record whose capture was cut short (a decoded event with `truncated` set), which
 * is written as it came: `capLen` as given, then the bytes there are.
 */
export function checkPacket(ev: { packet: Uint8Array; capLen: number }): void {
  if (checkBytes(ev.packet, 'packet').length > ev.capLen) {
    throw new EncodeError('invalid-field', `packet (${ev.packet.length} bytes) is longer than capLen (${ev.capLen})`, 'packet');
  }
}

export function writeTail(w: FieldWriter, headerLen: number, ev: PacketFields): void {
  w.bytes.set(ev.extension, headerLen);
  w.bytes.set(ev.packet, headerLen + ev.extension.length);
}
