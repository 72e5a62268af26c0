/**
 * Names that gopacket (the Go packet library `cilium monitor` and Hubble use) prints for
 * packet fields, so a summary built from our layers reads exactly like Cilium's. These are
 * facts about gopacket's output (v1.5.0, the version pinned by Cilium 1.16–1.19), written
 * out as data.
 */

/** gopacket's `EthernetType.String()` names for the types it knows. */
const ETHER_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0800, 'IPv4'],
  [0x0806, 'ARP'],
  [0x86dd, 'IPv6'],
  [0x2000, 'CiscoDiscovery'],
  [0x01a2, 'NortelDiscovery'],
  [0x6558, 'TransparentEthernetBridging'],
  [0x0712, 'MDP'],
  [0x8100, 'Dot1Q'],
  [0x880b, 'PPP'],
  [0x8863, 'PPPoEDiscovery'],
  [0x8864, 'PPPoESession'],
  [0x8847, 'MPLSUnicast'],
  [0x8848, 'MPLSMulticast'],
  [0x888e, 'EAPOL'],
  [0x88a8, 'Dot1Q'],
  [0x88be, 'ERSPAN Type II'],
  [0x88cc, 'LinkLayerDiscovery'],
  [0x9000, 'EthernetCTP'],
  [0xffff, 'Raw'],
]);

/**
 * The name gopacket's `EthernetType.String()` prints for the type/length field of an
 * Ethernet header. Values below 0x0600 are 802.3 lengths, which gopacket reports as `LLC`;
 * unknown types print `UnknownEthernetType`.
 *
 * @example
 * etherTypeName(0x0806) // 'ARP'
 * etherTypeName(0x0040) // 'LLC'
 */
export function etherTypeName(etherType: number): string {
  if (etherType < 0x0600) return 'LLC';
  return ETHER_TYPE_NAMES.get(etherType) ?? 'UnknownEthernetType';
}

interface TypeCodeNames {
  readonly type: string;
  /** Names of the codes, or undefined when the type does not use its code field. */
  readonly codes?: ReadonlyMap<number, string>;
}

const UNREACH4_CODES: ReadonlyMap<number, string> = new Map([
  [0, 'Net'],
  [1, 'Host'],
  [2, 'Protocol'],
  [3, 'Port'],
  [4, 'FragmentationNeeded'],
  [5, 'SourceRoutingFailed'],
  [6, 'NetUnknown'],
  [7, 'HostUnknown'],
  [8, 'SourceIsolated'],
  [9, 'NetAdminProhibited'],
  [10, 'HostAdminProhibited'],
  [11, 'NetTOS'],
  [12, 'HostTOS'],
  [13, 'CommAdminProhibited'],
  [14, 'HostPrecedence'],
  [15, 'PrecedenceCutoff'],
]);

const ICMPV4_NAMES: ReadonlyMap<number, TypeCodeNames> = new Map<number, TypeCodeNames>([
  [0, { type: 'EchoReply' }],
  [3, { type: 'DestinationUnreachable', codes: UNREACH4_CODES }],
  [4, { type: 'SourceQuench' }],
  [
    5,
    {
      type: 'Redirect',
      codes: new Map([
        [0, 'Net'],
        [1, 'Host'],
        [2, 'TOS+Net'],
        [3, 'TOS+Host'],
      ]),
    },
  ],
  [8, { type: 'EchoRequest' }],
  [9, { type: 'RouterAdvertisement' }],
  [10, { type: 'RouterSolicitation' }],
  [
    11,
    {
      type: 'TimeExceeded',
      codes: new Map([
        [0, 'TTLExceeded'],
        [1, 'FragmentReassemblyTimeExceeded'],
      ]),
    },
  ],
  [
    12,
    {
      type: 'ParameterProblem',
      codes: new Map([
        [0, 'PointerIndicatesError'],
        [1, 'MissingOption'],
        [2, 'BadLength'],
      ]),
    },
  ],
  [13, { type: 'TimestampRequest' }],
  [14, { type: 'TimestampReply' }],
  [15, { type: 'InfoRequest' }],
  [16, { type: 'InfoReply' }],
  [17, { type: 'AddressMaskRequest' }],
  [18, { type: 'AddressMaskReply' }],
]);

