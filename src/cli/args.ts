/**
 * A small argument parser for the commands: long flags (`--name value`, `--name=value`),
 * short flags (`-t drop`, `-vv` counting), repeatable list flags, `--` ending the flags, and
 * `-` as an ordinary positional (standard input). Anything it cannot place is a
 * {@link UsageError}, which the CLI turns into exit status 2.
 */

export type FlagKind =
  /** Present or not. */
  | 'bool'
  /** Repeatable, counted (`-v`, `-vv`). */
  | 'count'
  /** Takes one value; repeating it is a usage error. */
  | 'value'
  /** Takes a value, may repeat; comma-separated values split unless `keepCommas`. */
  | 'list';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  /** Shown in help: `--type NAME`. */
  valueName?: string;
  help: string;
  /** For list flags whose values contain commas with a meaning of their own (`--tcp-flags SYN,ACK`). */
  keepCommas?: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  bools: Set<string>;
  counts: Map<string, number>;
  values: Map<string, string>;
  lists: Map<string, string[]>;
  positionals: string[];
}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short !== undefined).map((s) => [s.short as string, s]));
  const out: ParsedArgs = { bools: new Set(), counts: new Map(), values: new Map(), lists: new Map(), positionals: [] };

  const apply = (spec: FlagSpec, shown: string, inline: string | undefined, next: () => string | undefined): void => {
    if (spec.kind === 'bool' || spec.kind === 'count') {
      if (inline !== undefined) throw new UsageError(`${shown} does not take a value`);
      if (spec.kind === 'bool') out.bools.add(spec.name);
      else out.counts.set(spec.name, (out.counts.get(spec.name) ?? 0) + 1);
      return;
    }
    const value = inline ?? next();
    if (value === undefined) throw new UsageError(`${shown} needs a value${spec.valueName ? ` (${spec.valueName})` : ''}`);
    if (spec.kind === 'value') {
      if (out.values.has(spec.name)) throw new UsageError(`${shown} given more than once`);
      out.values.set(spec.name, value);
      return;
    }
    const parts = spec.keepCommas ? [value] : value.split(',').filter((v) => v !== '');
    if (parts.length === 0) throw new UsageError(`${shown} needs a value`);
    out.lists.set(spec.name, [...(out.lists.get(spec.name) ?? []), ...parts]);
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = (): string | undefined => argv[++i];
    if (arg === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const spec = byLong.get(name);
      if (spec === undefined) throw new UsageError(`unknown flag --${name}`);
      apply(spec, `--${name}`, eq < 0 ? undefined : arg.slice(eq + 1), next);
    } else if (arg.startsWith('-') && arg !== '-') {
      // A cluster of short flags; a value-taking flag consumes the rest of the cluster or the next argument.
      for (let k = 1; k < arg.length; k++) {
        const letter = arg[k] as string;
        const spec = byShort.get(letter);
        if (spec === undefined) throw new UsageError(`unknown flag -${letter}`);
        if (spec.kind === 'bool' || spec.kind === 'count') {
          apply(spec, `-${letter}`, undefined, next);
          continue;
        }
        const rest = arg.slice(k + 1);
        apply(spec, `-${letter}`, rest === '' ? undefined : rest, next);
        break;
      }
    } else {
      out.positionals.push(arg);
    }
  }
  return out;
}

/** Help lines for flags: `  -t, --type NAME   text`. */
export function flagHelp(specs: readonly FlagSpec[]): string[] {
  const left = specs.map((s) => `${s.short ? `-${s.short}, ` : '    '}--${s.name}${s.valueName ? ` ${s.valueName}` : ''}`);
  const width = Math.max(...left.map((l) => l.length));
  return specs.map((s, i) => `  ${(left[i] as string).padEnd(width)}  ${s.help}`);
}
