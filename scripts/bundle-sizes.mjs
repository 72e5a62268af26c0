// What a consumer's bundler makes of dist/: minified and gzipped bytes of the named imports a
// typical user writes, one scenario per row. `node scripts/bundle-sizes.mjs` prints the table
// (tsup's "Build success" sizes are whole entries, before tree-shaking); the budgets test
// (test/package/bundle-size.test.ts) keeps them.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/** Scenario name → [entry file, imported names]. */
export const SCENARIOS = {
  'decodeEvent': ['index.js', ['decodeEvent']],
  'dissectPacket': ['packet.js', ['dissectPacket']],
  'createHeaderFilter': ['index.js', ['createHeaderFilter']],
  'encodeEvent': ['index.js', ['encodeEvent']],
  'format: formatEvent': ['format.js', ['formatEvent']],
  'format: toFlow': ['format.js', ['toFlow']],
  'ring: readRecords': ['ring.js', ['readRecords']],
  'tables: getTables': ['tables.js', ['getTables']],
  'tables: v1_19': ['tables.js', ['v1_19']],
};

/** A string only the generated release tables contain. */
export const TABLES_MARKER = 'drop_notify';

/** Bundles `names` from `entry` as a consumer would; sizes and whether the tables came along. */
export async function measure(entry, names) {
  const result = await build({
    stdin: { contents: `export { ${names.join(', ')} } from ${JSON.stringify(dist + entry)};`, resolveDir: dist },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code).length, tables: Buffer.from(code).toString('latin1').includes(TABLES_MARKER) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kb = (n) => `${(n / 1024).toFixed(1).padStart(7)} KB`;
  console.log(`${'import'.padEnd(24)}${'min'.padStart(10)}${'min+gzip'.padStart(11)}  tables`);
  for (const [name, [entry, names]] of Object.entries(SCENARIOS)) {
    const s = await measure(entry, names);
    console.log(`${name.padEnd(24)}${kb(s.min)} ${kb(s.gzip)}  ${s.tables ? 'yes' : 'no'}`);
  }
}
