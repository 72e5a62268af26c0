/** The process-wide context cache, fed by the generated tables. */
import { getTables, resolveRelease } from '../tables.js';
import { ContextCache } from './context-cache.js';

export const contexts = new ContextCache(getTables, resolveRelease);
