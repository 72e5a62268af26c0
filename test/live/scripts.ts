// The monitor-server scenarios the socket tests run, as script text (see go/monitor-server.go).
import type { EncodableEvent, Release } from '../../src/decode/types.js';
import { encodeEvent } from '../../src/encode/encode-event.js';

export const RELEASE: Release = '1.18';
const EMPTY = new Uint8Array(0);
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const packet = Uint8Array.from({ length: 74 }, (_, i) => (i * 31 + 7) & 0xff);

const drop: EncodableEvent = { type: 1, release: RELEASE, subtype: 133, source: 1204, hash: 99, origLen: 74, capLen: 74, version: 1, extVersion: 0, srcLabel: 12345, dstLabel: 2, dstId: 11, line: 42, file: 3, extError: -3, ifindex: 5, flags: 0, ipTraceId: 0n, extension: EMPTY, packet };
const trace: EncodableEvent = { type: 4, release: RELEASE, subtype: 3, source: 77, hash: 5, origLen: 74, capLen: 64, version: 1, extVersion: 0, srcLabel: 7, dstLabel: 6, dstId: 12, reason: 1, flags: 2, ifindex: 9, origIpBytes: new Uint8Array(16), ipTraceId: 0n, extension: EMPTY, packet: packet.subarray(0, 64) };
const debug: EncodableEvent = { type: 2, release: RELEASE, subtype: 4, source: 8, hash: 1, arg1: 1, arg2: 2, arg3: 3 };

export const DROP = hex(encodeEvent(drop, { release: RELEASE }));
export const TRACE = hex(encodeEvent(trace, { release: RELEASE }));
export const DEBUG = hex(encodeEvent(debug, { release: RELEASE }));

/**
 * A one-byte gob message that cannot start with a type id (0x80 announces a 128-byte integer),
 * whatever ids the encoder gave its types.
 */
const BAD_FIELD = '0180';

export const SCRIPTS: Record<string, string> = {
  events: `# what the agent sends in a busy moment: events, lost counts, u64 extremes, unknown types
sample 0 ${DROP}
sample 1 ${TRACE}
lost 1 7
sample 3 ${DEBUG}
lost 2 18446744073709551615
lost 0 9007199254740993
lost 4 9007199254740991
other 42 1 cafe
other 9223372036854775807 1 00
sample 130 ${DROP}
sample 0 00
repeat 50 sample 5 ${TRACE}
`,
  corrupt: `# a malformed message in the middle of a session: skipped, the session goes on
sample 0 ${DROP}
raw ${BAD_FIELD} skipped
sample 1 ${TRACE}
`,
  cut: `# the connection is cut inside a message; the next connection is a new gob session
sample 0 ${DROP}
cut 20
sample 1 ${TRACE}
sample 2 ${DEBUG}
`,
  restart: `# the agent restarts: socket gone for a while, then served again
sample 0 ${DROP}
restart 300
sample 1 ${TRACE}
`,
};
