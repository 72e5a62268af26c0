// Where the perf source cannot run, it says so and why, with a LiveError on the library's
// shared error base: off Linux, without the optional package koffi, with bad options.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isCiliumEventsError } from '../../src/errors.js';
import { parseCpuList } from '../../src/live/perf/online-cpus.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.doUnmock('koffi');
  vi.resetModules();
});

async function rejection(p: Promise<unknown>): Promise<{ name: string; code: string; message: string }> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(isCiliumEventsError(e)).toBe(true);
  return e as { name: string; code: string; message: string };
}

describe('watchPerfArray where it cannot run', () => {
  it('off Linux: unavailable, because perf rings are a Linux facility', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'darwin' });
    try {
      const { watchPerfArray } = await import('../../src/live/perf/watch.js');
      const e = await rejection(watchPerfArray({ map: 1 }));
      expect(e).toMatchObject({ name: 'LiveError', code: 'unavailable' });
      expect(e.message).toBe('watchPerfArray is unavailable, because perf rings are a Linux facility and this is darwin');
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });

  it.skipIf(process.platform !== 'linux' || !['x64', 'arm64'].includes(process.arch))('without koffi: unavailable, saying how to install it', async () => {
    vi.doMock('koffi', () => {
      throw new Error("Cannot find package 'koffi'");
    });
    const { watchPerfArray } = await import('../../src/live/perf/watch.js');
    const e = await rejection(watchPerfArray({ map: 1 }));
    expect(e).toMatchObject({ name: 'LiveError', code: 'unavailable' });
    expect(e.message).toContain('because the optional package koffi');
    expect(e.message).toContain('npm install koffi');
  });

  it('bad options are invalid-option before anything is opened', async () => {
    const { watchPerfArray } = await import('../../src/live/perf/watch.js');
    expect(await rejection(watchPerfArray({ map: 1, pageCount: 3 }))).toMatchObject({ code: 'invalid-option' });
    expect(await rejection(watchPerfArray({ map: 1, watermark: -1 }))).toMatchObject({ code: 'invalid-option' });
    const { watchSocket } = await import('../../src/live/socket.js');
    expect(await rejection(watchSocket({ maxQueuedRecords: 0 }))).toMatchObject({ code: 'invalid-option' });
  });
});

describe('online CPU list', () => {
  it('reads the sysfs range format', () => {
    expect(parseCpuList('0-3,6,8-9\n')).toEqual([0, 1, 2, 3, 6, 8, 9]);
    expect(parseCpuList('0\n')).toEqual([0]);
  });
});
