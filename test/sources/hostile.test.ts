// Hostile input to every source, beyond what the mutation harnesses reach: lengths that claim
// gigabytes, type definitions without end or nested without end, a Go stream cut at every
// byte, a hex line of 100 MB, ring snapshots with impossible counters or a size to stream
// past, pcapng blocks cut below their fixed fields. Each must end in a typed error (or the
// records a correct reader gives) with bounded time and buffering.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isPcapError, readCapture } from '../../src/pcap/index.js';
import { GobStream, MAX_TYPE_BYTES } from '../../src/sources/gob/stream.js';
import { MAX_HEX_LINE } from '../../src/sources/hex.js';
import {
  BinReader,
  decodeStream,
  HexReader,
  isSourceError,
  MonitorStreamReader,
  readGob,
  readRingSnapshot,
  type InputRecord,
} from '../../src/sources/index.js';
import { hex } from '../helpers/hex.js';
import { loadCase } from '../ring/fixtures.js';

const varied = new Uint8Array(readFileSync(fileURLToPath(new URL('../fixtures/gob/varied.gob', import.meta.url))));

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isSourceError(e) || isPcapError(e)) return e.code;
    throw e;
  }
  return 'no error';
}

/** gob unsigned integer. */
function uint(n: number): number[] {
  if (n < 128) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return [256 - out.length, ...out];
}
const int = (i: number): number[] => uint(i >= 0 ? i * 2 : (-i - 1) * 2 + 1);
const message = (body: number[]): number[] => [...uint(body.length), ...body];
const text = (s: string): number[] => [...uint(s.length), ...new TextEncoder().encode(s)];
/** A struct type definition of `id` named `name` with `fields` [name, type id]. */
function structDef(id: number, name: string, fields: [string, number][]): number[] {
  const list = fields.flatMap(([n, t]) => [1, ...text(n), 1, ...int(t), 0]);
  // wireType.StructT (field 2) { CommonType { Name, Id }, Field []fieldType }
  return message([...int(-id), 3, 1, 1, ...text(name), 1, ...int(id), 0, 1, ...uint(fields.length), ...list, 0, 0]);
}

describe('gob: lengths, ids and definitions no encoder writes', () => {
  it('a message length claiming up to 2^64 bytes is refused from its prefix, nothing buffered', () => {
    for (const prefix of ['fc 7f ff ff ff', 'f8 ff ff ff ff ff ff ff ff', 'fc 01 00 00 01']) {
      const gob = new GobStream();
      expect(gob.push(hex(prefix))).toEqual([]);
      expect(gob.error?.code).toBe('gob-too-large');
      expect(gob.error?.message).toMatch(/claims more than the 16777216-byte limit/);
    }
  });

  it('a message length of more than 8 bytes, or a uint of more than 8 inside a message, is bad-gob', () => {
    expect(codeOf(() => readGob(hex('f7 01 00 00 00 00 00 00 00 00 00')))).toBe('bad-gob');
    expect(codeOf(() => readGob(hex('0b f7 01 02 03 04 05 06 07 08 09 00')))).toBe('bad-gob');
  });

  it('a message just under the limit is buffered only as far as it arrived, then reported cut', () => {
    const gob = new GobStream({ maxMessageBytes: 1 << 20 });
    expect(gob.push(Uint8Array.from([0xfd, 0x0f, 0xff, 0xff, ...new Uint8Array(1000)]))).toEqual([]);
    expect(codeOf(() => gob.end())).toBe('bad-gob');
  });

  it('values of type ids never defined, up to 2^52, are gob-unknown-type', () => {
    for (const id of [9, 63, 64, 1000, 2 ** 40, 2 ** 52]) {
      expect(codeOf(() => readGob(Uint8Array.from(message([...int(id), 0]))))).toBe('gob-unknown-type');
    }
  });

  it('a definition of a predefined id (below 64) is refused, as Go refuses it', () => {
    for (const id of [1, 5, 8, 16, 63]) expect(codeOf(() => readGob(Uint8Array.from(structDef(id, 'X', [['A', 2]]))))).toBe('bad-gob');
    expect(readGob(Uint8Array.from(structDef(64, 'X', [['A', 2]])))).toEqual([]);
  });

  it('a struct, slice and map defined through themselves decode only to depth 64', () => {
    // type S struct { F *S } as Go sends it: field F of S's own id.
    const def = structDef(65, 'S', [['F', 65]]);
    for (const depth of [10, 64, 65, 5000]) {
      const value = message([...int(65), ...new Array<number>(depth).fill(1), ...new Array<number>(depth + 1).fill(0)]);
      if (depth <= 64) expect(new GobStream().push(Uint8Array.from([...def, ...value]))).toHaveLength(1);
      else {
        const gob = new GobStream();
        gob.push(Uint8Array.from([...def, ...value]));
        expect(gob.error?.message).toMatch(/nested deeper than 64/);
      }
    }
    // type L []L (wireType.SliceT, field 1): a slice of one slice of one slice ...
    const sliceDef = message([...int(-66), 2, 1, 1, ...text('L'), 1, ...int(66), 0, 1, ...int(66), 0, 0]);
    const nested = message([...int(66), 0, ...new Array<number>(200).fill(1), 0]);
    const gob = new GobStream();
    gob.push(Uint8Array.from([...sliceDef, ...nested]));
    expect(gob.error?.code).toBe('bad-gob');
  });

  it('an endless run of new type definitions stops at the definition budget instead of growing', () => {
    const gob = new GobStream();
    let defined = 0;
    for (let id = 64; gob.error === undefined && id < 1_000_000; id++, defined++) {
      gob.push(Uint8Array.from(structDef(id, 'T'.repeat(200), [['F', 2]])));
    }
    expect(gob.error?.code).toBe('gob-too-large');
    expect(defined * 200).toBeLessThan(MAX_TYPE_BYTES * 1.1);
    // Redefining one id over and over (sessions one after another) is not a leak: it is kept once.
    const again = new GobStream();
    const def = Uint8Array.from(structDef(64, 'T'.repeat(200), [['F', 2]]));
    for (let n = 0; n < 20_000; n++) again.push(def);
    expect(again.error).toBeUndefined();
  });
});

