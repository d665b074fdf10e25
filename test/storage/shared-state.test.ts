import { RateLimiter } from '../../src/admission/rate-limiter';
import { describeEachStore } from '../helpers/stores';

describeEachStore('shared state contract', (current) => {
  it('keeps documents by namespace and key, replaced on put, pruned by age', async () => {
    let now = 1000;
    const { store } = current();
    const reports = store.documents<{ host: string; n: number }>('report', () => now);
    const domains = store.documents<{ domain: string }>('domain-report', () => now);
    await reports.put('C1/1.1', { host: 'a.test', n: 1 });
    await domains.put('C1/1.1', { domain: 'contoso.test' });
    now = 5000;
    await reports.put('C1/2.2', { host: 'b.test', n: 1 });
    await reports.put('C1/2.2', { host: 'b.test', n: 2 });
    expect(await reports.get('C1/1.1')).toEqual({ host: 'a.test', n: 1 });
    expect(await reports.get('C1/2.2')).toEqual({ host: 'b.test', n: 2 });
    expect(await domains.get('C1/1.1')).toEqual({ domain: 'contoso.test' });
    expect(await reports.get('C1/3.3')).toBeUndefined();
    // Reports are kept 90 days.
    await store.prune(1000 + 90 * 86_400_000 + 1);
    expect(await reports.get('C1/1.1')).toBeUndefined();
    expect(await reports.get('C1/2.2')).toEqual({ host: 'b.test', n: 2 });
  });

  it('says a delivery key is new exactly once within its TTL, across two handles (replicas)', async () => {
    let now = 1000;
    const t = current();
    const mine = t.store.seenKeys(60_000, () => now);
    const theirs = (await t.again()).seenKeys(60_000, () => now);
    const answers = await Promise.all([mine.firstTime('command:T1'), theirs.firstTime('command:T1'), mine.firstTime('command:T1'), theirs.firstTime('command:T1')]);
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(await theirs.firstTime('command:T2')).toBe(true);
    now += 60_000;
    expect(await mine.firstTime('command:T1')).toBe(true);
    expect(await theirs.firstTime('command:T1')).toBe(false);
  });

  it('holds a per-user rate limit across two handles (replicas) hitting it at once', async () => {
    let now = 1_000_000;
    const t = current();
    const here = new RateLimiter({ checks: 3, perSeconds: 60 }, t.store.rateWindows, () => now);
    const there = new RateLimiter({ checks: 3, perSeconds: 60 }, (await t.again()).rateWindows, () => now);
    const outcomes = await Promise.allSettled([here, there, here, there, here, there].map((l) => l.take('U1')));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'POLICY_RATE_LIMITED', message: expect.stringContaining('try again in 60 s') } });
    await here.take('U2');
    now += 60_000;
    await expect(there.take('U1')).resolves.toBeUndefined();
  });

  it('lets at most N holders probe a destination at once, across handles, and frees a dead holder’s slot at its lease end', async () => {
    const t = current();
    const slots = [t.store.destinationSlots, (await t.again()).destinationSlots];
    const taken = await Promise.all([0, 1, 2, 3].map((i) => slots[i % 2].tryAcquire('mx.test', `h${i}`, 2, 1000, 500)));
    expect(taken.filter((s) => s !== undefined).sort()).toEqual([0, 1]);
    expect(await slots[0].held('mx.test', 1000)).toBe(2);
    expect(await slots[1].tryAcquire('other.test', 'h9', 2, 1000, 500)).toBe(0);
    const holder = `h${taken.indexOf(0)}`;
    await slots[1].release('mx.test', 0, 'not-the-holder');
    expect(await slots[0].tryAcquire('mx.test', 'h5', 2, 1000, 500)).toBeUndefined();
    await slots[1].release('mx.test', 0, holder);
    expect(await slots[0].tryAcquire('mx.test', 'h5', 2, 1200, 500)).toBe(0);
    // The other holder died: its slot frees when its lease ends.
    expect(await slots[0].tryAcquire('mx.test', 'h6', 2, 1499, 500)).toBeUndefined();
    expect(await slots[0].tryAcquire('mx.test', 'h6', 2, 1500, 500)).toBe(1);
  });

  it('answers a ping', async () => {
    await expect(current().store.ping()).resolves.toBeUndefined();
  });
});
