/** The result of dissecting one packet. */
import { PacketFlow } from './flow.js';
import type { EthernetLayer } from './link.js';
import { isL4Layer } from './layer.js';
import type { IpLayer, Layer, LayerKind, LayerOf } from './layer.js';

/**
 * A dissected packet: its layers in wire order and the two views summaries need.
 *
 * Truncation is reported three ways: `truncated` (anything at all runs past the captured
 * bytes), `truncatedLayer` (the outermost layer that does) and `cutHeader` (the layer whose
 * own header is incomplete, where dissection stopped).
 *
 * @example
 * const p = dissectPacket(bytes);
 * p.layers.map((l) => l.kind);        // ['ethernet', 'ipv4', 'tcp', 'payload']
 * p.layer('tcp')?.syn;                // true
 * p.truncated ? p.truncatedLayer : ''; // 'ipv4' when the capture ends inside the datagram
 */
export class Packet {
  /** The dissected bytes (layers point into them by offset). */
  declare readonly bytes: Uint8Array;
  /** Every layer decoded, in wire order; a trailing `payload` holds bytes left over. */
  declare readonly layers: readonly Layer[];
  /** The outermost layer whose header or declared length runs past the bytes; null when none. */
  declare readonly truncatedLayer: LayerKind | null;
  /** The layer whose header (fixed part, options or extension headers) the bytes cut short; null when none. */
  declare readonly cutHeader: LayerKind | null;
  /**
   * The first layer whose fields contradict each other (IPv4 IHL < 5, TCP data offset < 5,
   * UDP length < 8, an IPv6 extension past the payload length) or that does not fit in the
   * length an enclosing header declares; dissection stops there. gopacket — and so
   * `cilium monitor` — reports these as decode errors.
   */
  declare readonly malformed: LayerKind | null;
  declare private outerFlow: PacketFlow | null | undefined;
  declare private innerFlow: PacketFlow | null | undefined;
  constructor(
    bytes: Uint8Array,
    layers: readonly Layer[],
    truncatedLayer: LayerKind | null,
    cutHeader: LayerKind | null,
    malformed: LayerKind | null,
  ) {
    this.bytes = bytes;
    this.layers = layers;
    this.truncatedLayer = truncatedLayer;
    this.cutHeader = cutHeader;
    this.malformed = malformed;
    this.outerFlow = undefined;
    this.innerFlow = undefined;
  }

  /** True when the captured bytes end before some layer does. */
  get truncated(): boolean {
    return this.truncatedLayer !== null;
  }

  /** The first layer of a kind, e.g. `packet.layer('tcp')?.syn`. */
  layer<K extends LayerKind>(kind: K): LayerOf<K> | undefined {
    for (const l of this.layers) if (l.kind === kind) return l as LayerOf<K>;
    return undefined;
  }

  /** The last layer of a kind (the innermost one of a tunnelled packet). */
  lastLayer<K extends LayerKind>(kind: K): LayerOf<K> | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const l = this.layers[i]!;
      if (l.kind === kind) return l as LayerOf<K>;
    }
    return undefined;
  }

  /** The outermost IP header with its L4 header and Ethernet header; null without IP. */
  get outer(): PacketFlow | null {
    if (this.outerFlow === undefined) {
      const i = this.layers.findIndex(isIp);
      this.outerFlow = i < 0 ? null : this.flowAt(i);
    }
    return this.outerFlow;
  }

  /**
   * The innermost IP header with its L4 header and Ethernet header; null without IP. For a
   * packet without tunnel or IP-in-IP this is the same flow as {@link outer}. The datagram
   * an ICMP error quotes is not part of it: see `invokingPacket`.
   */
  get inner(): PacketFlow | null {
    if (this.innerFlow === undefined) {
      let i = this.layers.length - 1;
      while (i >= 0 && !isIp(this.layers[i]!)) i--;
      this.innerFlow = i < 0 ? null : i === this.layers.findIndex(isIp) ? this.outer : this.flowAt(i);
    }
    return this.innerFlow;
  }

  private flowAt(ipIndex: number): PacketFlow {
    const next = this.layers[ipIndex + 1];
    return new PacketFlow(this.ethernetBefore(ipIndex), this.layers[ipIndex] as IpLayer, next !== undefined && isL4Layer(next) ? next : null);
  }

  /** The Ethernet header that carries the layer at `index`, not looking past a tunnel header. */
  private ethernetBefore(index: number): EthernetLayer | null {
    for (let i = index - 1; i >= 0; i--) {
      const l = this.layers[i]!;
      if (l.kind === 'ethernet') return l;
      if (l.kind === 'vxlan' || l.kind === 'geneve' || l.kind === 'ipv4' || l.kind === 'ipv6') return null;
    }
    return null;
  }
}

function isIp(layer: Layer): layer is IpLayer {
  return layer.kind === 'ipv4' || layer.kind === 'ipv6';
}