describe('gob: a stream of the Go encoder cut at every byte', () => {
  const boundaries = new Set<number>([0]);
  for (const m of new GobStream().push(varied)) boundaries.add(m.offset);
  // Definitions are messages too: the offsets after each message, by walking the frames.
  const ends = new Set<number>([varied.length]);
  {
    let at = 0;
    while (at < varied.length) {
      const first = varied[at]!;
      const count = first < 0x80 ? 0 : 256 - first;
      let length = first < 0x80 ? first : 0;
      for (let i = 1; i <= count; i++) length = length * 256 + varied[at + i]!;
      at += 1 + count + length;
      ends.add(at);
    }
  }
  const whole = readGob(varied);

  it('ends with bad-gob (truncated) at every cut inside a message, a prefix of the records at every boundary', () => {
    expect(ends.size).toBeGreaterThan(60);
    for (let cut = 0; cut < varied.length; cut++) {
      const bytes = varied.subarray(0, cut);
      if (ends.has(cut) || cut === 0) {
        const got = readGob(bytes);
        expect(got).toEqual(whole.slice(0, got.length));
      } else {
        expect(() => readGob(bytes)).toThrow(expect.objectContaining({ code: 'bad-gob', message: expect.stringMatching(/stream ends inside a message/) }));
      }
    }
  });

  it('fed one byte at a time, gives every record, then end() is clean; cut, end() reports it', () => {
    const reader = new MonitorStreamReader();
    const got: InputRecord[] = [];
    for (let i = 0; i < varied.length; i++) got.push(...reader.push(varied.subarray(i, i + 1)));
    reader.end();
    expect(got).toEqual(whole);
    const cut = new MonitorStreamReader();
    for (let i = 0; i < varied.length - 3; i++) cut.push(varied.subarray(i, i + 1));
    expect(codeOf(() => cut.end())).toBe('bad-gob');
  });
});

