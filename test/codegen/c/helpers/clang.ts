/**
 * Asks clang for ground truth: one C file per batch, compiled and run once. The file prints
 * one line per probe; offsets and sizes come from `offsetof`/`sizeof`, bitfield positions from
 * setting the field to all ones in a zeroed object and reading back which bits changed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why clang cannot be used here, or undefined when it can. */
export function clangMissing(): string | undefined {
  const r = spawnSync('clang', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? undefined : 'clang is not installed (apt-get install -y clang)';
}

/** Whether clang can generate code for `arch` (as `clang -print-targets` names it, e.g. `aarch64`). */
export function clangHasTarget(arch: string): boolean {
  const r = spawnSync('clang', ['-print-targets'], { encoding: 'utf8' });
  return r.status === 0 && new RegExp(`^\\s*${arch}\\s`, 'm').test(r.stdout);
}

/** Kernel typedefs and attribute macros the real headers get from kernel/compiler headers. */
export const C_PRELUDE = `
typedef unsigned char __u8; typedef unsigned short __u16; typedef unsigned int __u32; typedef unsigned long long __u64;
typedef signed char __s8; typedef short __s16; typedef int __s32; typedef long long __s64;
typedef __u16 __be16; typedef __u32 __be32; typedef __u64 __be64;
typedef __u16 __le16; typedef __u32 __le32; typedef __u64 __le64;
typedef __u32 __wsum; typedef __u16 __sum16;
typedef _Bool bool;
#define __packed __attribute__((packed))
#define __aligned(x) __attribute__((aligned(x)))
`;

export type Probe =
  | { kind: 'record'; type: string }
  | { kind: 'field'; type: string; path: string }
  | { kind: 'bitfield'; type: string; path: string }
  | { kind: 'constant'; expr: string };

export type ProbeResult =
  | { kind: 'record'; size: number; align: number }
  | { kind: 'field'; offset: number; size: number }
  /** Lowest and highest bit set (absolute, LSB-first over the object's bytes). */
  | { kind: 'bitfield'; lo: number; hi: number }
  | { kind: 'constant'; value: bigint };

/** Compiles `source` plus a main() answering `probes` for x86-64 (the host) and runs it. */
export function runProbes(source: string, probes: Probe[]): ProbeResult[] {
  const body = probes.map((p, i) => {
    switch (p.kind) {
      case 'record':
        return `printf("%d %zu %zu\\n", ${i}, sizeof(${p.type}), _Alignof(${p.type}));`;
      case 'field':
        return `printf("%d %zu %zu\\n", ${i}, offsetof(${p.type}, ${p.path}), sizeof(((${p.type} *)0)->${p.path}));`;
      case 'bitfield':
        return `{ union { ${p.type} t; unsigned char b[sizeof(${p.type})]; } u; __builtin_memset(&u, 0, sizeof u); u.t.${p.path} = -1; bits(${i}, u.b, sizeof u.b); }`;
      case 'constant':
        return `printf("%d %lld\\n", ${i}, (long long)(${p.expr}));`;
    }
  });
  const program = `#include <stdio.h>
#include <stddef.h>
${C_PRELUDE}
${source}
static void bits(int i, const unsigned char *b, size_t n) {
  int lo = -1, hi = -1;
  for (size_t k = 0; k < n * 8; k++) if (b[k / 8] >> (k % 8) & 1) { if (lo < 0) lo = (int)k; hi = (int)k; }
  printf("%d %d %d\\n", i, lo, hi);
}
int main(void) {
${body.join('\n')}
  return 0;
}
`;
  const dir = mkdtempSync(join(tmpdir(), 'cfront-clang-'));
  try {
    const c = join(dir, 'probe.c');
    const exe = join(dir, 'probe');
    writeFileSync(c, program);
    const cc = spawnSync('clang', ['-std=gnu11', '-O0', '-w', '-o', exe, c], { encoding: 'utf8' });
    if (cc.status !== 0) throw new Error(`clang failed:\n${cc.stderr}\n--- source ---\n${program}`);
    const out = execFileSync(exe, { encoding: 'utf8' });
    const results: ProbeResult[] = [];
    for (const line of out.trim().split('\n')) {
      const [idx, a, b] = line.split(' ');
      const i = Number(idx);
      const probe = probes[i]!;
      if (probe.kind === 'record') results[i] = { kind: 'record', size: Number(a), align: Number(b) };
      else if (probe.kind === 'field') results[i] = { kind: 'field', offset: Number(a), size: Number(b) };
      else if (probe.kind === 'bitfield') results[i] = { kind: 'bitfield', lo: Number(a), hi: Number(b) };
      else results[i] = { kind: 'constant', value: BigInt(a!) };
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Type-checks `source` followed by `assertions` (C `_Static_assert`s) for another target
 * without linking; returns clang's diagnostics, empty when every assertion holds.
 */
export function checkStaticAsserts(target: string, source: string, assertions: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'cfront-clang-'));
  try {
    const c = join(dir, 'asserts.c');
    writeFileSync(c, `${C_PRELUDE}\n${source}\n${assertions.join('\n')}\n`);
    const r = spawnSync('clang', [`--target=${target}`, '-std=gnu11', '-fsyntax-only', '-w', c], { encoding: 'utf8' });
    return r.status === 0 ? '' : r.stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Bit positions of bitfields for a cross target without running its code: each probe is a
 * union member of one packed global, initialised with `.pN.t.<path> = -1`; the object file's
 * `.data` section then holds the bits clang set. `sizes[i]` is sizeof(probes[i].type)
 * (asserted separately), which places probe i inside the global.
 */
export function bitfieldProbesForTarget(
  target: string,
  source: string,
  probes: { type: string; path: string }[],
  sizes: number[],
): { lo: number; hi: number }[] {
  if (probes.length === 0) return [];
  const members = probes.map((p, i) => `union { ${p.type} t; unsigned char b[sizeof(${p.type})]; } p${i};`);
  const inits = probes.map((p, i) => `.p${i}.t.${p.path} = -1`);
  const program = `${C_PRELUDE}\n${source}\nstruct __attribute__((packed)) all_probes {\n${members.join('\n')}\n};\nstruct all_probes probes = { ${inits.join(', ')} };\n`;
  const dir = mkdtempSync(join(tmpdir(), 'cfront-clang-'));
  try {
    const c = join(dir, 'bits.c');
    const o = join(dir, 'bits.o');
    writeFileSync(c, program);
    const cc = spawnSync('clang', [`--target=${target}`, '-std=gnu11', '-O0', '-w', '-c', '-o', o, c], { encoding: 'utf8' });
    if (cc.status !== 0) throw new Error(`clang failed:\n${cc.stderr}`);
    const data = elfSection(readFileSync(o), '.data');
    let base = 0;
    return probes.map((_, i) => {
      let lo = -1;
      let hi = -1;
      for (let k = 0; k < sizes[i]! * 8; k++) {
        if (((data[base + (k >> 3)] ?? 0) >> (k & 7)) & 1) {
          if (lo < 0) lo = k;
          hi = k;
        }
      }
      base += sizes[i]!;
      return { lo, hi };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Contents of a named section of a little-endian ELF64 object. */
function elfSection(elf: Buffer, name: string): Buffer {
  const shoff = Number(elf.readBigUInt64LE(0x28));
  const shentsize = elf.readUInt16LE(0x3a);
  const shnum = elf.readUInt16LE(0x3c);
  const shstrndx = elf.readUInt16LE(0x3e);
  const header = (i: number) => {
    const at = shoff + i * shentsize;
    return { name: elf.readUInt32LE(at), offset: Number(elf.readBigUInt64LE(at + 24)), size: Number(elf.readBigUInt64LE(at + 32)) };
  };
  const strtab = header(shstrndx);
  for (let i = 0; i < shnum; i++) {
    const h = header(i);
    const start = strtab.offset + h.name;
    const end = elf.indexOf(0, start);
    if (elf.toString('latin1', start, end) === name) return elf.subarray(h.offset, h.offset + h.size);
  }
  throw new Error(`no ${name} section in the object file`);
}
