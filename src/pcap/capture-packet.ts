/** What the capture writers take: one packet with the context a pcapng file can carry. */
import type { LinkTypeNumber } from './link-type.js';
import type { Timestamp } from './timestamp.js';

/**
 * Direction relative to the interface, as pcapng's `epb_flags` bits 0–1 record it.
 *
 * @example
 * const direction: PacketDirection = ev.isIngress ? 'inbound' : 'outbound';
 */
export type PacketDirection = 'inbound' | 'outbound';

/**
 * Linux tc actions, the values pcapng's `epb_verdict` records for an eBPF tc program
 * (verdict type 1).
 *
 * @example
 * writer.writePacket({ data, timestamp, verdict: TcAction.Shot });
 */
export const TcAction = {
  /** TC_ACT_OK: the packet goes on. */
  Ok: 0,
  /** TC_ACT_SHOT: the packet is dropped. */
  Shot: 2,
  /** TC_ACT_REDIRECT: the packet goes elsewhere (a proxy, another device). */
  Redirect: 7,
} as const;

/**
 * One packet to write.
 *
 * @example
 * writer.writePacket({ data: frame, origLen: 1500, timestamp: timestampFromMs(Date.now()), direction: 'inbound' });
 */
export interface CapturePacket {
  /** The captured bytes, starting at the link-layer header of {@link linkType}. */
  data: Uint8Array;
  /**
   * Length of the packet on the wire. Default `data.length`; never written smaller than the
   * bytes present, so a short capture always shows as one.
   */
  origLen?: number;
  /** Default {@link LinkType.Ethernet}. */
  linkType?: LinkTypeNumber | number;
  /** When the packet was seen. */
  timestamp: Timestamp;
  /** pcapng only: the interface the packet was seen on; one interface block per (ifindex, link type). */
  ifindex?: number;
  /** pcapng only: `epb_flags` direction. */
  direction?: PacketDirection;
  /** pcapng only: `epb_verdict` as an eBPF tc action (see {@link TcAction}). */
  verdict?: number;
  /** pcapng only: `opt_comment`, shown in Wireshark's packet list and by `tshark -T fields -e frame.comment`. */
  comment?: string;
}
