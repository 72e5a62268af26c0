// Runs the consumer with require(): Node, Bun and Deno load the CommonJS builds.
const entries = require('./entries.json');

import('./consumer.mjs')
  .then(({ run }) => run(entries, async (s) => require(s)))
  .then(
    (out) => console.log(JSON.stringify(out)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