const ICMPV6_NAMES: ReadonlyMap<number, TypeCodeNames> = new Map<number, TypeCodeNames>([
  [
    1,
    {
      type: 'DestinationUnreachable',
      codes: new Map([
        [0, 'NoRouteToDst'],
        [1, 'AdminProhibited'],
        [2, 'BeyondScopeOfSrc'],
        [3, 'AddressUnreachable'],
        [4, 'PortUnreachable'],
        [5, 'SrcAddressFailedPolicy'],
        [6, 'RejectRouteToDst'],
      ]),
    },
  ],
  [2, { type: 'PacketTooBig' }],
  [
    3,
    {
      type: 'TimeExceeded',
      codes: new Map([
        [0, 'HopLimitExceeded'],
        [1, 'FragmentReassemblyTimeExceeded'],
      ]),
    },
  ],
  [
    4,
    {
      type: 'ParameterProblem',
      codes: new Map([
        [0, 'ErroneousHeaderField'],
        [1, 'UnrecognizedNextHeader'],
        [2, 'UnrecognizedIPv6Option'],
      ]),
    },
  ],
  [128, { type: 'EchoRequest' }],
  [129, { type: 'EchoReply' }],
  [133, { type: 'RouterSolicitation' }],
  [134, { type: 'RouterAdvertisement' }],
  [135, { type: 'NeighborSolicitation' }],
  [136, { type: 'NeighborAdvertisement' }],
  [137, { type: 'Redirect' }],
]);

function typeCodeString(names: ReadonlyMap<number, TypeCodeNames>, type: number, code: number): string {
  const known = names.get(type);
  if (known === undefined) return `${type}(${code})`;
  if (known.codes === undefined) return code === 0 ? known.type : `${known.type}(Code: ${code})`;
  const codeName = known.codes.get(code);
  return codeName === undefined ? `${known.type}(Code: ${code})` : `${known.type}(${codeName})`;
}

/**
 * gopacket's `ICMPv4TypeCode.String()`: the bare type name for types without codes (code 0),
 * `Type(Code)` for named codes, `Type(Code: n)` for unnamed ones, `t(c)` for unknown types.
 *
 * @example
 * icmpv4TypeCodeString(8, 0) // 'EchoRequest'
 * icmpv4TypeCodeString(3, 3) // 'DestinationUnreachable(Port)'
 */
export function icmpv4TypeCodeString(type: number, code: number): string {
  return typeCodeString(ICMPV4_NAMES, type, code);
}

/**
 * gopacket's `ICMPv6TypeCode.String()`, same rules as {@link icmpv4TypeCodeString}. MLD
 * types (130–132, 143) have no name there and print numerically.
 *
 * @example
 * icmpv6TypeCodeString(128, 0) // 'EchoRequest'
 * icmpv6TypeCodeString(1, 4)   // 'DestinationUnreachable(PortUnreachable)'
 */
export function icmpv6TypeCodeString(type: number, code: number): string {
  return typeCodeString(ICMPV6_NAMES, type, code);
}

const IGMP_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x11, 'IGMP Membership Query'],
  [0x12, 'IGMPv1 Membership Report'],
  [0x16, 'IGMPv2 Membership Report'],
  [0x22, 'IGMPv3 Membership Report'],
  [0x17, 'Leave Group'],
]);

/**
 * gopacket's `IGMPType.String()` (empty for unknown types).
 *
 * @example
 * igmpTypeName(0x16) // 'IGMPv2 Membership Report'
 */
export function igmpTypeName(type: number): string {
  return IGMP_TYPE_NAMES.get(type) ?? '';
}

/**
 * gopacket's `VRRPv2Type.String()` (empty for anything but an advertisement).
 *
 * @example
 * vrrpTypeName(1) // 'VRRPv2 Advertisement'
 */
export function vrrpTypeName(type: number): string {
  return type === 1 ? 'VRRPv2 Advertisement' : '';
}
