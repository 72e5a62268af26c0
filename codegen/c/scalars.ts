/** Built-in integer types on the LP64 ABIs (x86-64, arm64) and the kernel's fixed-width typedefs. */
import type { CScalarType } from './model.js';

const scalar = (name: string, size: number, signed: boolean): CScalarType => ({ kind: 'scalar', name, size, align: size, signed });

/**
 * Kernel/uapi typedefs the headers take from `<linux/types.h>` (not in the pinned set).
 * Their names are kept in field tables (`__be16` says "network order"), so a header
 * typedef never redefines them.
 */
export const KERNEL_TYPEDEFS: ReadonlyMap<string, CScalarType> = new Map(
  (
    [
      ['__u8', 1, false], ['__u16', 2, false], ['__u32', 4, false], ['__u64', 8, false],
      ['__s8', 1, true], ['__s16', 2, true], ['__s32', 4, true], ['__s64', 8, true],
      ['u8', 1, false], ['u16', 2, false], ['u32', 4, false], ['u64', 8, false],
      ['s8', 1, true], ['s16', 2, true], ['s32', 4, true], ['s64', 8, true],
      ['__be16', 2, false], ['__be32', 4, false], ['__be64', 8, false],
      ['__le16', 2, false], ['__le32', 4, false], ['__le64', 8, false],
      ['__wsum', 4, false], ['__sum16', 2, false],
      ['bool', 1, false], ['_Bool', 1, false],
    ] as const
  ).map(([name, size, signed]) => [name, scalar(name, size, signed)]),
);

/** Words that combine into a built-in arithmetic type specifier. */
export const BUILTIN_WORDS: ReadonlySet<string> = new Set(['signed', 'unsigned', 'char', 'short', 'int', 'long']);

/**
 * The built-in type named by a multiset of specifier words (`unsigned long int`), or
 * undefined for an invalid combination. `char` alone is signed (x86-64; arm64 Linux makes
 * plain char unsigned, which does not change size or alignment).
 */
export function builtinType(words: readonly string[]): CScalarType | undefined {
  const count = (w: string): number => words.filter((x) => x === w).length;
  const unsigned = count('unsigned');
  const signed = count('signed');
  const longs = count('long');
  const shorts = count('short');
  const chars = count('char');
  const ints = count('int');
  if (unsigned + signed > 1 || longs > 2 || shorts > 1 || chars > 1 || ints > 1) return undefined;
  if (chars + shorts + (longs > 0 ? 1 : 0) > 1) return undefined;
  const prefix = unsigned ? 'unsigned ' : '';
  if (chars === 1) return scalar(unsigned ? 'unsigned char' : signed ? 'signed char' : 'char', 1, !unsigned);
  if (shorts === 1) return scalar(`${prefix}short`, 2, !unsigned);
  if (longs === 2) return scalar(`${prefix}long long`, 8, !unsigned);
  if (longs === 1) return scalar(`${prefix}long`, 8, !unsigned);
  return scalar(`${prefix}int`, 4, !unsigned);
}
