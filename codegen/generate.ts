/**
 * One release's inputs → its `ReleaseTables`: the C headers through the C front end, the Go
 * files through the Go string extraction, both from the same pinned commit.
 */
import type { ReleaseTables } from '../src/table-types.js';
import { extractCTables } from './c-tables.js';
import { extractTexts } from './go-texts.js';
import type { InputSet } from './inputs.js';
import type { ReleasePin } from './pins.js';

/** Builds the tables of `pin` from its (already verified) input files. */
export function generateTables(pin: ReleasePin, inputs: InputSet): ReleaseTables {
  const headers = [...inputs]
    .filter(([path]) => path.endsWith('.h'))
    .map(([path, bytes]) => ({ path, text: bytes.toString('utf8') }));
  const go = new Map([...inputs].filter(([path]) => path.endsWith('.go')).map(([path, bytes]) => [path, bytes.toString('utf8')]));
  const c = extractCTables(headers);
  return {
    release: pin.release,
    version: pin.version,
    commit: pin.commit,
    structs: c.structs,
    enums: c.enums,
    dropReasons: c.dropReasons,
    fileIds: c.fileIds,
    texts: extractTexts(go),
  };
}
