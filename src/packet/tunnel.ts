/** Overlay headers whose payload is another frame: VXLAN (RFC 7348, with the GBP extension) and Geneve (RFC 8926). */
import { u16, u24, u8 } from './bytes.js';

/** VXLAN header length. */
export const VXLAN_LENGTH = 8;
/** Geneve fixed header length (options follow). */
export const GENEVE_FIXED_LENGTH = 8;

/** A VXLAN header; an Ethernet frame follows. */
export class VxlanLayer {
  declare readonly kind: 'vxlan';
  declare readonly offset: number;
  /** Always 8. */
  declare readonly headerLength: number;
  /** Always false. */
  declare readonly truncated: boolean;
  /** First flags octet (I = 0x08, G = 0x80). */
  declare readonly flags: number;
  /** VXLAN network identifier (24 bits); Cilium puts the source security identity here. */
  declare readonly vni: number;
  /** Group policy id of the GBP extension (0 without it). */
  declare readonly groupPolicyId: number;
  /** Second octet: GBP's D (0x40) and A (0x08) bits (draft-smith-vxlan-group-policy, as Linux reads them). */
  declare readonly groupPolicyFlags: number;
  constructor(bytes: Uint8Array, offset: number) {
    this.kind = 'vxlan';
    this.offset = offset;
    this.headerLength = VXLAN_LENGTH;
    this.truncated = false;
    this.flags = u8(bytes, offset);
    this.groupPolicyFlags = u8(bytes, offset + 1);
    this.groupPolicyId = u16(bytes, offset + 2);
    this.vni = u24(bytes, offset + 4);
  }
  /** I flag: the VNI is valid. */
  get validVni(): boolean {
    return (this.flags & 0x08) !== 0;
  }
  /** G flag: the group policy extension is present. */
  get groupPolicy(): boolean {
    return (this.flags & 0x80) !== 0;
  }
  /** GBP D flag: don't learn. */
  get dontLearn(): boolean {
    return (this.groupPolicyFlags & 0x40) !== 0;
  }
  /** GBP A flag: policy applied. (gopacket tests 0x80 of this octet instead.) */
  get policyApplied(): boolean {
    return (this.groupPolicyFlags & 0x08) !== 0;
  }
}

/** A Geneve header; what follows is named by `protocolType` (0x6558 = Ethernet). */
export class GeneveLayer {
  declare readonly kind: 'geneve';
  declare readonly offset: number;
  /** Version (2 bits). */
  declare readonly version: number;
  /** Length of the options in bytes. */
  declare readonly optionsLength: number;
  /** O bit: control (OAM) packet. */
  declare readonly oam: boolean;
  /** C bit: critical options present. */
  declare readonly critical: boolean;
  /** EtherType of the payload (0x6558 transparent Ethernet bridging). */
  declare readonly protocolType: number;
  /** Virtual network identifier (24 bits); Cilium puts the source security identity here. */
  declare readonly vni: number;
  /** Fixed header plus options, clipped to the captured bytes. */
  declare readonly headerLength: number;
  /** The options run past the captured bytes. */
  declare readonly truncated: boolean;
  /** @param limit end of the bytes the header may use; at least 8 bytes past `offset`. */
  constructor(bytes: Uint8Array, offset: number, limit: number) {
    this.kind = 'geneve';
    this.offset = offset;
    const b0 = u8(bytes, offset);
    this.version = b0 >> 6;
    this.optionsLength = (b0 & 0x3f) * 4;
    const b1 = u8(bytes, offset + 1);
    this.oam = (b1 & 0x80) !== 0;
    this.critical = (b1 & 0x40) !== 0;
    this.protocolType = u16(bytes, offset + 2);
    this.vni = u24(bytes, offset + 4);
    const full = GENEVE_FIXED_LENGTH + this.optionsLength;
    this.truncated = offset + full > limit;
    this.headerLength = this.truncated ? limit - offset : full;
  }
}
