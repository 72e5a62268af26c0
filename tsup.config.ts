import { defineConfig } from 'tsup';

// One entry per public subpath (see package.json "exports"). The core (`index`) and
// `tables` must stay free of runtime dependencies and Node built-ins.
export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      packet: 'src/packet/index.ts',
      tables: 'src/tables.ts',
      ring: 'src/ring/index.ts',
      format: 'src/format/index.ts',
      filter: 'src/filter/index.ts',
      stats: 'src/stats/index.ts',
      sources: 'src/sources/index.ts',
      pcap: 'src/pcap/index.ts',
      // Node-only (node:net, node:fs, the optional koffi): left as imports, so the shared
      // chunks stay one copy and the portable entries never see them.
      live: 'src/live/index.ts',
    },
    external: [/^node:/, 'koffi'],
    // Keep `node:net` as written: Deno and Bun resolve the prefixed form for certain.
    removeNodeProtocol: false,
    format: ['esm', 'cjs'],
    dts: true,
    // The output is readable, unminified ES2022; source maps would double the package for little gain.
    sourcemap: false,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
  },
  // The `cilium-events` executable: one ESM file for Node, run directly via its shebang.
  {
    entry: { cli: 'src/cli/main.ts' },
    // koffi loads its native binary relative to its own files: never bundled.
    external: ['koffi'],
    format: ['esm'],
    banner: { js: '#!/usr/bin/env node' },
    clean: false,
    target: 'node20',
    platform: 'node',
  },
]);
