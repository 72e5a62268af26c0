/**
 * The subset of Go's `fmt.Sprintf` that Cilium's generated display strings use: `%d`, `%s`,
 * `%x`, `%#x` and `%%`. Missing or surplus arguments render as Go renders them
 * (`%!d(MISSING)`, `%!(EXTRA …)`), so a format/argument mismatch is visible, not silent.
 */
export type GoArg = number | bigint | string;

function verb(v: string, alt: boolean, arg: GoArg): string {
  if (v === 's') return typeof arg === 'string' ? arg : `%!s(${typeof arg === 'bigint' ? 'uint64' : 'int'}=${arg})`;
  if (typeof arg === 'string') return `%!${v}(string=${arg})`;
  if (v === 'd') return arg.toString(10);
  // %x of a non-negative integer (every argument here is unsigned).
  return (alt ? '0x' : '') + arg.toString(16);
}

/**
 * Formats like Go's `fmt.Sprintf` for the verbs above.
 *
 * @example
 * goSprintf('Packet hash=%d (%#x)', [26, 26]); // 'Packet hash=26 (0x1a)'
 */
export function goSprintf(format: string, args: readonly GoArg[]): string {
  let out = '';
  let next = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    let alt = false;
    let v = format[++i];
    if (v === '#') {
      alt = true;
      v = format[++i];
    }
    if (v === '%') {
      out += '%';
      continue;
    }
    if (v === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    const arg = args[next++];
    out += arg === undefined ? `%!${v}(MISSING)` : verb(v, alt, arg);
  }
  if (next < args.length) {
    out += '%!(EXTRA ' + args.slice(next).map((a) => (typeof a === 'string' ? `string=${a}` : `int=${a}`)).join(', ') + ')';
  }
  return out;
}
