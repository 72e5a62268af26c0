/**
 * cilium-events — decode Cilium's datapath monitor events.
 *
 * The core entry point: zero runtime dependencies, only `Uint8Array`/`DataView`.
 */
export type { ReleaseTables, StructLayout, FieldLayout } from './table-types.js';
