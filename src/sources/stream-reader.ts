/**
 * One incremental interface over every format: push chunks as they arrive, collect records,
 * call `end` at the end of input. hex, bin, gob and bpftool records come out as soon as their
 * bytes are complete; a ring snapshot is parsed once the input has ended (collected up to
 * its metadata page's length, see `RingSnapshotCollector`).
 */
import { BinReader } from './bin.js';
import { BpftoolReader } from './bpftool.js';
import { MonitorStreamReader } from './gob/monitor-payloads.js';
import { HexReader } from './hex.js';
import { RingSnapshotCollector } from './ring.js';
import type { InputFormat, InputRecord } from './types.js';

/** A parser fed chunk by chunk (see `createStreamReader`). */
export interface StreamReader {
  /** Records completed by `chunk`. Their `data` may be views of `chunk`: do not reuse it. */
  push(chunk: Uint8Array): InputRecord[];
  /** Records left at the end of input; throws `SourceError` for input that ends mid-record. */
  end(): InputRecord[];
}

/**
 * A reader for `format`.
 *
 * @example
 * const reader = createStreamReader('gob');
 * for await (const chunk of socket) for (const r of reader.push(chunk)) handle(r);
 * for (const r of reader.end()) handle(r);
 */
export function createStreamReader(format: InputFormat): StreamReader {
  switch (format) {
    case 'hex': {
      const hex = new HexReader();
      return { push: (c) => hex.push(c), end: () => hex.end() };
    }
    case 'bin': {
      const bin = new BinReader();
      return {
        push: (c) => bin.push(c),
        end: () => {
          bin.end();
          return [];
        },
      };
    }
    case 'gob': {
      const gob = new MonitorStreamReader();
      return {
        push: (c) => gob.push(c),
        end: () => {
          gob.end();
          return [];
        },
      };
    }
    case 'ring': {
      const ring = new RingSnapshotCollector();
      return {
        push: (c) => {
          ring.push(c);
          return [];
        },
        end: () => ring.end(),
      };
    }
    case 'bpftool': {
      const bpftool = new BpftoolReader();
      return {
        push: (c) => bpftool.push(c),
        end: () => {
          bpftool.end();
          return [];
        },
      };
    }
  }
}
