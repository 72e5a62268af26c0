/**
 * Has clang preprocess real Cilium headers (kernel and libbpf includes stubbed out) and cuts
 * the type definitions a set of records needs out of its output, so that clang can lay those
 * records out from the very same header text our front end reads.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Preprocesses `headers` (paths under `libDir`) with clang and returns the output text. */
export function clangPreprocess(libDir: string, headers: string[], defines: Record<string, string>): string {
  const stubs = mkdtempSync(join(tmpdir(), 'cfront-stubs-'));
  try {
    // Every include that does not resolve inside bpf/lib becomes an empty file.
    for (const f of readdirSync(libDir).filter((n) => n.endsWith('.h'))) {
      for (const m of readFileSync(join(libDir, f), 'utf8').matchAll(/^\s*#\s*include\s*[<"]([^>"]+)[>"]/gm)) {
        const target = m[1]!;
        if (existsSync(join(libDir, target)) || existsSync(join(libDir, '..', target))) continue;
        mkdirSync(dirname(join(stubs, target)), { recursive: true });
        writeFileSync(join(stubs, target), '');
      }
    }
    const tu = join(stubs, 'tu.c');
    writeFileSync(tu, headers.map((h) => `#include "${join(libDir, h)}"`).join('\n') + '\n');
    const args = [
      '-E', '-P', '-std=gnu11', `-I${stubs}`, `-I${join(libDir, '..')}`,
      '-D__packed=__attribute__((packed))', '-D__aligned(x)=__attribute__((aligned(x)))',
      // As Cilium's bpf/include/bpf/builtins.h defines it (v1.20 puts it on trace_notify's definition).
      '-D__align_stack_8=__attribute__((aligned(8)))',
      ...Object.entries(defines).map(([k, v]) => `-D${k}=${v}`),
      tu,
    ];
    const r = spawnSync('clang', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
    // `#error` lines guarding against inclusion outside a BPF program (tailcall.h,
    // policy_log.h) fail the run but not the output; anything else is a real failure.
    const errors = r.stderr.split('\n').filter((l) => /\berror:/.test(l));
    const onlyHashErrors = errors.every((l) => /error: "[^"]*"\s*$/.test(l));
    if (r.status !== 0 && !(onlyHashErrors && r.stdout.length > 0)) throw new Error(`clang -E failed:\n${r.stderr}`);
    return r.stdout;
  } finally {
    rmSync(stubs, { recursive: true, force: true });
  }
}

/** A file-scope type definition cut from preprocessed text. */
interface Item {
  text: string;
  /** Names it defines: `struct x`, typedef names, enumerator names. */
  defines: string[];
}

/**
 * File-scope struct/union/enum definitions and plain typedefs of `text` (function bodies,
 * prototypes, variables and map definitions dropped), restricted to what `roots` need.
 */
export function typeDefinitionsFor(text: string, roots: string[]): string {
  const items = topLevelItems(text).flatMap((t) => {
    const item = typeItem(t);
    return item === undefined ? [] : [item];
  });
  const byName = new Map<string, Item>();
  for (const item of items) for (const n of item.defines) byName.set(n, item);
  const needed = new Set<Item>();
  const visit = (name: string): void => {
    const item = byName.get(name);
    if (item === undefined || needed.has(item)) return;
    needed.add(item);
    for (const m of item.text.matchAll(/\b(?:(struct|union|enum)\s+)?([A-Za-z_]\w*)/g)) {
      visit(m[1] === undefined ? m[2]! : `${m[1]} ${m[2]}`);
    }
  };
  roots.forEach(visit);
  return items.filter((i) => needed.has(i)).map((i) => i.text).join('\n');
}

function topLevelItems(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  let functionBody = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if (c === '(' || c === '[' || c === '{') {
      // A brace right after ')' at file scope opens a function body.
      if (c === '{' && depth === 0) functionBody = /\)\s*$/.test(text.slice(start, i));
      depth++;
    } else if (c === ')' || c === ']') {
      depth--;
    } else if (c === '}') {
      depth--;
      // A function body ends its item without a semicolon.
      if (depth === 0 && functionBody) {
        items.push(text.slice(start, i + 1));
        start = i + 1;
        functionBody = false;
      }
    } else if (c === ';' && depth === 0) {
      items.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  return items.map((s) => s.trim());
}

function typeItem(text: string): Item | undefined {
  const noAttrs = text.replace(/__attribute__\s*\(\((?:[^()]|\([^()]*\))*\)\)/g, '');
  const head = /^(typedef\s+)?(struct|union|enum)\b\s*([A-Za-z_]\w*)?\s*\{/.exec(noAttrs);
  if (head !== null) {
    const close = noAttrs.lastIndexOf('}');
    const tail = noAttrs.slice(close + 1);
    // Variables, map definitions and anything with an initializer are not types.
    if (!/^\s*[A-Za-z_\s]*;$/.test(tail) || (head[1] === undefined && /[A-Za-z_]/.test(tail))) return undefined;
    const defines: string[] = [];
    if (head[3] !== undefined) defines.push(`${head[2]} ${head[3]}`);
    if (head[1] !== undefined) defines.push(/([A-Za-z_]\w*)\s*;$/.exec(tail)![1]!);
    if (head[2] === 'enum') {
      const body = noAttrs.slice(noAttrs.indexOf('{') + 1, close);
      for (const m of body.matchAll(/(?:^|,)\s*([A-Za-z_]\w*)/g)) defines.push(m[1]!);
    }
    return { text, defines };
  }
  const typedef = /^typedef\s+[A-Za-z_][\w\s]*\b([A-Za-z_]\w*)\s*;$/.exec(noAttrs);
  if (typedef !== null) return { text, defines: [typedef[1]!] };
  return undefined;
}
