import type { Checker } from '../../src/check/checker';
import type { Report } from '../../src/report/types';
import { describeEachStore } from '../helpers/stores';
import type { WatchStore } from '../../src/watch/watch-store';
import { OutboxDispatcher } from '../../src/watch/outbox-dispatcher';
import { WatchScheduler } from '../../src/watch/scheduler';
import { WatchService } from '../../src/watch/watch-service';

import { FakeClock } from './helpers/fake-clock';
import { FakePoster } from './helpers/fake-poster';
import { report, stripped, T0 } from './helpers/reports';
import { textRender } from './helpers/watch-harness';

const MIN = 60_000;

/** Service, scheduler and dispatcher over a checker that answers what the test sets. */
async function setup(store: WatchStore) {
  const clock = new FakeClock(T0);
  let next: Report = report();
  /** Hosts answering something other than `next`. */
  const fixed = new Map<string, Report>();
  const checker: Checker = async (request) => ({ ...(fixed.get(request.host) ?? next), host: request.host });
  const scheduler = new WatchScheduler({ store, checker, clock, random: () => 0.5, settings: { muteMs: 60 * MIN } });
  const poster = new FakePoster();
  const dispatcher = new OutboxDispatcher({ store, poster, render: textRender, clock });
  const kicks: number[] = [];
  const service = new WatchService({ store, clock, random: () => 0.5, scheduler, settings: { muteMs: 60 * MIN }, onOutbox: () => kicks.push(clock.now()) });
  const run = async (r: Report) => {
    next = r;
    const w = await store.watches.byHost('mx.test');
    if (w && w.nextRunAt > clock.now()) clock.set(w.nextRunAt);
    await scheduler.runDue();
    await dispatcher.drain();
  };
  await service.watch({ kind: 'watch', host: 'mx.test', ports: [25], intervalMs: 5 * MIN, expectNames: [] }, 'C0WATCH', 'U0MAKER');
  return { store, clock, service, poster, run, kicks, fixed };
}

describeEachStore('WatchService', (current) => {
  it('acknowledges an open incident once, through the outbox', async () => {
    const { service, poster, run, store, kicks } = await setup(current().watches);
    await run(report());
    await run(stripped());
    const incident = (await store.incidents.recent('mx.test'))[0];
    expect(await service.acknowledge(incident.id, 'U0ONCALL1')).toMatchObject({ kind: 'acknowledged', incident: { status: 'acknowledged', acknowledgedBy: 'U0ONCALL1' } });
    expect(kicks).toHaveLength(1);
    expect((await service.acknowledge(incident.id, 'U0OTHER01')).kind).toBe('already');
    expect((await service.acknowledge(999, 'U0OTHER01')).kind).toBe('unknown');
    await run(report());
    expect((await service.acknowledge(incident.id, 'U0OTHER01')).kind).toBe('resolved');
    expect(poster.calls.filter((c) => c.text === 'INCIDENT-ACKNOWLEDGED')).toHaveLength(1);
  });

  it('mute keeps new alerts out of the channel, and the alert comes once the mute ends if the problem is still there', async () => {
    const { service, poster, run, clock } = await setup(current().watches);
    await run(report());
    expect(await service.mute('mx.test', 'U0ONCALL1')).toBe(clock.now() + 60 * MIN);
    await run(stripped());
    await run(stripped());
    expect(poster.calls).toEqual([]);
    expect(await service.summary('mx.test')).toMatchObject({ status: 'incident', muted: true });
    clock.advance(60 * MIN);
    await run(stripped());
    expect(poster.calls.filter((c) => !c.threadTs && c.method === 'post').map((c) => c.text)).toEqual(['ALERT mx.test [starttls-not-advertised@25]']);
  });

  it('says a mute in the incident\'s thread, and keeps the thread current while muted', async () => {
    const { service, poster, run, store } = await setup(current().watches);
    await run(report());
    await run(stripped());
    const incident = (await store.incidents.recent('mx.test'))[0];
    await service.mute('mx.test', 'U0ONCALL1', undefined, incident.id);
    await run(report());
    const alertTs = poster.calls[0].ts;
    expect(poster.calls.filter((c) => c.threadTs === alertTs).map((c) => c.text)).toEqual(['WATCH-MUTED', expect.stringMatching(/^RESOLVED/)]);
  });

  it('unwatching closes a live incident in its thread and forgets the watch, keeping history', async () => {
    const { service, poster, run, store } = await setup(current().watches);
    await run(report());
    await run(stripped());
    expect(await service.unwatch('mx.test', 'U0MAKER')).toBe(true);
    expect(await service.unwatch('mx.test', 'U0MAKER')).toBe(false);
    await run(report());
    const alertTs = poster.calls[0].ts;
    expect(poster.calls.filter((c) => c.threadTs === alertTs).map((c) => c.text)).toEqual(['INCIDENT-CLOSED']);
    expect(poster.calls.pop()).toMatchObject({ method: 'update', text: 'STATUS resolved unwatched' });
    expect((await store.incidents.recent('mx.test'))[0]).toMatchObject({ status: 'resolved', resolution: 'unwatched', watchId: null });
    expect((await service.history('mx.test')).map((h) => h.verdict)).toEqual(['critical', 'ok']);
    expect(await service.list()).toEqual([]);
  });

  it('lists watches worst first with their last run and certificate days left', async () => {
    const { service, run, clock, fixed } = await setup(current().watches);
    await service.watch({ kind: 'watch', host: 'aaa.test', ports: [25], intervalMs: 5 * MIN, expectNames: [] }, 'C0WATCH', 'U0MAKER');
    fixed.set('aaa.test', report([{ notAfter: new Date(clock.now() + 20.5 * 86_400_000).toISOString() }]));
    await run(report());
    await run(stripped());
    expect((await service.list()).map((s) => [s.watch.host, s.status])).toEqual([['mx.test', 'incident'], ['aaa.test', 'ok']]);
    expect((await service.summary('aaa.test'))?.certificateDaysLeft).toBe(20);
  });

  it('shows in history what changed between runs', async () => {
    const { service, run } = await setup(current().watches);
    await run(report());
    await run(stripped());
    const [latest, first] = await service.history('mx.test');
    expect(latest.changes).toEqual(expect.arrayContaining(['STARTTLS no longer advertised on 25']));
    expect(first.changes).toEqual([]);
  });
});
