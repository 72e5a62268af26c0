/** The packet-decoding flags a record carries, as the release's Go code reads them. */
import type { DropNotify, PolicyVerdict, TraceNotify } from '../../decode/types.js';
import type { FormatContext } from '../context.js';
import { ETHERNET_START, type PacketFlags } from '../packet-layers.js';

/** Drop and trace: the classifier flags byte (1.17+ reads L3/IPv6, 1.18+ also VXLAN/Geneve). */
export function packetFlags(ev: DropNotify | TraceNotify, ctx: FormatContext): PacketFlags {
  if (!ctx.dialect.l3DeviceStart) return ETHERNET_START;
  return { isL3Device: ev.isL3Device, isIPv6: ev.isIPv6, isVXLAN: ev.isVXLAN, isGeneve: ev.isGeneve };
}

/** Policy verdicts: the `l3` and `ipv6` bits, never overlays. */
export function policyPacketFlags(ev: PolicyVerdict, ctx: FormatContext): PacketFlags {
  if (!ctx.dialect.l3DeviceStart) return ETHERNET_START;
  return { isL3Device: ev.isL3Device, isIPv6: ev.isIPv6, isVXLAN: false, isGeneve: false };
}
