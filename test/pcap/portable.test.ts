/**
 * `cilium-events/pcap` promises browsers, Deno and Bun: its built CommonJS bundle runs here in
 * a V8 context with the ECMAScript built-ins and the web globals every such runtime has
 * (TextEncoder/Decoder, WritableStream) but none of Node's, and writes a pcapng file into a
 * WHATWG stream and a collecting sink. Skips, saying so, when dist/ is not built.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { readCapture } from '../../src/pcap/index.js';

const ROOT = resolve(__dirname, '../..');
const BUNDLE = join(ROOT, 'dist/pcap.cjs');
const built = existsSync(BUNDLE);
if (!built) console.warn('test/pcap/portable.test.ts skipped: dist/pcap.cjs is not built (npm test builds it first)');

describe.skipIf(!built)('cilium-events/pcap without Node', () => {
  it('writes pcapng through a WHATWG WritableStream and a collecting sink', async () => {
    const context = createContext({ TextEncoder, TextDecoder, WritableStream, console });
    const module = { exports: {} as Record<string, unknown> };
    const wrapped = `(function (module, exports) {\n${readFileSync(BUNDLE, 'utf8')}\n})`;
    (runInContext(wrapped, context, { filename: 'pcap.cjs' }) as (m: unknown, e: unknown) => void)(module, module.exports);
    expect(runInContext('typeof Buffer + typeof process + typeof require', context)).toBe('undefinedundefinedundefined');
    // The whole run happens inside the realm: its own Uint8Array, its own stream.
    const script = `(async (pcap) => {
      const chunks = [];
      const stream = new WritableStream({ write(chunk) { chunks.push(chunk.slice()); } });
      const w = pcap.createPcapngWriter(pcap.webStreamSink(stream), { release: '1.19', now: () => ({ seconds: 1, nanoseconds: 2 }) });
      w.writePacket({ data: new Uint8Array([0x45, 0, 0, 20]), origLen: 60, linkType: pcap.LinkType.RawIp, timestamp: { seconds: 3, nanoseconds: 4 }, comment: 'hello' });
      await w.close();
      const sink = pcap.collectSink();
      const w2 = pcap.createPcapWriter(sink, { precision: 'us' });
      w2.writePacket({ data: new Uint8Array(14), timestamp: { seconds: 5, nanoseconds: 6000 } });
      await w2.close();
      const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      chunks.reduce((at, c) => (all.set(c, at), at + c.length), 0);
      return [Array.from(all), Array.from(sink.bytes()), pcap.readCapture(sink.bytes()).packets.length];
    })`;
    const run = runInContext(script, context) as (m: unknown) => Promise<[number[], number[], number]>;
    const [ng, classic, readBack] = await run(module.exports);
    expect(readBack).toBe(1);
    const file = readCapture(Uint8Array.from(ng));
    expect(file.packets.map((p) => [[...p.data], p.origLen, p.timestamp, p.comments])).toEqual([[[0x45, 0, 0, 20], 60, { seconds: 3, nanoseconds: 4 }, ['hello']]]);
    expect(file.interfaces[0]?.linkType).toBe(101);
    expect(readCapture(Uint8Array.from(classic)).packets[0]?.timestamp).toEqual({ seconds: 5, nanoseconds: 6000 });
  });
});
