/**
 * `Dissect` of `pkg/monitor/dissect.go`: the packet under a `-vv` record, either Go's hex dump or
 * one gopacket `LayerString` line per decoded layer plus the truncation/error notes.
 */
import type { FormatContext } from '../context.js';
import { hexDump } from '../gopacket/hex-dump.js';
import { layerString } from '../gopacket/layer-string.js';
import type { DecodedLayers } from '../gopacket/layer-types.js';
import { decodeLayers } from '../gopacket/layers.js';
import { decoderSet, udpPayload, type PacketFlags } from '../packet-layers.js';

function layerLines(d: DecodedLayers, ctx: FormatContext): string {
  let out = '';
  for (const name of d.names) out += layerString(name, d, ctx.dialect) + '\n';
  if (d.truncated) out += '  Packet has been truncated\n';
  // 1.16 and 1.17.0 built their parser without IgnoreUnsupported: stopping at a layer type
  // without a decoder is an error there too.
  const error = d.error ?? (ctx.dialect.errorMarker || d.unsupported === undefined ? undefined : `No decoder for layer type ${d.unsupported}`);
  if (error !== undefined) out += `  Failed to decode layer: ${error}\n`;
  return out;
}

/** The packet part of a `-vv` record: hex when `dissect` is false, else the layer dump. */
export function packetDump(data: Uint8Array, flags: PacketFlags, dissect: boolean, ctx: FormatContext): string {
  if (!dissect) return hexDump(data);
  const d = ctx.dialect;
  // From 1.17 an empty packet prints nothing; before, gopacket's Ethernet error is printed.
  if (data.length === 0 && d.errorMarker) return '';
  const set = decoderSet(d);
  // The dissector honours the L3-device flag only from 1.18 (1.17 dissects from Ethernet).
  const first = !d.overlay || !flags.isL3Device ? 'Ethernet' : flags.isIPv6 ? 'IPv6' : 'IPv4';
  const outer = decodeLayers(data, first, set);
  let out = layerLines(outer, ctx);
  if (d.overlay && (flags.isVXLAN || flags.isGeneve)) {
    out += layerLines(decodeLayers(data, flags.isVXLAN ? 'VXLAN' : 'Geneve', { ...set, tunnels: true }, ...udpPayload(outer)), ctx);
  }
  return out;
}
