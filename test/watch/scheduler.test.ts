import type { CheckRequest } from '../../src/check/check-request';
import type { Checker } from '../../src/check/checker';
import type { Report } from '../../src/report/types';
import { WatchScheduler } from '../../src/watch/scheduler';
import { watchStoreOf } from '../../src/slack/store-wiring';
import { describeEachStore } from '../helpers/stores';
import type { WatchStore } from '../../src/watch/watch-store';
import { FakeClock, fixedRandom, settle, until } from './helpers/fake-clock';
import { report } from './helpers/reports';

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

async function addWatch(store: WatchStore, host: string, nextRunAt: number, intervalMs = 5 * MIN) {
  return await store.watches.upsert({ host, ports: [25], expectNames: ['smtp.contoso.test'], intervalMs, channel: 'C1', createdBy: 'U1' }, T, nextRunAt);
}

describeEachStore('WatchScheduler', (current) => {
  it('never runs the same watch twice at once', async () => {
    const store = current().watches;
    const clock = new FakeClock(T);
    const held = heldChecker();
    const scheduler = new WatchScheduler({ store, checker: held.checker, clock, random: () => 0.5 });
    await addWatch(store, 'a.test', T);
    const first = scheduler.runDue();
    await until(() => held.requests.length > 0, 'the first run has started');
    clock.advance(10 * MIN);
    let secondDone = false;
    const second = scheduler.runDue().then(() => (secondDone = true));
    await until(() => secondDone || held.requests.length > 1, 'the second runDue has claimed or given up');
    expect(held.requests.map((r) => r.host)).toEqual(['a.test']);
    expect(held.requests[0]).toMatchObject({ ports: [25], expectNames: ['smtp.contoso.test'] });
    held.finishAll();
    await Promise.all([first, second]);
    expect(await store.watches.byHost('a.test')).toMatchObject({ runningSince: null, lastRunAt: T + 10 * MIN });
  });

  it('runs a watch overdue by many intervals once, then an interval later', async () => {
    const store = current().watches;
    const clock = new FakeClock(T + 100 * 5 * MIN);
    let runs = 0;
    const scheduler = new WatchScheduler({ store, checker: async () => (runs++, report()), clock, random: () => 0.5 });
    await addWatch(store, 'a.test', T);
    await scheduler.runDue();
    await scheduler.runDue();
    expect(runs).toBe(1);
    expect((await store.watches.byHost('a.test'))?.nextRunAt).toBe(clock.now() + 5 * MIN);
  });

  it('stop() waits for a claim pass still asking the store: nothing starts after it returns', async () => {
    const real = current().watches;
    const clock = new FakeClock(T);
    await addWatch(real, 'a.test', T);
    let answer!: () => void;
    const gate = new Promise<void>((resolve) => (answer = resolve));
    const watches = Object.create(real.watches) as WatchStore['watches'];
    watches.claimDue = async (...args) => (await gate, real.watches.claimDue(...args));
    let runs = 0;
    const scheduler = new WatchScheduler({ store: { ...real, watches }, checker: async () => (runs++, report()), clock, random: () => 0.5 });
    void scheduler.runDue();
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    answer();
    await stopping;
    expect(runs).toBe(1);
  });

  it('keeps to its schedule across a restart: nothing runs before its time', async () => {
    const clock = new FakeClock(T);
    let store = current().watches;
    await addWatch(store, 'a.test', T);
    await new WatchScheduler({ store, checker: instant, clock, random: () => 0.5 }).runDue();

    let runs = 0;
    store = watchStoreOf(await current().reopen());
    const scheduler = new WatchScheduler({ store, checker: async () => (runs++, report()), clock, random: () => 0.5 });
    await scheduler.start();
    const armed = () => until(() => clock.pending().length > 0, 'the scheduler has armed its timer');
    await armed();
    // The timer wakes at least every minute; every wake-up before the watch's time finds nothing due.
    while (clock.now() < T + 5 * MIN - 1) {
      clock.set(Math.min(Math.min(...clock.pending()), T + 5 * MIN - 1));
      clock.fireDue();
      await armed();
      await scheduler.idle();
    }
    expect(runs).toBe(0);
    expect(clock.pending()).toEqual([T + 5 * MIN]);
    clock.advance(1);
    clock.fireDue();
    await until(() => runs > 0, 'the watch has run');
    await scheduler.idle();
    expect(runs).toBe(1);
    await scheduler.stop();
  });

  it('spreads watches due together with jitter instead of running them in lockstep', async () => {
    const store = current().watches;
    const clock = new FakeClock(T);
    const scheduler = new WatchScheduler({ store, checker: instant, clock, random: fixedRandom(0, 0.25, 0.5, 0.75, 0.999) });
    for (const host of ['a.test', 'b.test', 'c.test', 'd.test', 'e.test']) await addWatch(store, host, T, 10 * MIN);
    await scheduler.runDue();
    const next = (await store.watches.list()).map((w) => w.nextRunAt - T);
    expect(new Set(next).size).toBe(5);
    for (const n of next) {
      expect(n).toBeGreaterThanOrEqual(9 * MIN);
      expect(n).toBeLessThanOrEqual(11 * MIN);
    }
  });

  it('caps how many watches run at once and runs the rest as slots free up', async () => {
    const store = current().watches;
    const clock = new FakeClock(T);
    const held = heldChecker();
    const scheduler = new WatchScheduler({ store, checker: held.checker, clock, random: () => 0.5, settings: { maxConcurrentRuns: 2 } });
    for (const host of ['a.test', 'b.test', 'c.test']) await addWatch(store, host, T);
    await scheduler.start();
    const dueTimer = () => until(() => clock.pending().some((at) => at <= clock.now()), 'the scheduler has armed its timer');
    await dueTimer();
    clock.fireDue();
    await until(() => held.requests.length >= 2, 'two runs have started');
    await settle();
    expect(held.requests).toHaveLength(2);
    held.finishAll();
    await scheduler.idle();
    await dueTimer();
    clock.fireDue();
    await until(() => held.requests.length >= 3, 'the third run has started');
    expect(held.requests.map((r) => r.host)).toEqual(['a.test', 'b.test', 'c.test']);
    held.finishAll();
    await scheduler.stop();
  });

  it('keeps to the cap when claim passes overlap (a timer fires while the last pass is still claiming)', async () => {
    const store = current().watches;
    const clock = new FakeClock(T);
    const held = heldChecker();
    const scheduler = new WatchScheduler({ store, checker: held.checker, clock, random: () => 0.5, settings: { maxConcurrentRuns: 2 } });
    for (const host of ['a.test', 'b.test', 'c.test', 'd.test', 'e.test']) await addWatch(store, host, T);
    const passes = [scheduler.runDue(), scheduler.runDue(), scheduler.runDue()];
    await until(() => held.requests.length >= 2, 'two runs have started');
    // Every pass has claimed what it was going to once the store has answered them all.
    await store.watches.list();
    await settle();
    expect(held.requests).toHaveLength(2);
    held.finishAll();
    await Promise.all(passes);
    await scheduler.stop();
  });

  it('tries again soon, judging nothing, when the executor refuses a check', async () => {
    const store = current().watches;
    const clock = new FakeClock(T);
    const scheduler = new WatchScheduler({ store, checker: async () => Promise.reject(new Error('queue full')), clock, settings: { refusedRetryMs: 30_000 } });
    await addWatch(store, 'a.test', T);
    await scheduler.runDue();
    expect(await store.watches.byHost('a.test')).toMatchObject({ runningSince: null, lastRunAt: null, nextRunAt: T + 30_000 });
    expect(await store.results.recent('a.test')).toEqual([]);
  });

  it('skips a run the target policy refuses, until the next interval', async () => {
    const store = current().watches;
    const clock = new FakeClock(T);
    let runs = 0;
    const scheduler = new WatchScheduler({ store, checker: async () => (runs++, report()), clock, random: () => 0.5, admit: async () => Promise.reject(new Error('denied')) });
    await addWatch(store, 'a.test', T);
    await scheduler.runDue();
    expect(runs).toBe(0);
    expect((await store.watches.byHost('a.test'))?.nextRunAt).toBe(T + 5 * MIN);
  });

  it('keeps the result of a run whose watch was removed meanwhile, and judges nothing', async () => {
    const store = current().watches;
    const clock = new FakeClock(T);
    const held = heldChecker();
    const scheduler = new WatchScheduler({ store, checker: held.checker, clock });
    await addWatch(store, 'a.test', T);
    const run = scheduler.runDue();
    await until(() => held.requests.length > 0, 'the run has started');
    await store.watches.remove('a.test');
    held.finishAll();
    await run;
    expect(await store.results.recent('mx.example.test')).toHaveLength(1);
    expect(await store.outbox.all()).toEqual([]);
  });
});
