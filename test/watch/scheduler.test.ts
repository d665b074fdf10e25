import type { CheckRequest } from '../../src/check/check-request';
import type { Checker } from '../../src/check/checker';
import type { Report } from '../../src/report/types';
import { WatchScheduler } from '../../src/watch/scheduler';
import { openDatabase } from '../../src/storage/database';
import { watchStores, type WatchStores } from '../../src/watch/watch-stores';
import { FakeClock, fixedRandom } from './helpers/fake-clock';
import { report } from './helpers/reports';
import { removeDir } from './helpers/watch-harness';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MIN = 60_000;
const T = 1_700_000_000_000;

/** A checker whose checks finish when the test says so. */
function heldChecker() {
  const requests: CheckRequest[] = [];
  const waiting: ((r: Report) => void)[] = [];
  const checker: Checker = (request) => {
    requests.push(request);
    return new Promise<Report>((resolve) => waiting.push(resolve));
  };
  return { checker, requests, finishAll: () => waiting.splice(0).forEach((f) => f(report())) };
}

const instant: Checker = async () => report();

function addWatch(stores: WatchStores, host: string, nextRunAt: number, intervalMs = 5 * MIN) {
  return stores.watches.upsert({ host, ports: [25], expectNames: ['smtp.contoso.test'], intervalMs, channel: 'C1', createdBy: 'U1' }, T, nextRunAt);
}

describe('WatchScheduler', () => {
  it('never runs the same watch twice at once', async () => {
    const stores = watchStores(openDatabase(':memory:'));
    const clock = new FakeClock(T);
    const held = heldChecker();
    const scheduler = new WatchScheduler({ stores, checker: held.checker, clock, random: () => 0.5 });
    addWatch(stores, 'a.test', T);
    const first = scheduler.runDue();
    clock.advance(10 * MIN);
    const second = scheduler.runDue();
    await Promise.resolve();
    expect(held.requests.map((r) => r.host)).toEqual(['a.test']);
    expect(held.requests[0]).toMatchObject({ ports: [25], expectNames: ['smtp.contoso.test'] });
    held.finishAll();
    await Promise.all([first, second]);
    expect(stores.watches.byHost('a.test')).toMatchObject({ runningSince: null, lastRunAt: T + 10 * MIN });
  });

  it('runs a watch overdue by many intervals once, then an interval later', async () => {
    const stores = watchStores(openDatabase(':memory:'));
    const clock = new FakeClock(T + 100 * 5 * MIN);
    let runs = 0;
    const scheduler = new WatchScheduler({ stores, checker: async () => (runs++, report()), clock, random: () => 0.5 });
    addWatch(stores, 'a.test', T);
    await scheduler.runDue();
    await scheduler.runDue();
    expect(runs).toBe(1);
    expect(stores.watches.byHost('a.test')?.nextRunAt).toBe(clock.now() + 5 * MIN);
  });

  it('keeps to its schedule across a restart: nothing runs before its time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'starttls-sched-'));
    try {
      const clock = new FakeClock(T);
      let stores = watchStores(openDatabase(dir));
      addWatch(stores, 'a.test', T);
      await new WatchScheduler({ stores, checker: instant, clock, random: () => 0.5 }).runDue();
      stores.db.close();

      let runs = 0;
      stores = watchStores(openDatabase(dir));
      const scheduler = new WatchScheduler({ stores, checker: async () => (runs++, report()), clock, random: () => 0.5 });
      scheduler.start();
      // The timer wakes at least every minute; every wake-up before the watch's time finds nothing due.
      while (clock.now() < T + 5 * MIN - 1) {
        clock.set(Math.min(Math.min(...clock.pending()), T + 5 * MIN - 1));
        clock.fireDue();
        await scheduler.idle();
      }
      expect(runs).toBe(0);
      expect(clock.pending()).toEqual([T + 5 * MIN]);
      clock.advance(1);
      clock.fireDue();
      await scheduler.idle();
      expect(runs).toBe(1);
      await scheduler.stop();
      stores.db.close();
    } finally {
      removeDir(dir);
    }
  });

  it('spreads watches due together with jitter instead of running them in lockstep', async () => {
    const stores = watchStores(openDatabase(':memory:'));
    const clock = new FakeClock(T);
    const scheduler = new WatchScheduler({ stores, checker: instant, clock, random: fixedRandom(0, 0.25, 0.5, 0.75, 0.999) });
    for (const host of ['a.test', 'b.test', 'c.test', 'd.test', 'e.test']) addWatch(stores, host, T, 10 * MIN);
    await scheduler.runDue();
    const next = stores.watches.list().map((w) => w.nextRunAt - T);
    expect(new Set(next).size).toBe(5);
    for (const n of next) {
      expect(n).toBeGreaterThanOrEqual(9 * MIN);
      expect(n).toBeLessThanOrEqual(11 * MIN);
    }
  });

  it('caps how many watches run at once and runs the rest as slots free up', async () => {
    const stores = watchStores(openDatabase(':memory:'));
    const clock = new FakeClock(T);
    const held = heldChecker();
    const scheduler = new WatchScheduler({ stores, checker: held.checker, clock, random: () => 0.5, settings: { maxConcurrentRuns: 2 } });
    for (const host of ['a.test', 'b.test', 'c.test']) addWatch(stores, host, T);
    scheduler.start();
    clock.fireDue();
    await Promise.resolve();
    expect(held.requests).toHaveLength(2);
    held.finishAll();
    await scheduler.idle();
    clock.fireDue();
    await Promise.resolve();
    expect(held.requests.map((r) => r.host)).toEqual(['a.test', 'b.test', 'c.test']);
    held.finishAll();
    await scheduler.stop();
  });

  it('tries again soon, judging nothing, when the executor refuses a check', async () => {
    const stores = watchStores(openDatabase(':memory:'));
    const clock = new FakeClock(T);
    const scheduler = new WatchScheduler({ stores, checker: async () => Promise.reject(new Error('queue full')), clock, settings: { refusedRetryMs: 30_000 } });
    addWatch(stores, 'a.test', T);
    await scheduler.runDue();
    expect(stores.watches.byHost('a.test')).toMatchObject({ runningSince: null, lastRunAt: null, nextRunAt: T + 30_000 });
    expect(stores.results.recent('a.test')).toEqual([]);
  });

  it('skips a run the target policy refuses, until the next interval', async () => {
    const stores = watchStores(openDatabase(':memory:'));
    const clock = new FakeClock(T);
    let runs = 0;
    const scheduler = new WatchScheduler({ stores, checker: async () => (runs++, report()), clock, random: () => 0.5, admit: async () => Promise.reject(new Error('denied')) });
    addWatch(stores, 'a.test', T);
    await scheduler.runDue();
    expect(runs).toBe(0);
    expect(stores.watches.byHost('a.test')?.nextRunAt).toBe(T + 5 * MIN);
  });

  it('keeps the result of a run whose watch was removed meanwhile, and judges nothing', async () => {
    const stores = watchStores(openDatabase(':memory:'));
    const clock = new FakeClock(T);
    const held = heldChecker();
    const scheduler = new WatchScheduler({ stores, checker: held.checker, clock });
    addWatch(stores, 'a.test', T);
    const run = scheduler.runDue();
    await Promise.resolve();
    stores.watches.remove('a.test');
    held.finishAll();
    await run;
    expect(stores.results.recent('mx.example.test')).toHaveLength(1);
    expect(stores.outbox.all()).toEqual([]);
  });
});
