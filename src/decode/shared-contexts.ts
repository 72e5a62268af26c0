/** The process-wide context cache, fed by the generated tables. */
import { getTables, resolveRelease } from '../tables.js';
import { ContextCache } from './context-cache.js';

/**
 * Pure-annotated so a bundle that never decodes (`dissectPacket`, `createHeaderFilter` alone)
 * drops the cache and, with it, every release's tables: a bare `new` at module level counts as a
 * side effect to bundlers, which would keep `getTables` and all it references.
 */
export const contexts = /*#__PURE__*/ new ContextCache(getTables, resolveRelease);
