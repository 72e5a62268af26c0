/** `cilium-events/tables`: layouts, enums, drop reasons and file ids generated per release. */
export type { ReleaseTables, StructLayout, FieldLayout } from './table-types.js';
