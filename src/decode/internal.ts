/**
 * Symbol keys for what decoded events keep for their lazy properties: invisible to
 * `Object.keys`, `JSON.stringify` and spreads, and cheaper than `#private` fields.
 */
export const BYTES: unique symbol = Symbol('cilium-events.bytes');
export const LAYOUT: unique symbol = Symbol('cilium-events.layout');
export const PACKET_START: unique symbol = Symbol('cilium-events.packetStart');

/** Shared by every event without extension bytes. */
export const EMPTY_BYTES = /*#__PURE__*/ new Uint8Array(0);

/** An event as its decode function fills it: the public fields are read-only to everyone else. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };
