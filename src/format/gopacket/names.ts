/**
 * gopacket's EtherType names as the gopacket build of each Cilium release prints them. The
 * names themselves come from the packet dissector (gopacket v1.5.0); older builds lack two.
 */
import { etherTypeName } from '../../packet/names.js';

/** Which gopacket generation's EtherType registry to use. */
export interface EtherTypeRegistry {
  /** 0x0712 `MDP` (gopacket ≥ v1.3). */
  mdp: boolean;
  /** 0xFFFF `Raw` (gopacket ≥ v1.4). */
  raw: boolean;
}

/** `layers.EthernetType.String()`; unregistered values print `UnknownEthernetType`. */
export function ethernetTypeString(type: number, registry: EtherTypeRegistry): string {
  if ((type === 0x0712 && !registry.mdp) || (type === 0xffff && !registry.raw)) return 'UnknownEthernetType';
  return etherTypeName(type);
}
