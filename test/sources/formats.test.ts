import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BinReader,
  createStreamReader,
  HexReader,
  type InputFormat,
  type InputRecord,
  detectFormat,
  isSourceError,
  readBin,
  readBpftool,
  readHex,
  readInput,
  readRingSnapshot,
  writeBin,
} from '../../src/sources/index.js';
import { MAX_HEX_LINE } from '../../src/sources/hex.js';
import { concat, hex } from '../helpers/hex.js';

const RING_FIXTURES = resolve(__dirname, '../fixtures/perf-ring');

function errorOf(f: () => unknown): { code: string; offset: number; line: number | undefined; message: string } {
  try {
    f();
  } catch (e) {
    if (isSourceError(e)) return e;
    throw e;
  }
  throw new Error('expected a SourceError');
}

describe('hex lines', () => {
  it('reads one message per line, skipping comments, blanks and spaces between digits', () => {
    const text = '# captured on node-1\n\n0102 0a0B  # trailing comment\r\n  ff\n';
    expect([...readHex(text)].map((r) => [[...r.data], r.line, r.offset])).toEqual([
      [[1, 2, 10, 11], 3, 22],
      [[255], 4, 53],
    ]);
  });

  it('points at the line and column of a bad character', () => {
    const e = errorOf(() => [...readHex('0102\n01zz\n')]);
    expect(e.code).toBe('bad-hex');
    expect(e.line).toBe(2);
    expect(e.message).toContain('line 2, column 3');
  });

  it('rejects an odd digit count', () => {
    const e = errorOf(() => [...readHex('010\n')]);
    expect([e.code, e.line]).toEqual(['bad-hex', 1]);
  });
});

describe('bin framing', () => {
  it('round-trips messages through writeBin/readBin', () => {
    const messages = [hex('01 02 03'), new Uint8Array(0), hex('ff')];
    const file = writeBin(messages);
    // 8-byte magic, then u32 LE length + bytes per frame.
    expect([...file.subarray(0, 8)]).toEqual([0x43, 0x45, 0x56, 0x42, 0x49, 0x4e, 0, 1]);
    expect([...file.subarray(8, 15)]).toEqual([3, 0, 0, 0, 1, 2, 3]);
    expect([...readBin(file)].map((r) => [[...r.data], r.offset])).toEqual([
      [[1, 2, 3], 8],
      [[], 15],
      [[255], 19],
    ]);
  });

  it('reports a frame running past the end with its offset', () => {
    const file = concat(writeBin([hex('01')]), hex('05 00 00 00 01 02'));
    const e = errorOf(() => [...readBin(file)]);
    expect([e.code, e.offset]).toEqual(['bad-frame', 13]);
  });

  it('reports a truncated length prefix and a missing magic', () => {
    expect(errorOf(() => [...readBin(concat(writeBin([]), hex('01 00')))]).offset).toBe(8);
    expect(errorOf(() => [...readBin(hex('00 00 00 00'))]).code).toBe('bad-frame');
  });
});

describe('bpftool -j map event_pipe', () => {
  // Shape per bpftool's map_perf_ring.c JSON writer: an array of objects, data as decimal bytes.
  const compact =
    '[{"type":9,"cpu":1,"index":1,"timestamp":123,"data":[1,2,3]},{"type":2,"cpu":0,"index":0,"lost":{"id":7,"count":42}},{"type":4,"cpu":0,"index":0}]';

  it('reads samples, lost records and other record types', () => {
    expect(readBpftool(compact).map((r) => (r.kind === 'sample' ? { ...r, data: [...r.data] } : r))).toEqual([
      { kind: 'sample', data: [1, 2, 3], cpu: 1, offset: 1, line: 1 },
      { kind: 'lost', count: 42, cpu: 0, offset: compact.indexOf('{"type":2'), line: 1 },
      { kind: 'other', recordType: 4, cpu: 0, offset: compact.indexOf('{"type":4'), line: 1 },
    ]);
  });

  it('accepts pretty-printed output, one object per line, hex-string bytes and a missing closing bracket', () => {
    const pretty = '[{\n    "type": 9,\n    "cpu": 0,\n    "index": 0,\n    "data": ["0x0a","0xff"]\n  }\n]\n';
    expect(readBpftool(pretty).map((r) => r.kind === 'sample' && [...r.data])).toEqual([[10, 255]]);
    const lines = '{"type":9,"cpu":0,"index":0,"data":[5]}\n{"type":9,"cpu":2,"index":2,"data":[6]}\n';
    expect(readBpftool(lines).map((r) => [r.cpu, r.line])).toEqual([[0, 1], [2, 2]]);
    expect(readBpftool('[{"type":9,"cpu":0,"data":[1]},').length).toBe(1);
  });

  it('reports bad records with their line', () => {
    const e = errorOf(() => readBpftool('[\n{"type":9,"cpu":0,"data":[1]},\n{"type":9,"cpu":0,"data":[300]}\n]'));
    expect([e.code, e.line]).toEqual(['bad-json', 3]);
    expect(errorOf(() => readBpftool('[{"type":9,"data":[1]')).code).toBe('bad-json');
    expect(errorOf(() => readBpftool('[{"type":9}]')).message).toContain('"data"');
    expect(errorOf(() => readBpftool('hello')).code).toBe('bad-json');
  });
});

