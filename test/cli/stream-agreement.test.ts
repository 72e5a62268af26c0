/**
 * The CLI's pipeline and `decodeStream` read the same inputs alike: the same records in the
 * same order (events, lost counts, other records, with their CPU and position), the same
 * undecodable samples reported, the same framing error — in every format and chunking.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InputError, runPipeline, undecodableMessage } from '../../src/cli/event-pipeline.js';
import { decodeStream, writeBin, type SampleInput } from '../../src/sources/index.js';
import { encodeDebug, encodeDrop, encodeTrace, ipv4Packet } from '../filter/events.js';
import { payload, PAYLOAD_DEFINITION } from './gob-writer.js';

const RELEASE = '1.18';
const syn = ipv4Packet({ src: [10, 0, 0, 1], dst: [192, 168, 1, 9], proto: 6, sport: 40000, dport: 443, tcpFlags: 0x02 });
const drop = encodeDrop({ reason: 133, source: 12, dstId: 52, srcLabel: 2, dstLabel: 4321, file: 2, line: 1400, ifindex: 7, packet: syn });
const trace = encodeTrace({ point: 0, source: 1, dstId: 34, srcLabel: 4321, dstLabel: 1, packet: syn });
const debug = encodeDebug(9);
/** A drop cut after its type and subtype: a DecodeError, not a framing error. */
const short = Uint8Array.of(1, 0);

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (b: Uint8Array): number[] => [...b];

const inputs: Record<string, Uint8Array> = {
  hex: utf8(`# a drop, a short sample, a trace\n${hex(drop)}\n${hex(short)}\n\n${hex(trace)}  # tcp\n${hex(debug)}\n`),
  bin: writeBin([drop, short, trace, debug]),
  gob: Uint8Array.from([
    ...PAYLOAD_DEFINITION,
    ...payload({ data: drop, cpu: 1, type: 9 }),
    ...payload({ cpu: 3, lost: 7, type: 2 }),
    ...payload({ data: short, cpu: 2, type: 9 }),
    ...payload({ data: Uint8Array.of(5), type: 4 }),
    ...payload({ data: trace, cpu: 2, type: 9 }),
  ]),
  bpftool: utf8(
    `[{"type":9,"cpu":1,"index":1,"data":[${bytes(drop)}]},\n{"type":2,"cpu":0,"lost":{"id":7,"count":42}},\n` +
      `{"type":9,"cpu":0,"data":[${bytes(short)}]},{"type":4,"cpu":0},\n{"type":9,"cpu":3,"data":[${bytes(debug)}]}]\n`,
  ),
  // Kernel-written, with lost records; its samples are not Cilium events, so some do not decode.
  ring: readFileSync(join(resolve(__dirname, '../..'), 'test/fixtures/perf-ring/lost/ring.bin')),
};

async function* chunked(b: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

/** A record as both sides can show it: an event by its JSON, the rest as they are. */
type Seen = { kind: string; cpu: number | undefined; offset: number; line: number | undefined; rest: unknown };

const where = (r: { line: number | undefined; offset: number }): string => (r.line !== undefined ? `in: line ${r.line}` : `in: offset ${r.offset}`);

async function viaDecodeStream(b: Uint8Array, size: number): Promise<{ records: Seen[]; stderr: string; error: unknown }> {
  const records: Seen[] = [];
  let stderr = '';
  const onError = (e: Error, r: SampleInput): void => void (stderr += undecodableMessage(where(r), r, e));
  try {
    for await (const r of decodeStream(chunked(b, size), { release: RELEASE, size: b.length, onError })) {
      const { kind, cpu, offset, line } = r;
      records.push({ kind, cpu, offset, line, rest: r.kind === 'event' ? r.event.toJSON() : r.kind === 'lost' ? r.count : r.recordType });
    }
  } catch (e) {
    return { records, stderr, error: e };
  }
  return { records, stderr, error: undefined };
}

async function viaPipeline(b: Uint8Array, size: number): Promise<{ records: Seen[]; stderr: string; failures: number; error: unknown }> {
  const records: Seen[] = [];
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (c: Buffer) => (text += c.toString()));
  const io = { stdout: new PassThrough(), stderr, stdin: new PassThrough() };
  const input = { label: 'in', size: b.length, chunks: chunked(b, size) };
  const push = (r: SampleInput | { kind: 'lost' | 'other'; cpu: number | undefined; offset: number; line: number | undefined }, rest: unknown): void =>
    void records.push({ kind: r.kind === 'sample' ? 'event' : r.kind, cpu: r.cpu, offset: r.offset, line: r.line, rest });
  let failures = 0;
  let error: unknown;
  try {
    failures = await runPipeline(input, { format: 'auto', release: RELEASE, filter: undefined }, io, {
      event: (ev, r) => push(r, ev.toJSON()),
      lost: (r) => push(r, r.count),
      other: (r) => push(r, r.recordType),
      pace: () => undefined,
      flush: () => undefined,
    });
  } catch (e) {
    error = e;
  }
  await new Promise((r) => setImmediate(r));
  return { records, stderr: text, failures, error };
}

describe('the CLI pipeline and decodeStream agree', () => {
  it.each(Object.keys(inputs))('on %s input, in any chunking', async (format) => {
    const b = inputs[format]!;
    const whole = await viaDecodeStream(b, b.length);
    expect(whole.error).toBeUndefined();
    // The inputs hold events, a sample that does not decode and (where the format has them) lost and other records.
    const kinds = new Set(whole.records.map((r) => r.kind));
    expect(kinds.has('event')).toBe(true);
    expect(whole.stderr).not.toBe('');
    if (format === 'gob' || format === 'bpftool') expect([...kinds].sort()).toEqual(['event', 'lost', 'other']);
    if (format === 'ring') expect(kinds.has('lost')).toBe(true);
    for (const size of [1, 7, 4096, b.length]) {
      const stream = size === b.length ? whole : await viaDecodeStream(b, size);
      const cli = await viaPipeline(b, size);
      expect(cli.error).toBeUndefined();
      expect(cli.records).toEqual(stream.records);
      expect(cli.stderr).toBe(stream.stderr);
      expect(cli.failures).toBe(stream.stderr.split('\n').length - 1);
    }
  });

  it('stop at the same framing error, after the same records', async () => {
    // The last frame says 100 bytes and has 3.
    const full = writeBin([drop, trace, Uint8Array.of(1, 2, 3)]);
    const b = Uint8Array.from([...full.subarray(0, full.length - 7), 100, 0, 0, 0, 1, 2, 3]);
    for (const size of [5, b.length]) {
      const stream = await viaDecodeStream(b, size);
      const cli = await viaPipeline(b, size);
      expect(stream.error).toMatchObject({ code: 'bad-frame' });
      expect(cli.error).toBeInstanceOf(InputError);
      expect((cli.error as Error).message).toBe(`in: ${(stream.error as Error).message} [bad-frame]`);
      expect(cli.records).toEqual(stream.records);
      expect(stream.records.map((r) => r.kind)).toEqual(['event', 'event']);
    }
  });
});
