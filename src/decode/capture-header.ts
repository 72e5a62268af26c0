/**
 * `NOTIFY_COMMON_HDR` / `NOTIFY_CAPTURE_HDR` offsets, and the checks every packet-carrying
 * message shares: version, extension length, capture length against the buffer end.
 */
import type { StructLayout } from '../table-types.js';
import { DecodeError } from '../errors.js';
import { LayoutDefect, offsetOf, optionalOffsetOf } from './layout.js';
import type { Reader } from './read.js';
import type { ExtensionTable } from './context-cache.js';

export interface CommonHeaderLayout {
  subtype: number;
  source: number;
  hash: number;
}

export interface CaptureHeaderLayout extends CommonHeaderLayout {
  origLen: number;
  capLen: number;
  version: number;
  /** 2 up to v1.18 (one u16), 1 from v1.19 (u8 version + u8 ext_version). */
  versionSize: 1 | 2;
  /** Offset of `ext_version`, or -1 where the layout has none. */
  extVersion: number;
}

export function compileCommonHeader(s: StructLayout, name: string): CommonHeaderLayout {
  if (offsetOf(s, 'type', 1, name) !== 0) throw new LayoutDefect(`${name}.type is not at 0`);
  return {
    subtype: offsetOf(s, 'subtype', 1, name),
    source: offsetOf(s, 'source', 2, name),
    hash: offsetOf(s, 'hash', 4, name),
  };
}

export function compileCaptureHeader(s: StructLayout, name: string): CaptureHeaderLayout {
  const extVersion = optionalOffsetOf(s, 'ext_version', 1, name);
  return {
    ...compileCommonHeader(s, name),
    origLen: offsetOf(s, 'len_orig', 4, name),
    capLen: offsetOf(s, 'len_cap', 2, name),
    version: offsetOf(s, 'version', extVersion < 0 ? 2 : 1, name),
    versionSize: extVersion < 0 ? 2 : 1,
    extVersion,
  };
}

/**
 * Where the packet starts: after the fixed header (`headerLen` bytes) and the extension
 * registered for `extVersion`, which must fit in `available` bytes. Strict tables also require
 * a registered extension and all `capLen` packet bytes; otherwise an unregistered ext_version
 * has length 0 and the packet is the bytes present, as in Cilium's Go decoders (the event's
 * `unknownExtension` / `truncated` tell).
 */
export function packetStart(
  headerLen: number,
  ext: ExtensionTable,
  extVersion: number,
  capLen: number,
  available: number,
  messageType: number,
  extVersionOffset: number,
): number {
  let extLen = ext.lengths[extVersion] ?? -1;
  if (extLen < 0) {
    if (ext.strict) throw unknownExtension(messageType, extVersion, extVersionOffset);
    extLen = 0;
  }
  const start = headerLen + extLen;
  if (start > available) throw shortBuffer(messageType, start, available);
  if (ext.strict && start + capLen > available) throw capturePastEnd(messageType, start, capLen, available);
  return start;
}

// Errors are built out of line: keeping the decoders' bytecode small lets the JIT inline their
// field reads.

function unknownExtension(messageType: number, extVersion: number, offset: number): DecodeError {
  return new DecodeError(
    'unknown-extension',
    `message type ${messageType}: no extension length registered for ext_version ${extVersion}`,
    offset,
    messageType,
  );
}

function capturePastEnd(messageType: number, start: number, capLen: number, available: number): DecodeError {
  return new DecodeError(
    'capture-past-end',
    `message type ${messageType}: ${capLen} captured bytes from offset ${start} pass the end (${available})`,
    start,
    messageType,
    start + capLen,
    available,
  );
}

export function shortBuffer(messageType: number, needed: number, available: number): DecodeError {
  return new DecodeError(
    'short-buffer',
    `message type ${messageType}: needs ${needed} bytes, have ${available}`,
    available,
    messageType,
    needed,
    available,
  );
}

export function unknownVersion(messageType: number, version: number, release: string, offset: number): DecodeError {
  return new DecodeError(
    'unknown-version',
    `message type ${messageType}: version ${version} is not a layout of release ${release}`,
    offset,
    messageType,
  );
}

/** The layout version: one u16 up to v1.18, the u8 at the same offset from v1.19. */
export function readVersion(L: CaptureHeaderLayout, b: Uint8Array, rd: Reader): number {
  return L.versionSize === 1 ? (b[L.version] as number) : rd.u16(b, L.version);
}
