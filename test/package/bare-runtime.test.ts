import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

// The core, tables, ring and format entries promise to run in browsers, Deno and Bun. This
// runs their built CommonJS bundles in a V8 context that has the ECMAScript built-ins,
// WebAssembly and the few web globals every such runtime has (atob, TextEncoder/Decoder),
// but none of Node's (no Buffer, process, require), and uses them end to end.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const built = existsSync(join(root, 'dist/index.cjs'));
if (!built) console.log('skipping bare-runtime checks: dist/ is not built (npm test builds it first)');

type Exports = Record<string, (...args: unknown[]) => unknown>;

/** A fresh realm with web globals only; typed arrays handed to it must be made with its own constructors. */
function realm(): object {
  return createContext({ atob, btoa, TextEncoder, TextDecoder, WebAssembly, console });
}

/** Copies bytes into a Uint8Array of the given realm (its instanceof checks see their own classes). */
function bytesIn(context: object, bytes: Uint8Array): Uint8Array {
  const copy = runInContext(`new Uint8Array(${bytes.length})`, context) as Uint8Array;
  copy.set(bytes);
  return copy;
}

function load(context: object, entry: string): Exports {
  const module = { exports: {} as Exports };
  const wrapped = `(function (module, exports) {\n${readFileSync(join(root, 'dist', entry), 'utf8')}\n})`;
  const fn = runInContext(wrapped, context, { filename: entry }) as (m: unknown, e: unknown) => void;
  fn(module, module.exports);
  expect(runInContext('typeof Buffer + typeof process + typeof require', context)).toBe('undefinedundefinedundefined');
  return module.exports;
}

describe.skipIf(!built)('entries without Node globals', () => {
  // A 1.19 drop notification (48-byte header, no packet) written out from wire-format §2.1:
  // type 1, reason 133 (DROP_POLICY), capture version 3, identities 2 → 1234, line 99 of file 2.
  const drop = new Uint8Array(48);
  const dv = new DataView(drop.buffer);
  drop[0] = 1;
  drop[1] = 133;
  dv.setUint32(8, 60, true); // len_orig
  drop[14] = 3; // version
  dv.setUint32(16, 2, true); // src_label
  dv.setUint32(20, 1234, true); // dst_label
  dv.setUint16(28, 99, true); // line
  drop[30] = 2; // file

  it('decodes with the core and reads tables', () => {
    const context = realm();
    const core = load(context, 'index.cjs');
    const ev = core.decodeEvent!(bytesIn(context, drop), { release: '1.19' }) as Record<string, unknown>;
    expect(ev.type).toBe(1);
    expect(ev.srcLabel).toBe(2);
    expect(ev.dstLabel).toBe(1234);
    expect(ev.line).toBe(99);
    expect(ev.fileName).toBe('bpf_lxc.c');
    const tables = load(context, 'tables.cjs');
    const t = tables.getTables!('1.19') as { structs: Record<string, { size: number }> };
    expect(t.structs.drop_notify!.size).toBe(48);
  });

  it('walks a ring with the WebAssembly walker and formats the event', () => {
    const context = realm();
    const ring = load(context, 'ring.cjs');
    // One page of metadata, one data page holding one PERF_RECORD_SAMPLE with our drop as
    // its raw payload (size = 8 header + 4 raw size + 48 payload + 4 padding = 64).
    const page = 4096;
    const region = new Uint8Array(2 * page);
    const m = new DataView(region.buffer);
    m.setBigUint64(1024, 64n, true); // data_head
    m.setBigUint64(1040, BigInt(page), true); // data_offset
    m.setBigUint64(1048, BigInt(page), true); // data_size
    m.setUint32(page, 9, true); // PERF_RECORD_SAMPLE
    m.setUint16(page + 6, 64, true);
    m.setUint32(page + 8, 52, true); // raw_size
    region.set(drop, page + 12);
    const { records, impl } = ring.readRecords!(bytesIn(context, region), { impl: 'wasm', peek: true }) as {
      impl: string;
      records: { kind: string; data: Uint8Array }[];
    };
    expect(impl).toBe('wasm');
    expect(records).toHaveLength(1);
    expect(records[0]!.kind).toBe('sample');
    expect([...records[0]!.data.subarray(0, 48)]).toEqual([...drop]);

    const core = load(context, 'index.cjs');
    const format = load(context, 'format.cjs');
    const line = format.formatEvent!(core.decodeEvent!(records[0]!.data, { release: '1.19' }), { release: '1.19' });
    expect(line).toMatch(/^xx drop \(Policy denied\)/);
  });
});
