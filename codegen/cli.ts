/**
 * The codegen command line (run with tsx):
 *
 *   npm run codegen                                   regenerate src/generated/ for every pinned release
 *   npm run codegen -- --release 1.19                 only that release (and the index)
 *   npm run codegen -- --from DIR --release 1.19 --json   print the tables getTables('1.19') returns
 *   npm run codegen:check [-- --strict] [--release R] compare committed modules with a regeneration
 *
 * Inputs come from `--from DIR` (a directory with bpf/… and pkg/… or a git directory holding
 * the pinned commit), else `CILIUM_SRC`, else `bpf-headers/<release>/` (see `npm run headers`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CParseError } from './c/index.js';
import { MissingDefinitionError } from './c-tables.js';
import { checkGenerated } from './check.js';
import { canonical, moduleName, renderIndexModule, renderReleaseExportsModule, renderReleaseModule } from './emit.js';
import { generateTables } from './generate.js';
import { GoExtractError } from './go-source.js';
import { hasAllPlainFiles, InputError, readInputs } from './inputs.js';
import { loadPins, pinFor, PinsError, repoRoot, type ReleasePin } from './pins.js';

const USAGE = `usage:
  tsx codegen/cli.ts [--release R] [--from DIR] [--out DIR]      regenerate src/generated/
  tsx codegen/cli.ts --release R [--from DIR] --json [--unpinned] print one release's tables as JSON
  tsx codegen/cli.ts check [--strict] [--release R]               verify the committed modules`;

/** Where a release's inputs are read from, or undefined when nowhere has them. */
function sourceFor(pin: ReleasePin, from: string | undefined): string | undefined {
  const explicit = from ?? process.env['CILIUM_SRC'];
  if (explicit !== undefined && explicit !== '') return explicit;
  const local = join(repoRoot, 'bpf-headers', pin.release);
  return hasAllPlainFiles(pin, local) ? local : undefined;
}

function noInputs(pin: ReleasePin): Error {
  return new InputError(
    'INPUT_MISSING',
    `the pinned inputs of release ${pin.release} are not in bpf-headers/${pin.release}/; obtain them with\n` +
      `  npm run headers -- --from <cilium checkout or git dir> --release ${pin.release}\n` +
      `or pass --from DIR / set CILIUM_SRC`,
    `bpf-headers/${pin.release}`,
  );
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      release: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      unpinned: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const pins = loadPins();
  const generatedDir = values.out ?? join(repoRoot, 'src', 'generated');
  const command = positionals[0] ?? 'generate';

  if (command === 'check') {
    const envSrc = process.env['CILIUM_SRC'];
    const strict = values.strict || (envSrc !== undefined && envSrc !== '');
    const report = checkGenerated({
      pins,
      generatedDir,
      strict,
      ...(values.release === undefined ? {} : { only: [pinFor(pins, values.release).release] }),
      regenerate: (pin) => {
        const source = sourceFor(pin, values.from);
        if (source === undefined) return undefined;
        return renderReleaseModule(pin, generateTables(pin, readInputs(pin, source).files));
      },
    });
    for (const p of report.problems) console.error(`codegen:check: ${p}`);
    if (report.full.length > 0) console.log(`codegen:check: regenerated and compared ${report.full.join(', ')}`);
    if (report.headerOnly.length > 0) {
      console.log(
        `codegen:check: headers absent for ${report.headerOnly.join(', ')}: checked only that the committed modules ` +
          `record the pinned commit and input sha256s and were not edited by hand. The full check needs the headers ` +
          `(npm run headers -- --from <cilium git dir>, or CILIUM_SRC=<checkout>); --strict makes their absence a failure.`,
      );
    }
    console.log(report.ok ? 'codegen:check: OK' : 'codegen:check: FAILED');
    return report.ok ? 0 : 1;
  }
  if (command !== 'generate') {
    console.error(USAGE);
    return 2;
  }

  if (values.json) {
    if (values.release === undefined) {
      console.error('--json needs --release');
      return 2;
    }
    const pin = pinFor(pins, values.release);
    const source = sourceFor(pin, values.from);
    if (source === undefined) throw noInputs(pin);
    // --unpinned: the directory holds another release of the same line (the release watch
    // compares its tables with the pinned ones), so the pins' sha256s cannot match.
    const inputs = readInputs(pin, source, !values.unpinned);
    process.stdout.write(`${JSON.stringify(canonical(generateTables(pin, inputs.files)), null, 2)}\n`);
    return 0;
  }

  const selected = values.release === undefined ? pins.releases : [pinFor(pins, values.release)];
  mkdirSync(generatedDir, { recursive: true });
  for (const pin of selected) {
    const source = sourceFor(pin, values.from);
    if (source === undefined) throw noInputs(pin);
    const inputs = readInputs(pin, source);
    const file = join(generatedDir, `${moduleName(pin.release)}.gen.ts`);
    writeFileSync(file, renderReleaseModule(pin, generateTables(pin, inputs.files)));
    console.log(`codegen: ${pin.release} (v${pin.version}) from ${inputs.origin} → ${file}`);
  }
  writeFileSync(join(generatedDir, 'index.gen.ts'), renderIndexModule(pins));
  writeFileSync(join(generatedDir, 'releases.gen.ts'), renderReleaseExportsModule(pins));
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof InputError || e instanceof PinsError || e instanceof CParseError || e instanceof GoExtractError || e instanceof MissingDefinitionError) {
    console.error(`codegen: ${e.message}`);
    process.exitCode = 2;
  } else {
    throw e;
  }
}