describe('perf ring snapshots (kernel-written fixtures)', () => {
  for (const name of ['basic', 'wrap', 'lost', 'lost-wrap', 'overwrite', 'overwrite-unfilled']) {
    it(`reads ${name} like its expected.json`, () => {
      const ring = new Uint8Array(readFileSync(join(RING_FIXTURES, name, 'ring.bin')));
      const expected = JSON.parse(readFileSync(join(RING_FIXTURES, name, 'expected.json'), 'utf8')) as {
        records: { type: string; raw_hex?: string; lost?: number | string }[];
      };
      expect(detectFormat(ring)).toBe('ring');
      const got = readRingSnapshot(ring);
      expect(got.map((r) => r.kind)).toEqual(expected.records.map((r) => r.type));
      got.forEach((r, i) => {
        const want = expected.records[i]!;
        if (r.kind === 'sample') expect(Buffer.from(r.data).toString('hex')).toBe(want.raw_hex);
        if (r.kind === 'lost') expect(r.count).toBe(Number(want.lost));
      });
    });
  }

  it('turns corrupted metadata into bad-ring', () => {
    const ring = new Uint8Array(readFileSync(join(RING_FIXTURES, 'basic', 'ring.bin')));
    new DataView(ring.buffer).setBigUint64(1024, 4n, true); // data_head not a multiple of 8
    expect(errorOf(() => readRingSnapshot(ring)).code).toBe('bad-ring');
  });
});

describe('format detection', () => {
  it('tells each format from its first bytes', () => {
    expect(detectFormat(writeBin([hex('01')]))).toBe('bin');
    expect(detectFormat(new TextEncoder().encode('# comment\n0102\n'))).toBe('hex');
    // UTF-8 in comments is still text; a character cut at the end of the sniffed bytes too.
    expect(detectFormat(new TextEncoder().encode('# drop → policy\n0102\n'))).toBe('hex');
    expect(detectFormat(new TextEncoder().encode('0102 # →').subarray(0, 10))).toBe('hex');
    expect(detectFormat(Uint8Array.of(0x30, 0x31, 0xc3, 0x28))).toBeUndefined(); // not UTF-8
    expect(detectFormat(new TextEncoder().encode('  [{"type":9}]'))).toBe('bpftool');
    const payloadDef =
      '38 ff 81 03 01 01 07 50 61 79 6c 6f 61 64 01 ff 82 00 01 04 01 04 44 61 74 61 01 0a 00 01 03 43 50 55 01 04 00 01 04 4c 6f 73 74 01 06 00 01 04 54 79 70 65 01 04 00 00 00';
    expect(detectFormat(hex(payloadDef + ' 0d ff 82'))).toBe('gob');
    expect(detectFormat(hex('38 ff 81 03 01 01 07 50 61 79'))).toBeUndefined(); // cut inside the definition
    expect(detectFormat(new TextEncoder().encode('hello world'))).toBeUndefined();
    expect(detectFormat(hex('04 05 05 00 00'))).toBeUndefined();
  });

  it('readInput with auto refuses what it cannot tell', () => {
    expect(errorOf(() => readInput(hex('04 05 05 00 00'), 'auto')).code).toBe('unknown-format');
    expect([...readInput(new TextEncoder().encode('0a0b\n'), 'auto')].length).toBe(1);
  });
});

describe('incremental readers', () => {
  const summary = (r: InputRecord): string =>
    r.kind === 'sample' ? `${r.offset}:${r.line}:${r.cpu}:${Buffer.from(r.data).toString('hex')}` : `${r.kind}:${r.offset}:${r.line}`;

  function chunked(format: InputFormat, bytes: Uint8Array, size: number): InputRecord[] {
    const reader = createStreamReader(format);
    const out: InputRecord[] = [];
    for (let at = 0; at < bytes.byteLength; at += size) out.push(...reader.push(bytes.slice(at, at + size)));
    out.push(...reader.end());
    return out;
  }

  it('give the same records whatever the chunk size', () => {
    const hexText = new TextEncoder().encode('# x\n0102\n\n  0a0b0c # y\r\nff');
    const bin = writeBin([hex('01 02 03'), new Uint8Array(0), hex('ff ee')]);
    const bpftool = new TextEncoder().encode(
      '[{"type":9,"cpu":0,"index":0,"data":[1,2]},\n {"type":2,"cpu":1,"lost":{"id":1,"count":3}},{"type":9,"note":"br}ace\\" [","cpu":2,"data":["0x0a"]}]',
    );
    for (const [format, bytes] of [
      ['hex', hexText],
      ['bin', bin],
      ['bpftool', bpftool],
    ] as const) {
      const whole = readInput(bytes, format).map(summary);
      expect(whole.length).toBe(3);
      for (const size of [1, 2, 3, 5, 8, 64]) expect(chunked(format, bytes, size).map(summary)).toEqual(whole);
    }
  });

  it('refuse a line or frame too long to buffer', () => {
    // Like a malformed line: the batch ends (empty here), the error comes from the next call.
    const hexReader = new HexReader();
    expect(hexReader.push(new Uint8Array(MAX_HEX_LINE + 1).fill(0x30))).toEqual([]);
    expect(errorOf(() => hexReader.end()).code).toBe('bad-hex');
    const header = writeBin([]);
    const huge = concat(header, hex('ff ff ff 7f'));
    const bin = new BinReader();
    expect(bin.push(huge)).toEqual([]);
    expect(errorOf(() => bin.end()).message).toContain('more than');
  });

  it('return the records before a malformed line, then throw', () => {
    const reader = new HexReader();
    expect(reader.push(new TextEncoder().encode('0102\n0x\n0304\n')).map((r) => r.line)).toEqual([1]);
    expect(errorOf(() => reader.end()).line).toBe(2);
  });

  it('report input ending inside a frame at end()', () => {
    const reader = new BinReader();
    expect(reader.push(concat(writeBin([hex('01')]), hex('05 00')))).toHaveLength(1);
    expect(errorOf(() => reader.end()).offset).toBe(13);
  });
});
