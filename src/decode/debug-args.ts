/**
 * What the three arguments of each `DBG_*` debug message mean, keyed by the C name (stable
 * across releases, unlike the numbering). Names follow the labels Cilium's Go decoder prints
 * for each value (`lifetime=`, `revnat=`, `slot=`, …), in camelCase; `undefined` marks an
 * argument the message does not use. Subtypes the Go decoder has no message for map to
 * three `undefined`s.
 */
import type { DebugArgNames } from './types.js';

const u = undefined;
const NONE: DebugArgNames = [u, u, u];

const one = (a: string): DebugArgNames => [a, u, u];
const two = (a: string, b: string): DebugArgNames => [a, b, u];
const three = (a: string, b: string, c: string): DebugArgNames => [a, b, c];

/** The table, built on first use: only decoders of debug messages need it. */
let argNames: Readonly<Record<string, DebugArgNames>> | undefined;

function argNamesTable(): Readonly<Record<string, DebugArgNames>> {
  const CT_TUPLE = two('ports', 'nexthdrFlags');
  const SLOT = two('slot', 'dport');
  const CT_LOOKUP_1 = three('src', 'dst', 'ports');
  const CT_LOOKUP_2 = three('nexthdrFlags', 'dir', 'scope');
  const REV_PROXY = three('ports', 'saddr', 'nexthdr');

  return {
    DBG_GENERIC: two('arg1', 'arg2'),
    DBG_LOCAL_DELIVERY: two('containerId', 'seclabel'),
    DBG_ENCAP: two('node', 'seclabel'),
    DBG_LXC_FOUND: two('ifindex', 'seclabel'),
    DBG_POLICY_DENIED: two('from', 'to'),
    DBG_CT_LOOKUP: CT_TUPLE,
    DBG_CT_LOOKUP_REV: CT_TUPLE,
    DBG_CT_MATCH: two('lifetime', 'revnat'),
    DBG_CT_CREATED: three('ports', 'nexthdrFlags', 'revnat'),
    DBG_CT_CREATED2: two('addr', 'revnat'),
    DBG_ICMP6_HANDLE: one('type'),
    DBG_ICMP6_REQUEST: one('offset'),
    DBG_ICMP6_NS: two('addrP3', 'addrP4'),
    DBG_CT_VERDICT: two('state', 'revnat'),
    DBG_DECAP: two('id', 'flowlabel'),
    DBG_PORT_MAP: two('from', 'to'),
    DBG_ERROR_RET: two('function', 'error'),
    DBG_TO_HOST: one('policySkip'),
    DBG_TO_STACK: one('policySkip'),
    DBG_PKT_HASH: two('hash', 'selectedService'),
    DBG_RR_BACKEND_SLOT_SEL: two('hash', 'selectedService'),
    DBG_LB6_LOOKUP_FRONTEND: two('addrP4', 'dport'),
    DBG_LB6_LOOKUP_FRONTEND_FAIL: two('addrP2', 'addrP3'),
    DBG_LB6_LOOKUP_BACKEND_SLOT: SLOT,
    DBG_LB6_LOOKUP_BACKEND_SLOT_SUCCESS: two('targetP4', 'port'),
    DBG_LB6_LOOKUP_BACKEND_SLOT_V2_FAIL: SLOT,
    DBG_LB6_LOOKUP_BACKEND_FAIL: one('backendId'),
    DBG_LB6_REVERSE_NAT_LOOKUP: one('index'),
    DBG_LB6_REVERSE_NAT: two('addressP4', 'port'),
    DBG_LB6_LOOPBACK_SNAT: two('fromP4', 'toP4'),
    DBG_LB6_LOOPBACK_SNAT_REV: two('fromP4', 'toP4'),
    DBG_LB4_LOOKUP_FRONTEND: two('addr', 'dport'),
    DBG_LB4_LOOKUP_BACKEND_SLOT: SLOT,
    DBG_LB4_LOOKUP_BACKEND_SLOT_SUCCESS: two('target', 'port'),
    DBG_LB4_LOOKUP_BACKEND_SLOT_V2_FAIL: SLOT,
    DBG_LB4_LOOKUP_BACKEND_FAIL: one('backendId'),
    DBG_LB4_REVERSE_NAT_LOOKUP: one('index'),
    DBG_LB4_REVERSE_NAT: two('address', 'port'),
    DBG_LB4_LOOPBACK_SNAT: two('from', 'to'),
    DBG_LB4_LOOPBACK_SNAT_REV: two('from', 'to'),
    DBG_CT_LOOKUP4: one('address'),
    DBG_REV_PROXY_LOOKUP: REV_PROXY,
    DBG_REV_PROXY_FOUND: two('origDaddr', 'origDport'),
    DBG_REV_PROXY_UPDATE: REV_PROXY,
    DBG_L4_POLICY: two('port', 'direction'),
    DBG_NETDEV_IN_CLUSTER: one('sourceIdentity'),
    DBG_NETDEV_ENCAP4: two('lookupKey', 'identity'),
    DBG_CT_LOOKUP4_1: CT_LOOKUP_1,
    DBG_CT_LOOKUP4_2: CT_LOOKUP_2,
    DBG_CT_CREATED4: three('proxyPortRevnat', 'srcIdentity', 'lb'),
    DBG_CT_LOOKUP6_1: CT_LOOKUP_1,
    DBG_CT_LOOKUP6_2: CT_LOOKUP_2,
    DBG_CT_CREATED6: two('proxyPortRevnat', 'srcIdentity'),
    DBG_SKIP_PROXY: one('tcIndex'),
    DBG_L4_CREATE: three('src', 'dst', 'dportProto'),
    DBG_IP_ID_MAP_FAILED4: one('addr'),
    DBG_IP_ID_MAP_FAILED6: one('addrP4'),
    DBG_IP_ID_MAP_SUCCEED4: two('addr', 'identity'),
    DBG_IP_ID_MAP_SUCCEED6: two('addrP4', 'identity'),
    DBG_LB_STALE_CT: two('svcRevNatId', 'staleCtRevNatId'),
    DBG_INHERIT_IDENTITY: one('identity'),
    DBG_SK_LOOKUP4: CT_LOOKUP_1,
    DBG_SK_LOOKUP6: CT_LOOKUP_1,
    DBG_SK_ASSIGN: one('result'),
    DBG_L7_LB: three('src', 'dst', 'proxyPort'),
  };
}

/** Argument names for a `DBG_*` C name (three `undefined`s when unknown). */
export function debugArgNames(dbgName: string | undefined): DebugArgNames {
  return (dbgName !== undefined && (argNames ??= argNamesTable())[dbgName]) || NONE;
}
