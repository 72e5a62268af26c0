// Runs the consumer with import(): Node, Bun and Deno load the ESM builds.
import { readFileSync } from 'node:fs';
import { run } from './consumer.mjs';

const entries = JSON.parse(readFileSync(new URL('./entries.json', import.meta.url), 'utf8'));
console.log(JSON.stringify(await run(entries, (s) => import(s))));
