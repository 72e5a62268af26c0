/** Hand-written frames shared by the packet tests; every byte follows the RFC layouts. */
import { hex } from './hex.js';

/** Ethernet/IPv4/TCP ACK, 1.2.3.4:80 -> 5.6.7.8:443 (the frame of Cilium's dissect tests). */
export const ETH_IPV4_TCP_ACK = hex(`
  02 33 45 67 89 ab          # dst MAC
  01 23 45 67 89 ab          # src MAC
  08 00                      # EtherType IPv4
  45 00 00 28                # version 4, IHL 5, TOS 0, total length 40
  00 01 00 00                # id 1, flags 0, fragment offset 0
  40 06 6a bc                # TTL 64, protocol 6 (TCP), header checksum
  01 02 03 04                # src 1.2.3.4
  05 06 07 08                # dst 5.6.7.8
  00 50 01 bb                # src port 80, dst port 443
  00 00 00 00                # seq
  00 00 00 00                # ack
  50 10 20 00                # data offset 5, flags ACK, window 8192
  7d b6 00 00                # checksum, urgent pointer
`);

/**
 * An overlay frame as in Cilium's dissect tests: outer 01:02:03:04:05:06 -> 11:12:13:14:15:16,
 * 1.1.1.1:8472 -> 2.2.2.2:<dport>, VXLAN or Geneve (protocol 0x6558) with VNI 2, inner
 * 01:23:45:67:89:ab -> 02:33:45:67:89:ab, 1.2.3.4:80 -> 5.6.7.8:443 TCP SYN.
 */
export function overlayFrame(kind: 'vxlan' | 'geneve', dstPort: number): Uint8Array {
  const port = dstPort.toString(16).padStart(4, '0');
  const header = kind === 'vxlan' ? '08 00 00 00  00 00 02 00   # VXLAN: I flag, VNI 2' : '00 00 65 58  00 00 02 00   # Geneve: no options, Ethernet, VNI 2';
  return hex(`
    11 12 13 14 15 16  01 02 03 04 05 06  08 00   # outer Ethernet
    45 00 00 5a  00 01 00 00  40 11 00 00         # outer IPv4, total 90, UDP
    01 01 01 01  02 02 02 02                      # 1.1.1.1 -> 2.2.2.2
    21 18 ${port}  00 46 00 00                    # UDP 8472 -> dport, length 70
    ${header}
    02 33 45 67 89 ab  01 23 45 67 89 ab  08 00   # inner Ethernet
    45 00 00 28  00 01 00 00  40 06 00 00         # inner IPv4, total 40, TCP
    01 02 03 04  05 06 07 08                      # 1.2.3.4 -> 5.6.7.8
    00 50 01 bb  00 00 00 00  00 00 00 00         # TCP 80 -> 443
    50 02 20 00  00 00 00 00                      # data offset 5, SYN
  `);
}

/** {@link overlayFrame} with VXLAN. */
export function vxlanFrame(dstPort: number): Uint8Array {
  return overlayFrame('vxlan', dstPort);
}
