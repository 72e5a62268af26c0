/**
 * Classifier flag masks for one struct: either a whole `flags` byte holding `CLS_FLAG_*`
 * values (v1.18+) or the older one-bit members `ipv6` / `l3_dev` (trace since v1.7, drop v2
 * in v1.17.4+). A bit the layout does not have gets mask 0, so it always reads as false.
 */
import type { StructLayout } from '../table-types.js';
import { bitField, findField } from './layout.js';

export interface ClsMasks {
  /** Offset of the flags byte, or -1 when the layout has none. */
  offset: number;
  ipv6: number;
  l3Device: number;
  vxlan: number;
  geneve: number;
}

export function compileClsMasks(
  s: StructLayout,
  clsFlags: Record<string, number> | undefined,
  littleEndian: boolean,
): ClsMasks {
  const whole = findField(s, 'flags');
  if (whole !== undefined && whole.bitWidth === undefined && clsFlags !== undefined) {
    return {
      offset: whole.offset,
      ipv6: clsFlags['CLS_FLAG_IPV6'] ?? 0,
      l3Device: clsFlags['CLS_FLAG_L3_DEV'] ?? 0,
      vxlan: clsFlags['CLS_FLAG_VXLAN'] ?? 0,
      geneve: clsFlags['CLS_FLAG_GENEVE'] ?? 0,
    };
  }
  const ipv6 = bitField(s, 'ipv6', littleEndian);
  const l3 = bitField(s, 'l3_dev', littleEndian);
  return {
    offset: whole?.offset ?? ipv6.offset,
    ipv6: ipv6.mask,
    l3Device: l3.offset === ipv6.offset ? l3.mask : 0,
    vxlan: 0,
    geneve: 0,
  };
}
