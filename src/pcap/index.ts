/**
 * `cilium-events/pcap`: the packets of drop, trace, policy verdict, debug capture and recorder
 * events as classic pcap or pcapng files, written as a stream into any sink (a Node stream, a
 * WHATWG `WritableStream`, one `Uint8Array`), and a small reader for such files. No Node
 * built-ins: it runs in browsers, Deno and Bun too.
 *
 * @example
 * import { createWriteStream } from 'node:fs';
 * import { decodeEvent } from 'cilium-events';
 * import { createPcapngWriter, nodeStreamSink } from 'cilium-events/pcap';
 * const w = createPcapngWriter(nodeStreamSink(createWriteStream('drops.pcapng')), { release: '1.18' });
 * for (const sample of samples) if (!w.writeEvent(decodeEvent(sample, { release: '1.18' }))) await w.drain();
 * await w.close();
 *
 * @module
 */
export { createPcapWriter, type PcapWriterOptions, type TimestampPrecision } from './pcap-writer.js';
export { createPcapngWriter, type PcapngWriterOptions } from './pcapng-writer.js';
export { DEFAULT_SNAP_LENGTH, type CaptureStats, type CaptureWriter, type CaptureWriterOptions } from './capture-writer.js';
export { TcAction, type CapturePacket, type PacketDirection } from './capture-packet.js';
export { eventPacket, type EventPacketOptions, type EventTime, type SkipReason } from './event-packet.js';
export { timestampFromMs, timestampFromNs, type Timestamp } from './timestamp.js';
export { LinkType, linkTypeOf, type LinkTypeNumber, type PacketEvent } from './link-type.js';
export { collectSink, nodeStreamSink, webStreamSink, type ByteSink, type CollectSink, type NodeWritableLike } from './sink.js';
export { readCapture, type CaptureFile, type CaptureInterface, type CapturedPacket, type CaptureSection } from './reader.js';
export { PcapError, isPcapError, type PcapErrorCode } from './errors.js';
