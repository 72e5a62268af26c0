// Writes the server scripts of fixtures/ and records what go/monitor-server.go sends for them
// (fixtures/NAME-N.gob, connection N), so the socket source stays tested where Go is missing.
// Run from the repository root: npx tsx test/live/make-fixtures.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchSocket } from '../../src/live/socket.js';
import { buildServer, FIXTURES, startServer } from './monitor-script.js';
import { SCRIPTS } from './scripts.js';

const dir = mkdtempSync(join(tmpdir(), 'monitor-fixtures-'));
try {
  const built = await buildServer(dir);
  if (typeof built === 'string') throw new Error(built);
  for (const [name, script] of Object.entries(SCRIPTS)) {
    const scriptPath = join(FIXTURES, `${name}.script`);
    writeFileSync(scriptPath, script);
    const socket = join(dir, `${name}.sock`);
    const server = startServer(built.exe, socket, scriptPath, join(FIXTURES, name));
    await server.listening();
    const source = await watchSocket({ path: socket, reconnect: { initialDelayMs: 20, maxDelayMs: 50 } });
    const reading = (async () => {
      for await (const _ of source);
    })();
    await server.exited;
    await source.close();
    await reading;
    console.log(`${name}: recorded`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
