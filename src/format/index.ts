/**
 * `cilium-events/format`: decoded events as `cilium monitor` prints them (summary, `-v`, `-vv`,
 * `--hex`, `--json`), Hubble flows as `hubble observe -o json` prints them, and the pieces
 * (connection summary, identity names, Go hex dump) for tools that print their own lines.
 *
 * @example
 * import { decodeEvent } from 'cilium-events';
 * import { formatEvent, toFlow } from 'cilium-events/format';
 * const ev = decodeEvent(bytes, { release: '1.19' });
 * process.stdout.write(formatEvent(ev));              // like `cilium monitor`
 * console.log(JSON.stringify({ flow: toFlow(ev) }));  // like `hubble observe -o json`
 *
 * @module
 */
export { formatEvent, SEPARATOR } from './format-event.js';
export { formatSample, type SampleFormatOptions } from './format-sample.js';
export type { FormatMode, FormatOptions } from './context.js';
export { toFlow } from './flow/to-flow.js';
export type { Flow, FlowEndpoint, FlowEndpointInfo, FlowOptions } from './flow/to-flow.js';
export { FormatError, isFormatError, type FormatErrorCode } from './errors.js';
export { identityText, endpointText, RESERVED_IDENTITY_NAMES, type NameMaps } from './identity.js';
export { hexDump } from './gopacket/hex-dump.js';
export { connectionSummary } from './connection-summary.js';
export type { PacketFlags } from './packet-layers.js';
export type { GopacketVersion } from './gopacket/port-names.js';
