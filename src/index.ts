/**
 * cilium-events — decode Cilium's datapath monitor events.
 *
 * The core entry point: zero runtime dependencies, only `Uint8Array`/`DataView`.
 *
 * @module
 */
export type { ReleaseTables, StructLayout, FieldLayout } from './table-types.js';
export type {
  Release,
  ReleaseSpec,
  MessageTypeNumber,
  ExtensibleMessage,
  ExtensionLengths,
  DecodeOptions,
  DecoderOptions,
  EncodeOptions,
  CommonHeaderFields,
  CaptureHeaderFields,
  CaptureLeniency,
  PacketFields,
  ClassifierFlags,
  Decoded,
  DropNotifyFields,
  DropNotify,
  DebugMessageFields,
  DebugMessage,
  DebugArgNames,
  DebugCaptureFields,
  DebugCapture,
  TraceNotifyFields,
  TraceNotify,
  PolicyVerdictFields,
  PolicyVerdict,
  RecorderCaptureFields,
  RecorderCapture,
  TraceSockFields,
  TraceSockNotify,
  AccessLogFields,
  AccessLog,
  AgentNotifyFields,
  AgentNotify,
  UnknownEventFields,
  UnknownEvent,
  Event,
  EncodableEvent,
  EventJSON,
  DropNotifyJSON,
  DebugMessageJSON,
  DebugCaptureJSON,
  TraceNotifyJSON,
  PolicyVerdictJSON,
  RecorderCaptureJSON,
  TraceSockNotifyJSON,
  AccessLogJSON,
  AgentNotifyJSON,
  UnknownEventJSON,
  EventHeader,
} from './decode/types.js';
export { MessageType } from './decode/types.js';
export type { JSONView } from './decode/plain.js';
export type { ErrorCode } from './errors.js';
export {
  CiliumEventsError,
  DecodeError,
  EncodeError,
  isDecodeError,
  isEncodeError,
  isCiliumEventsError,
} from './errors.js';
export { decodeEvent, createDecoder } from './decode/decode-event.js';
export { decodeEvents } from './decode/batch.js';
export type { DecodeEventsOptions } from './decode/batch.js';
export { readHeader, createHeaderFilter } from './decode/header.js';
export type { HeaderFilterSpec } from './decode/header.js';
export { encodeEvent } from './encode/encode-event.js';
