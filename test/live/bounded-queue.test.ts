// The socket source's queue: records in order, drops past the limits counted and reported as
// one `reader` lost record where they happened, memory bounded by the limits.
import { describe, expect, it } from 'vitest';
import { BoundedQueue } from '../../src/live/bounded-queue.js';
import type { LiveRecord } from '../../src/live/types.js';

const sample = (n: number, bytes = 1): LiveRecord => ({ kind: 'sample', data: new Uint8Array(bytes).fill(n), cpu: 0, offset: n, line: undefined });

async function drain(q: BoundedQueue): Promise<LiveRecord[]> {
  const out: LiveRecord[] = [];
  for (let r = await q.take(); r !== undefined; r = await q.take()) out.push(r);
  return out;
}

describe('BoundedQueue', () => {
  it('hands records over in order, directly to a waiting consumer too', async () => {
    const q = new BoundedQueue({ maxRecords: 10, maxBytes: 100 });
    const waiting = q.take();
    q.push(sample(1));
    expect(await waiting).toEqual(sample(1));
    q.push(sample(2));
    q.push(sample(3));
    q.close();
    expect(await drain(q)).toEqual([sample(2), sample(3)]);
  });

  it('drops past maxRecords and reports the count in place, before the next record that fits', async () => {
    const q = new BoundedQueue({ maxRecords: 2, maxBytes: 100 });
    for (let n = 1; n <= 5; n++) q.push(sample(n));
    expect(await q.take()).toEqual(sample(1));
    q.push(sample(6));
    q.close();
    expect((await drain(q)).map((r) => (r.kind === 'lost' ? `lost ${r.count} ${r.reason}` : r.offset))).toEqual([2, 'lost 3 reader', 6]);
  });

  it('drops past maxBytes', async () => {
    const q = new BoundedQueue({ maxRecords: 100, maxBytes: 10 });
    q.push(sample(1, 6));
    q.push(sample(2, 6));
    q.push(sample(3, 4));
    q.close();
    expect((await drain(q)).map((r) => (r.kind === 'lost' ? `lost ${r.count}` : r.offset))).toEqual([1, 'lost 1', 3]);
  });

  it('reports drops once the consumer has caught up, without waiting for another record', async () => {
    const q = new BoundedQueue({ maxRecords: 1, maxBytes: 100 });
    q.push(sample(1));
    q.push(sample(2));
    expect(await q.take()).toEqual(sample(1));
    expect(await q.take()).toMatchObject({ kind: 'lost', count: 1, reason: 'reader', cpu: undefined });
  });

  it('discard ends at once', async () => {
    const q = new BoundedQueue({ maxRecords: 10, maxBytes: 100 });
    q.push(sample(1));
    q.discard();
    expect(await q.take()).toBeUndefined();
    q.push(sample(2));
    expect(await q.take()).toBeUndefined();
  });
});
