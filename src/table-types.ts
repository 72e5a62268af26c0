/**
 * Shapes of the tables that `codegen/` derives from Cilium's pinned headers and Go files.
 * Every module in `src/generated/` exports one `ReleaseTables` value; `cilium-events/tables`
 * hands them out. Keys are the C names exactly as the headers spell them.
 */

/** One member of a struct as laid out by the C ABI (x86-64 / arm64 System V). */
export interface FieldLayout {
  /**
   * C member name. Members of anonymous structs/unions and of member-list macros
   * (`NOTIFY_CAPTURE_HDR`) are flattened into the parent; members of named nested
   * aggregates are joined with a dot (`orig_ip6.addr`) in addition to the aggregate itself.
   */
  name: string;
  /** Byte offset from the start of the outermost struct (of the storage unit, for bitfields). */
  offset: number;
  /** Size in bytes (of the whole array, for arrays; of the storage unit, for bitfields). */
  size: number;
  /** C type as written after typedef resolution to a base name, e.g. `__u32`, `__be16`, `union v6addr`, `__u8[3]`. */
  type: string;
  /** Element count for arrays. */
  count?: number;
  /** For bitfields: bit position inside the storage unit, LSB first (little-endian ABI). */
  bitOffset?: number;
  /** For bitfields: width in bits. */
  bitWidth?: number;
}

/** A C struct as the compiler lays it out: total size, alignment and each field's offset and width. */
export interface StructLayout {
  size: number;
  align: number;
  fields: FieldLayout[];
}

/** Everything the decoder and formatters need about one pinned Cilium release. */
export interface ReleaseTables {
  /** Release line as users name it: `'1.19'`, or a patch release pinned separately: `'1.17.0'`. */
  release: string;
  /** Exact Cilium version the pin points at, e.g. `'1.19.4'`. */
  version: string;
  /** cilium/cilium commit of that version. */
  commit: string;
  /** Monitor message structs (drop_notify, trace_notify, debug_msg, …) keyed by C tag. */
  structs: Record<string, StructLayout>;
  /**
   * Enums and constant groups keyed by the enum tag (`trace_point`, `trace_reason`, `ct_status`)
   * or, for anonymous enums and `#define` families, by the common name prefix
   * (`CILIUM_NOTIFY`, `DBG`, `DBG_CAPTURE`, `CLS_FLAG`, `NOTIFY_VER`, …).
   */
  enums: Record<string, Record<string, number>>;
  /** Drop reason code as carried on the wire (positive, e.g. 133) → C name (`DROP_POLICY`). */
  dropReasons: Record<number, string>;
  /** Source file id (the `file` byte of drop notifications) → file name (`bpf_lxc.c`). */
  fileIds: Record<number, string>;
  /**
   * Human-readable strings that exist only in Cilium's Go code, extracted from the same
   * commit: group → key (C name or numeric value) → text.
   */
  texts: Record<string, Record<string, string>>;
}
