/**
 * `npm run headers -- [--from DIR]... [--release R]... [--out DIR] [--ref TAG --unverified]`
 *
 * Obtains the pinned Cilium inputs (bpf/lib headers, pkg/monitor Go files) of each release
 * into `bpf-headers/<release>/`. With `--from` (repeatable: a Cilium checkout, a plain tree,
 * or a git directory that has the pinned commit) each release is read from the first source
 * that has it; without, each file is downloaded at its pinned commit. A file whose sha256
 * differs from pins.json is refused and nothing is written for that release.
 * `--ref TAG --unverified` (release watch only) downloads another tag's files unchecked.
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { InputError } from '../codegen/inputs.js';
import { download, fromSources, ObtainError, writeInputs } from '../codegen/obtain.js';
import { loadPins, pinFor, PinsError, repoRoot } from '../codegen/pins.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string', multiple: true },
      release: { type: 'string', multiple: true },
      out: { type: 'string' },
      ref: { type: 'string' },
      unverified: { type: 'boolean', default: false },
    },
  });
  const pins = loadPins();
  const out = values.out ?? join(repoRoot, 'bpf-headers');
  const selected = values.release === undefined ? pins.releases : values.release.map((r) => pinFor(pins, r));
  if ((values.ref !== undefined) !== values.unverified) {
    console.error('headers: --ref and --unverified go together (they fetch an unpinned tag for the release watch)');
    return 2;
  }
  for (const pin of selected) {
    if (values.from !== undefined && values.from.length > 0) {
      const { files, origin } = fromSources(pin, values.from);
      writeInputs(out, pin.release, files);
      console.log(`headers: ${pin.release} (v${pin.version}): ${files.size} files verified from ${origin}`);
    } else {
      const files = await download(pin, pins.upstream, values.ref === undefined ? {} : { ref: values.ref, verify: false });
      writeInputs(out, pin.release, files);
      const how = values.ref === undefined ? `verified, downloaded at ${pin.commit}` : `UNVERIFIED, downloaded at ${values.ref}`;
      console.log(`headers: ${pin.release}: ${files.size} files ${how}`);
    }
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof InputError || e instanceof ObtainError || e instanceof PinsError) {
      console.error(`headers: ${e.message}`);
      process.exitCode = 1;
    } else {
      throw e;
    }
  },
);