describe('bin and hex: sizes that claim too much', () => {
  it('bin: a frame length of 4 GiB is refused at its prefix, the frames before it returned', () => {
    const reader = new BinReader();
    const frames = reader.push(hex('43 45 56 42 49 4e 00 01  02 00 00 00 aa bb  ff ff ff ff 00'));
    expect(frames.map((f) => [...f.data])).toEqual([[0xaa, 0xbb]]);
    expect(codeOf(() => reader.end())).toBe('bad-frame');
  });

  it('hex: a 100 MB line without a newline is refused after 1 MiB, keeping the lines before it', () => {
    const reader = new HexReader();
    const chunk = new Uint8Array(1 << 20).fill(0x61); // 'a'
    const first = reader.push(new TextEncoder().encode('0102\n'));
    let pushed = 0;
    let error: unknown;
    try {
      for (; pushed < 100; pushed++) first.push(...reader.push(chunk));
    } catch (e) {
      error = e;
    }
    expect(first.map((r) => [...r.data])).toEqual([[1, 2]]);
    expect(isSourceError(error) && error.code).toBe('bad-hex');
    expect(pushed).toBeLessThanOrEqual(2); // refused by the chunk that takes it past MAX_HEX_LINE
    expect(String((error as Error).message)).toContain(`longer than ${MAX_HEX_LINE} bytes`);
  });

  it('hex: lines completed in the chunk that also starts an overlong line are returned before the error', () => {
    const reader = new HexReader();
    const chunk = new TextEncoder().encode(`aabb\nccdd\n${'e'.repeat(MAX_HEX_LINE + 2)}`);
    expect(reader.push(chunk).map((r) => r.line)).toEqual([1, 2]);
    expect(codeOf(() => reader.end())).toBe('bad-hex');
    expect(codeOf(() => reader.push(new Uint8Array([0x0a])))).toBe('bad-hex');
  });

  it('decodeStream on a 100 MB hex line stops with bad-hex after a few MiB of input', async () => {
    const chunk = new Uint8Array(1 << 20).fill(0x62);
    let pulled = 0;
    async function* source(): AsyncGenerator<Uint8Array> {
      for (; pulled < 100; pulled++) yield chunk;
    }
    await expect(async () => {
      for await (const _ of decodeStream(source(), { input: 'hex' }));
    }).rejects.toMatchObject({ code: 'bad-hex' });
    expect(pulled).toBeLessThanOrEqual(3);
  });
});

describe('ring snapshots: counters that cannot be, records across the end, sizes to stream past', () => {
  const wrap = loadCase('wrap');
  const expected = readRingSnapshot(wrap.ring);

  it('a record split by the end of the data area comes back whole, streamed in any chunking', async () => {
    expect(expected.length).toBe(wrap.expected.records.length);
    for (const size of [1, 1000, 4096, 1 << 20]) {
      async function* source(): AsyncGenerator<Uint8Array> {
        for (let at = 0; at < wrap.ring.length; at += size) yield wrap.ring.slice(at, at + size);
      }
      const got: unknown[] = [];
      for await (const r of decodeStream(source(), { input: 'ring', onError: (_e, r) => got.push(r.offset) })) got.push(r.kind === 'event' ? r.offset : r);
      expect(got).toEqual(expected.map((r) => (r.kind === 'sample' ? r.offset : r)));
    }
  });

  it.each([
    ['data_head behind data_tail', 1024, (v: DataView) => v.getBigUint64(1032, true) - 8n],
    ['data_head past the data area', 1024, (v: DataView) => v.getBigUint64(1032, true) + BigInt(v.getBigUint64(1048, true)) + 8n],
    ['a misaligned data_head', 1024, (v: DataView) => v.getBigUint64(1024, true) + 4n],
    ['data_tail at 2^64-8 and head at 16 (wrapped u64)', 1032, () => 2n ** 64n - 8n],
    ['a data_size that is not a power of two', 1048, (v: DataView) => v.getBigUint64(1048, true) - 8n],
    ['a data_offset past the input', 1040, () => 1n << 40n],
  ])('%s is bad-ring, streamed or whole', async (_name, at, value) => {
    const ring = wrap.ring.slice();
    const view = new DataView(ring.buffer);
    view.setBigUint64(at, value(view), true);
    expect(codeOf(() => readRingSnapshot(ring))).toBe('bad-ring');
    async function* source(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < ring.length; at += 3000) yield ring.slice(at, at + 3000);
    }
    await expect(async () => {
      for await (const _ of decodeStream(source(), { input: 'ring' }));
    }).rejects.toMatchObject({ code: 'bad-ring' });
  });

  it('a record size of 0 or beyond the data area in the unread window is bad-ring', () => {
    const data = Number(new DataView(wrap.ring.buffer).getBigUint64(1040, true));
    const tail = Number(new DataView(wrap.ring.buffer).getBigUint64(1032, true));
    const size = Number(new DataView(wrap.ring.buffer).getBigUint64(1048, true));
    for (const bad of [0, 0xfff8]) {
      const ring = wrap.ring.slice();
      new DataView(ring.buffer).setUint16(data + (tail % size) + 6, bad, true);
      expect(codeOf(() => readRingSnapshot(ring))).toBe('bad-ring');
    }
  });

  it('a metadata page claiming a snapshot of 2^40 bytes is refused as it streams in, not collected', async () => {
    const meta = new Uint8Array(4096);
    new DataView(meta.buffer).setBigUint64(1040, 4096n, true);
    new DataView(meta.buffer).setBigUint64(1048, 1n << 40n, true);
    let pulled = 0;
    async function* source(): AsyncGenerator<Uint8Array> {
      for (yield meta; pulled < 1_000_000; pulled++) yield new Uint8Array(1 << 20);
    }
    await expect(async () => {
      for await (const _ of decodeStream(source(), { input: 'ring' }));
    }).rejects.toMatchObject({ code: 'bad-ring' });
    expect(pulled).toBe(0);
  });

  it('bytes streamed past the snapshot are not kept, and read as the whole input reads them (ignored)', async () => {
    const trailing = new Uint8Array(1 << 20).fill(0xee);
    const before = process.memoryUsage().arrayBuffers;
    let peak = 0;
    async function* source(): AsyncGenerator<Uint8Array> {
      yield wrap.ring;
      for (let n = 0; n < 256; n++) {
        yield trailing; // 256 MiB in all
        peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
      }
    }
    const got: unknown[] = [];
    for await (const r of decodeStream(source(), { input: 'ring', onError: (_e, r) => got.push(r.offset) })) got.push(r.kind === 'event' ? r.offset : r);
    expect(got).toEqual(expected.map((r) => (r.kind === 'sample' ? r.offset : r)));
    expect(peak).toBeLessThan(64 << 20);
    expect(readRingSnapshot(Uint8Array.from([...wrap.ring, ...trailing.subarray(0, 100)]))).toEqual(expected);
  });
});

