import { describe, expect, it } from 'vitest';
import { MonitorStreamReader, readGob, isSourceError, type InputRecord } from '../../src/sources/index.js';
import { GobStream } from '../../src/sources/gob/stream.js';
import { concat, hex } from '../helpers/hex.js';

// Byte vectors from /work/shared/spec/monitor-output.md §2.4 (produced there by Go's encoding/gob).
const PAYLOAD_DEF = hex(
  '38 ff 81 03 01 01 07 50 61 79 6c 6f 61 64 01 ff 82 00 01 04 01 04 44 61 74 61 01 0a 00 01 03 43 50 55 01 04 00 01 04 4c 6f 73 74 01 06 00 01 04 54 79 70 65 01 04 00 00 00',
);
const SAMPLE_CPU3 = hex('0d ff 82 01 04 04 00 01 02 01 06 02 12 00');
const LOST_CPU1 = hex('09 ff 82 02 02 01 11 01 04 00');
const EMPTY_SAMPLE_CPU0 = hex('05 ff 82 04 12 00');
const ALL_ZERO = hex('03 ff 82 00');
const LOST_1000_CPU0 = hex('09 ff 82 03 fe 03 e8 01 04 00');
function bigSample(): Uint8Array {
  const data = new Uint8Array(200).map((_, i) => (i * 7) & 0xff);
  return concat(hex('ff d4 ff 82 01 ff c8'), data, hex('01 fe 01 04 02 12 00'));
}

