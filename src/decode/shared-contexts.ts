/** The process-wide context cache, fed by the generated tables. */
import { getTables } from '../tables.js';
import { ContextCache } from './context-cache.js';

export const contexts = new ContextCache((release) => getTables(release));
