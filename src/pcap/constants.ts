/**
 * The numbers of the two file formats, shared by the writers and the reader: classic pcap
 * (tcpdump.org's pcap-savefile) and pcapng (draft-ietf-opsawg-pcapng).
 */

/** Classic pcap magic numbers: microsecond and nanosecond timestamps. */
export const PCAP_MAGIC_US = 0xa1b2c3d4;
export const PCAP_MAGIC_NS = 0xa1b23c4d;

/** pcapng block types. */
export const BLOCK_SHB = 0x0a0d0d0a;
export const BLOCK_IDB = 0x00000001;
/** The obsolete packet block, read for old files only. */
export const BLOCK_PB = 0x00000002;
export const BLOCK_SPB = 0x00000003;
export const BLOCK_EPB = 0x00000006;
/** The section header's byte-order magic, as written in the section's own byte order. */
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** Option codes (§3.5 and the block sections). */
export const OPT_ENDOFOPT = 0;
export const OPT_COMMENT = 1;
export const SHB_USERAPPL = 4;
export const IF_NAME = 2;
export const IF_DESCRIPTION = 3;
export const IF_TSRESOL = 9;
export const EPB_FLAGS = 2;
export const EPB_VERDICT = 7;
/** `epb_verdict` type octet of a Linux eBPF tc verdict (a u64 tc action follows). */
export const VERDICT_EBPF_TC = 1;

/** Length rounded up to the 32-bit boundary every pcapng block and option ends on. */
export const pad4 = (n: number): number => (n + 3) & ~3;