describe('pcapng: blocks that loop, overflow or are cut below their fixed fields', () => {
  const u32 = (...values: number[]): number[] => values.flatMap((n) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24]);
  const shb = [...u32(0x0a0d0d0a, 28, 0x1a2b3c4d), 1, 0, 0, 0, ...u32(0xffffffff, 0xffffffff, 28)];
  const idb = [...u32(1, 20), 1, 0, 0, 0, ...u32(0, 20)];

  it.each([
    ['an interface block of 12 bytes at the end', [...shb, ...u32(1, 12, 12)]],
    ['an interface block of 16 bytes at the end', [...shb, ...u32(1, 16, 1, 16)]],
    ['an enhanced packet block of 16 bytes at the end', [...shb, ...idb, ...u32(6, 16, 0, 16)]],
    ['an enhanced packet block of 28 bytes at the end', [...shb, ...idb, ...u32(6, 28, 0, 0, 0, 0, 28)]],
    ['an obsolete packet block of 24 bytes at the end', [...shb, ...idb, ...u32(2, 24, 0, 0, 0, 24)]],
    ['a simple packet block of 12 bytes', [...shb, ...idb, ...u32(3, 12, 12)]],
    ['a section header of 24 bytes', [...u32(0x0a0d0d0a, 24, 0x1a2b3c4d, 1, 0xffffffff, 24)]],
    ['a block length of 2^32-4', [...shb, ...u32(5, 0xfffffffc, 0, 0xfffffffc)]],
    ['a block length of 8', [...shb, ...u32(5, 8, 8)]],
    ['a classic record claiming 4 GiB', [...u32(0xa1b2c3d4, 0x00040002, 0, 0, 65535, 1), ...u32(0, 0, 0xffffffff, 0xffffffff)]],
  ])('%s is bad-capture', (_name, file) => {
    expect(codeOf(() => readCapture(Uint8Array.from(file)))).toBe('bad-capture');
  });

  it('100 000 minimal blocks of an unknown type are walked in bounded time (every block advances)', () => {
    const file = new Uint8Array(shb.length + 12 * 100_000);
    file.set(shb);
    const v = new DataView(file.buffer);
    for (let at = shb.length; at < file.length; at += 12) {
      v.setUint32(at, 0x0bad, true);
      v.setUint32(at + 4, 12, true);
      v.setUint32(at + 8, 12, true);
    }
    const t = performance.now();
    expect(readCapture(file).packets).toEqual([]);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