function expectSourceError(f: () => unknown, code: string): void {
  try {
    f();
  } catch (e) {
    expect(isSourceError(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    return;
  }
  throw new Error('expected a SourceError');
}

describe('gob type definitions', () => {
  it('reads the Payload definition the agent sends first', () => {
    const gob = new GobStream();
    expect(PAYLOAD_DEF.byteLength).toBe(57);
    expect(gob.push(PAYLOAD_DEF)).toEqual([]);
    expect(gob.typeOf(65)).toEqual({
      kind: 'struct',
      name: 'Payload',
      fields: [
        { name: 'Data', id: 5 },
        { name: 'CPU', id: 2 },
        { name: 'Lost', id: 3 },
        { name: 'Type', id: 2 },
      ],
    });
  });

  it('decodes the AgentNotify inner stream of a type-130 event (type id 66)', () => {
    const def = concat(
      hex('2b ff 83 03 01 01 0b'),
      new TextEncoder().encode('AgentNotify'),
      hex('01 ff 84 00 01 02 01 04'),
      new TextEncoder().encode('Type'),
      hex('01 06 00 01 04'),
      new TextEncoder().encode('Text'),
      hex('01 0c 00 00 00'),
    );
    const value = concat(hex('15 ff 84 01 05 01 0e'), new TextEncoder().encode('{"revision":7}'), hex('00'));
    const gob = new GobStream();
    const [m, ...rest] = gob.push(concat(def, value));
    expect(rest).toEqual([]);
    expect(m?.typeId).toBe(66);
    expect(m?.typeName).toBe('AgentNotify');
    expect(m?.value).toEqual({ Type: 5, Text: '{"revision":7}' });
  });
});

describe('gob values beyond the Payload fields', () => {
  it('decodes singleton values of predefined types (gob docs: 17.0 is FE 31 40)', () => {
    const gob = new GobStream();
    // [length] [type id: float 4 → 08 | string 6 → 0c | int 2 → 04] [zero delta] [value]
    const msgs = gob.push(hex('05 08 00 fe 31 40  05 0c 00 02 68 69  03 04 00 01'));
    expect(msgs.map((m) => m.value)).toEqual([17, 'hi', -1]);
  });

  it('decodes slice and map types from their wireType definitions', () => {
    const text = (t: string): string => [...new TextEncoder().encode(t)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    // wireType.SliceT (field 1): sliceType{CommonType{Name, Id 65}, Elem 6 (string)}
    const sliceBody = `ff 81 02 01 01 08 ${text('[]string')} 01 ff 82 00 01 0c 00 00`;
    // wireType.MapT (field 3): mapType{CommonType{Name, Id 66}, Key 6 (string), Elem 2 (int)}
    const mapBody = `ff 83 04 01 01 0e ${text('map[string]int')} 01 ff 84 00 01 0c 01 04 00 00`;
    const frame = (body: string): string => `${(body.split(' ').length).toString(16).padStart(2, '0')} ${body}`;
    const gob = new GobStream();
    const msgs = gob.push(
      hex([frame(sliceBody), frame('ff 82 00 02 01 61 02 62 63'), frame(mapBody), frame('ff 84 00 01 01 6b 06')].join(' ')),
    );
    expect(msgs.map((m) => [m.typeName, m.value])).toEqual([
      ['[]string', ['a', 'bc']],
      ['map[string]int', new Map([['k', 3]])],
    ]);
  });
});

describe('monitor Payload stream', () => {
  it('maps samples and lost records, omitted fields read as zero', () => {
    const records = readGob(concat(PAYLOAD_DEF, SAMPLE_CPU3, LOST_CPU1, EMPTY_SAMPLE_CPU0, LOST_1000_CPU0));
    expect(records.map((r) => ({ ...r, data: r.kind === 'sample' ? [...r.data] : undefined }))).toEqual([
      { kind: 'sample', data: [4, 0, 1, 2], cpu: 3, offset: 57, line: undefined },
      { kind: 'lost', count: 17, cpu: 1, offset: 71, line: undefined, data: undefined },
      { kind: 'sample', data: [], cpu: 0, offset: 81, line: undefined },
      { kind: 'lost', count: 1000, cpu: 0, offset: 87, line: undefined, data: undefined },
    ]);
  });

  it('reads multi-byte message and data lengths and a CPU above 63', () => {
    const [r] = readGob(concat(PAYLOAD_DEF, bigSample()));
    expect(r?.kind).toBe('sample');
    if (r?.kind !== 'sample') return;
    expect(r.cpu).toBe(130);
    expect(r.data.byteLength).toBe(200);
    expect(r.data[199]).toBe((199 * 7) & 0xff);
  });

  it('reports a payload type other than sample/lost as other (all-zero value → Type 0)', () => {
    expect(readGob(concat(PAYLOAD_DEF, ALL_ZERO))).toEqual([
      { kind: 'other', recordType: 0, data: new Uint8Array(0), cpu: 0, offset: 57, line: undefined },
    ]);
  });

  it('gives the same records whatever the chunking', () => {
    const stream = concat(PAYLOAD_DEF, SAMPLE_CPU3, bigSample(), LOST_CPU1);
    const whole = readGob(stream).map(summary);
    for (const size of [1, 2, 3, 7, 13, 64]) {
      const reader = new MonitorStreamReader();
      const got: InputRecord[] = [];
      for (let at = 0; at < stream.byteLength; at += size) got.push(...reader.push(stream.slice(at, at + size)));
      reader.end();
      expect(got.map(summary)).toEqual(whole);
    }
  });

  it('tolerates a repeated type definition mid-stream', () => {
    expect(readGob(concat(PAYLOAD_DEF, SAMPLE_CPU3, PAYLOAD_DEF, LOST_CPU1)).map((r) => r.kind)).toEqual(['sample', 'lost']);
  });

  it('ignores which id the agent gave Payload', () => {
    // Same definition as id 66 (ff 83 / ff 84) instead of 65.
    const def = PAYLOAD_DEF.slice();
    def[2] = 0x83;
    def[16] = 0x84; // CommonType.Id
    const value = SAMPLE_CPU3.slice();
    value[2] = 0x84;
    expect(readGob(concat(def, value)).map((r) => r.cpu)).toEqual([3]);
  });
});

describe('malformed gob input', () => {
  it('rejects a value before its type definition', () => {
    expectSourceError(() => readGob(SAMPLE_CPU3), 'gob-unknown-type');
  });

  it('rejects a stream cut inside a message, at every cut point', () => {
    const stream = concat(PAYLOAD_DEF, SAMPLE_CPU3);
    for (let cut = 1; cut < stream.byteLength; cut++) {
      if (cut === PAYLOAD_DEF.byteLength) continue;
      expectSourceError(() => readGob(stream.subarray(0, cut)), 'bad-gob');
    }
  });

  it('rejects a data length running past its message, with the offset', () => {
    const bad = SAMPLE_CPU3.slice();
    bad[4] = 0x40; // Data claims 64 bytes inside a 13-byte message
    try {
      readGob(concat(PAYLOAD_DEF, bad));
      throw new Error('no error');
    } catch (e) {
      expect(isSourceError(e) && e.code).toBe('bad-gob');
      expect((e as { offset: number }).offset).toBe(57 + 5);
    }
  });

  it('refuses oversized messages before buffering them', () => {
    const gob = new GobStream({ maxMessageBytes: 1024 });
    expect(gob.push(hex('fc 7f ff ff ff'))).toEqual([]);
    expectSourceError(() => gob.end(), 'gob-too-large');
  });

  it('returns the records before a malformed message, then throws on the next call', () => {
    const reader = new MonitorStreamReader();
    const records = reader.push(concat(PAYLOAD_DEF, SAMPLE_CPU3, hex('04 ff 82 09 00'), LOST_CPU1));
    expect(records.map((r) => r.kind)).toEqual(['sample']);
    expectSourceError(() => reader.push(LOST_CPU1), 'bad-gob');
    expectSourceError(() => reader.end(), 'bad-gob');
  });

  it('rejects a field index beyond the struct', () => {
    expectSourceError(() => readGob(concat(PAYLOAD_DEF, hex('04 ff 82 09 00'))), 'bad-gob');
  });

  it('never throws anything but SourceError on mutated streams', () => {
    const base = concat(PAYLOAD_DEF, SAMPLE_CPU3, LOST_CPU1, bigSample());
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let n = 0; n < 2000; n++) {
      const m = base.slice();
      for (let k = 0; k <= rand(4); k++) m[rand(m.length)] = rand(256);
      try {
        readGob(m);
      } catch (e) {
        expect(isSourceError(e)).toBe(true);
      }
    }
  });
});

function summary(r: InputRecord): string {
  return r.kind === 'sample' ? `s${r.cpu}:${[...r.data].join(',')}` : r.kind === 'lost' ? `l${r.cpu}:${r.count}` : `o${r.recordType}`;
}
