import { PoolBusyError } from '../../src/check/checker';
import { CheckGate, type Release } from '../../src/execution/check-gate';
import { CheckCancelledError, PoolClosedError } from '../../src/execution/errors';

/** Which of the given acquisitions have been granted so far. */
async function granted(promises: Promise<Release>[]): Promise<boolean[]> {
  const state = promises.map(() => false);
  promises.forEach((p, i) => p.then(() => (state[i] = true), () => undefined));
  await new Promise((r) => setImmediate(r));
  return state;
}

describe('CheckGate', () => {
  it('admits at most `concurrency` at once and the next waiter when a slot is released', async () => {
    const a = new CheckGate({ concurrency: 2, perDestination: 10, maxQueue: 10 });
    const p = ['a', 'b', 'c'].map((k) => a.acquire(k));
    expect(await granted(p)).toEqual([true, true, false]);
    expect(a.queuedCount).toBe(1);
    (await p[0])();
    expect(await granted(p)).toEqual([true, true, true]);
    expect(a.runningCount).toBe(2);
  });

  it('holds a destination at its limit while letting other destinations pass', async () => {
    const a = new CheckGate({ concurrency: 10, perDestination: 1, maxQueue: 10 });
    const p = [a.acquire('mx1'), a.acquire('mx1'), a.acquire('mx2')];
    expect(await granted(p)).toEqual([true, false, true]);
    (await p[0])();
    expect(await granted(p)).toEqual([true, true, true]);
  });

  it('refuses with POOL_BUSY once the queue is full, without queueing', async () => {
    const a = new CheckGate({ concurrency: 1, perDestination: 1, maxQueue: 1 });
    const first = a.acquire('x');
    const second = a.acquire('x');
    await expect(a.acquire('x')).rejects.toMatchObject({ code: 'POOL_BUSY' });
    await expect(a.acquire('y')).rejects.toBeInstanceOf(PoolBusyError);
    expect(a.queuedCount).toBe(1);
    (await first)();
    await expect(second).resolves.toBeInstanceOf(Function);
  });

  it('drops a cancelled waiter from the queue and rejects it with CHECK_CANCELLED', async () => {
    const a = new CheckGate({ concurrency: 1, perDestination: 1, maxQueue: 5 });
    const first = a.acquire('x');
    const controller = new AbortController();
    const cancelled = a.acquire('x', controller.signal);
    const third = a.acquire('x');
    controller.abort();
    await expect(cancelled).rejects.toBeInstanceOf(CheckCancelledError);
    expect(a.queuedCount).toBe(1);
    (await first)();
    expect(await granted([third])).toEqual([true]);
  });

  it('refuses an already aborted signal at once', async () => {
    const a = new CheckGate({ concurrency: 1, perDestination: 1, maxQueue: 5 });
    await expect(a.acquire('x', AbortSignal.abort())).rejects.toMatchObject({ code: 'CHECK_CANCELLED' });
    expect(a.runningCount).toBe(0);
  });

  it('ignores a second release of the same slot', async () => {
    const a = new CheckGate({ concurrency: 1, perDestination: 1, maxQueue: 5 });
    const release = await a.acquire('x');
    const second = a.acquire('x');
    release();
    release();
    await second;
    expect(a.runningCount).toBe(1);
  });

  it('rejects every waiter with POOL_CLOSED on shutdown', async () => {
    const a = new CheckGate({ concurrency: 1, perDestination: 1, maxQueue: 5 });
    await a.acquire('x');
    const waiting = [a.acquire('x'), a.acquire('y')];
    a.rejectWaiting();
    for (const w of waiting) await expect(w).rejects.toBeInstanceOf(PoolClosedError);
    expect(a.queuedCount).toBe(0);
  });
});
