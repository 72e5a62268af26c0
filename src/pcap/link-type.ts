/**
 * Link-layer header types (tcpdump.org's LINKTYPE_* registry) of the packets monitor events
 * carry, and which one an event's bytes start with.
 */
import type { DebugCapture, DropNotify, PolicyVerdict, RecorderCapture, TraceNotify } from '../decode/types.js';

/**
 * The two link types Cilium's captures come in.
 *
 * @example
 * createPcapWriter(sink, { linkType: LinkType.RawIp });
 */
export const LinkType = {
  /** LINKTYPE_ETHERNET: the bytes start at an Ethernet header. */
  Ethernet: 1,
  /** LINKTYPE_RAW: the bytes start at an IPv4 or IPv6 header (L3 devices: WireGuard, tun, …). */
  RawIp: 101,
} as const;

/**
 * A link type of {@link LinkType}.
 *
 * @example
 * const lt: LinkTypeNumber = LinkType.Ethernet;
 */
export type LinkTypeNumber = (typeof LinkType)[keyof typeof LinkType];

/**
 * Events that carry packet bytes.
 *
 * @example
 * if (ev.type === 1 || ev.type === 4) linkTypeOf(ev as PacketEvent);
 */
export type PacketEvent = DropNotify | DebugCapture | TraceNotify | PolicyVerdict | RecorderCapture;

/**
 * The link type of an event's packet: raw IP where the datapath flagged an L3 device (the
 * `CLS_FLAG_L3_DEV` classifier flag of drops and traces, the `l3` bit of policy verdicts),
 * else Ethernet. Debug and recorder captures carry no such flag; the datapath takes both at
 * tc on devices with an Ethernet header.
 *
 * The flag is read whatever the release: older `cilium monitor` builds ignore it when printing
 * (see `docs/format.md`), but the bytes start where the flag says.
 *
 * @example
 * linkTypeOf(ev) === LinkType.RawIp; // ev.packet starts at the IP header
 */
export function linkTypeOf(ev: PacketEvent): LinkTypeNumber {
  switch (ev.type) {
    case 1:
    case 4:
    case 5:
      return ev.isL3Device ? LinkType.RawIp : LinkType.Ethernet;
    default:
      return LinkType.Ethernet;
  }
}
