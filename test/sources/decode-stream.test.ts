/** decodeStream: chunked input of any format → events and lost records, as the whole-input readers see them. */
import { describe, expect, it } from 'vitest';
import { decodeEvent, encodeEvent, type EncodableEvent } from '../../src/index.js';
import { decodeStream, type DecodedInput, writeBin } from '../../src/sources/index.js';
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const drop: EncodableEvent = {
  type: 1, subtype: 133, source: 1, hash: 2, origLen: 2, capLen: 2, version: 2, extVersion: 0, srcLabel: 3,
  dstLabel: 4, dstId: 5, line: 6, file: 1, extError: 0, ifindex: 7, flags: 0, ipTraceId: 0n,
  extension: new Uint8Array(0), packet: new Uint8Array([0xab, 0xcd]),
};
const debug: EncodableEvent = { type: 2, subtype: 1, source: 1, hash: 2, arg1: 3, arg2: 4, arg3: 5 };
const messages = [encodeEvent(drop, { release: '1.18' }), encodeEvent(debug, { release: '1.18' })];

/** `bytes` as a stream of `size`-byte chunks. */
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function all(it: AsyncIterable<DecodedInput>): Promise<DecodedInput[]> {
  const out: DecodedInput[] = [];
  for await (const r of it) out.push(r);
  return out;
}

const text = new TextEncoder().encode(`# two events\n${messages.map(toHex).join('\n')}\n`);
const bin = writeBin(messages);

describe('decodeStream', () => {
  it.each([
    ['hex', text],
    ['bin', bin],
  ] as const)('decodes %s in any chunking, detected or named', async (format, bytes) => {
    for (const size of [1, 7, 64, bytes.length]) {
      for (const input of ['auto', format] as const) {
        const records = await all(decodeStream(chunked(bytes, size), { release: '1.18', input }));
        expect(records.map((r) => r.kind)).toEqual(['event', 'event']);
        const events = records.map((r) => (r.kind === 'event' ? r.event.toJSON() : r));
        expect(events).toEqual(messages.map((m) => decodeEvent(m, { release: '1.18' }).toJSON()));
      }
    }
  });

  it('reads a web ReadableStream', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bin.subarray(0, 5));
        c.enqueue(bin.subarray(5));
        c.close();
      },
    });
    expect((await all(decodeStream(stream, { release: '1.18' }))).length).toBe(2);
  });

  it('passes undecodable samples to onError and goes on; without it they end the stream', async () => {
    const bad = writeBin([new Uint8Array([1, 0]), messages[1]!]);
    const seen: string[] = [];
    const records = await all(decodeStream(chunked(bad, 3), { input: 'bin', onError: (e) => seen.push(e.code) }));
    expect(seen).toEqual(['short-buffer']);
    expect(records.map((r) => r.kind)).toEqual(['event']);
    await expect(all(decodeStream(chunked(bad, 3), { input: 'bin' }))).rejects.toMatchObject({ code: 'short-buffer' });
  });

  it('empty input: nothing when detected, short input for bin', async () => {
    expect(await all(decodeStream(chunked(new Uint8Array(0), 1)))).toEqual([]);
    await expect(all(decodeStream(chunked(new Uint8Array(0), 1), { input: 'bin' }))).rejects.toMatchObject({ code: 'bad-frame' });
  });
});
