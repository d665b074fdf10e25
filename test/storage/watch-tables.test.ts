import type { Report } from '../../src/report/types';
import { watchStoreOf } from '../../src/slack/store-wiring';
import type { ProblemSummary } from '../../src/watch/problems';
import { initialWatchState } from '../../src/watch/watch-state';
import { describeEachStore } from '../helpers/stores';

const base = { ports: [25, 587], expectNames: ['mail.contoso.test'], intervalMs: 300_000, channel: 'C1', createdBy: 'U1' };
const claim = (token: string, leaseMs = 1000) => ({ token, leaseMs });
const problem: ProblemSummary = { key: 'starttls-not-advertised@25', id: 'starttls-not-advertised', severity: 'critical', ports: [25], title: 'no STARTTLS', evidence: [] };

function report(host: string, at: number, verdict: Report['verdict'] = 'ok'): Report {
  return { schemaVersion: 1, host, startedAt: new Date(at).toISOString(), durationMs: 5, platform: 'postfix', verdict, ports: [], findings: [] };
}

describeEachStore('watch store contract', (current) => {
  describe('watches', () => {
    it('adds, replaces, lists and removes watches by host', async () => {
      const { watches } = current().watches;
      await watches.upsert({ ...base, host: 'b.test' }, 1000, 2000);
      const w = await watches.upsert({ ...base, host: 'a.test' }, 1000, 2000);
      expect(w).toMatchObject({ host: 'a.test', ports: [25, 587], expectNames: ['mail.contoso.test'], nextRunAt: 2000, runningSince: null, createdAt: 1000 });
      await watches.upsert({ ...base, host: 'a.test', ports: [25] }, 1500, 3000);
      expect((await watches.list()).map((x) => [x.host, x.ports])).toEqual([['a.test', [25]], ['b.test', [25, 587]]]);
      expect((await watches.byId(w.id))?.host).toBe('a.test');
      expect(await watches.remove('a.test')).toBe(true);
      expect(await watches.remove('a.test')).toBe(false);
      expect(await watches.byHost('a.test')).toBeUndefined();
    });

    it("keeps a watch's --servername, and replaces it with the watch", async () => {
      const { watches } = current().watches;
      expect((await watches.upsert({ ...base, host: '192.0.2.25' }, 0, 100)).servername).toBeNull();
      expect((await watches.upsert({ ...base, host: '192.0.2.25', servername: 'mail.contoso.test' }, 0, 100)).servername).toBe('mail.contoso.test');
      expect((await watches.claimDue(100, 10, claim('t1')))[0].servername).toBe('mail.contoso.test');
      expect((await watches.upsert({ ...base, host: '192.0.2.25', servername: null }, 0, 100)).servername).toBeNull();
    });

    it('claims each due watch once until its run finishes, and ends a claim only with its token', async () => {
      const { watches } = current().watches;
      const w = await watches.upsert({ ...base, host: 'a.test' }, 0, 100);
      await watches.upsert({ ...base, host: 'later.test' }, 0, 10_000);
      expect(await watches.claimDue(50, 10, claim('t1'))).toEqual([]);
      expect((await watches.claimDue(100, 10, claim('t1'))).map((x) => [x.host, x.runningSince])).toEqual([['a.test', 100]]);
      expect(await watches.claimDue(200, 10, claim('t2'))).toEqual([]);
      expect(await watches.finishRun(w.id, 'not-mine', 250, 400)).toBe(false);
      expect(await watches.finishRun(w.id, 't1', 250, 400)).toBe(true);
      expect(await watches.byId(w.id)).toMatchObject({ runningSince: null, lastRunAt: 250, nextRunAt: 400 });
      expect(await watches.claimDue(300, 10, claim('t3'))).toEqual([]);
      expect((await watches.claimDue(400, 10, claim('t3'))).map((x) => x.host)).toEqual(['a.test']);
    });

    it('voids a claim whose lease ended: another run takes the watch, the first cannot finish it', async () => {
      const { watches } = current().watches;
      const w = await watches.upsert({ ...base, host: 'a.test' }, 0, 100);
      await watches.claimDue(100, 10, claim('dead', 1000));
      expect(await watches.claimDue(1099, 10, claim('other'))).toEqual([]);
      expect(await watches.nextDueAt()).toBe(1100);
      expect((await watches.claimDue(1100, 10, claim('other'))).map((x) => x.id)).toEqual([w.id]);
      expect(await watches.finishRun(w.id, 'dead', 1200, 5000)).toBe(false);
      expect(await watches.finishRun(w.id, 'other', 1200, 5000)).toBe(true);
    });

    it('renews the claims of every listed token in one call, and only those', async () => {
      const { watches } = current().watches;
      const a = await watches.upsert({ ...base, host: 'a.test' }, 0, 100);
      const b = await watches.upsert({ ...base, host: 'b.test' }, 0, 100);
      const c = await watches.upsert({ ...base, host: 'c.test' }, 0, 100);
      await watches.claimDue(100, 1, claim('t1'));
      await watches.claimDue(100, 1, claim('t2'));
      await watches.claimDue(100, 1, claim('t3'));
      expect(await watches.renew([], 9000)).toBe(0);
      expect(await watches.renew(['t1', 't3'], 9000)).toBe(2);
      const taken = await watches.claimDue(1100, 10, claim('other'));
      expect(taken.map((x) => x.id)).toEqual([b.id]);
      expect(await watches.finishRun(a.id, 't1', 1200, 5000)).toBe(true);
      expect(await watches.finishRun(c.id, 't3', 1200, 5000)).toBe(true);
    });

    it('claims oldest due first, up to the limit, and releases a claim to a later time', async () => {
      const { watches } = current().watches;
      for (const [host, due] of [['c.test', 30], ['a.test', 10], ['b.test', 20]] as const) await watches.upsert({ ...base, host }, 0, due);
      const first = await watches.claimDue(100, 2, claim('t1'));
      expect(first.map((x) => x.host)).toEqual(['a.test', 'b.test']);
      await watches.release(first[0].id, 't1', 3000);
      expect(await watches.byId(first[0].id)).toMatchObject({ runningSince: null, nextRunAt: 3000, lastRunAt: null });
      expect((await watches.claimDue(100, 10, claim('t2'))).map((x) => x.host)).toEqual(['c.test']);
    });

    it('releases every claim at once (a store one process owns, after a crash)', async () => {
      const { watches } = current().watches;
      await watches.upsert({ ...base, host: 'a.test' }, 0, 100);
      await watches.claimDue(100, 10, claim('crashed', 60_000));
      expect(await watches.releaseAll(500)).toBe(1);
      expect((await watches.claimDue(500, 10, claim('t2'))).map((x) => x.host)).toEqual(['a.test']);
    });

    it('re-runs now a watch that is not running, and says when the next one is due', async () => {
      const { watches } = current().watches;
      await watches.upsert({ ...base, host: 'a.test' }, 0, 1000);
      await watches.upsert({ ...base, host: 'b.test' }, 0, 5000);
      expect(await watches.nextDueAt()).toBe(1000);
      expect(await watches.runNow('a.test', 10)).toBe(true);
      expect(await watches.nextDueAt()).toBe(10);
      await watches.claimDue(10, 10, claim('t1', 100_000));
      expect(await watches.runNow('a.test', 20)).toBe(false);
      expect(await watches.runNow('nobody.test', 20)).toBe(false);
      expect(await watches.nextDueAt()).toBe(5000);
      expect(await watches.mute('b.test', 9000)).toBe(true);
      expect((await watches.byHost('b.test'))?.mutedUntil).toBe(9000);
    });

    it('gives each due watch to exactly one of two handles claiming at once (two replicas)', async () => {
      const t = current();
      const other = watchStoreOf(await t.again());
      for (let i = 0; i < 40; i++) await t.watches.watches.upsert({ ...base, host: `h${i}.test` }, 0, 100 + i);
      const claims = await Promise.all([0, 1, 2, 3].map((i) => (i % 2 === 0 ? t.watches : other).watches.claimDue(1000, 15, claim(`r${i}`))));
      const ids = claims.flat().map((w) => w.id);
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
    });
  });

  describe('results and states', () => {
    it('returns a host’s results newest first with the report intact, and prunes to the newest N per host', async () => {
      const { results } = current().watches;
      for (let i = 0; i < 5; i++) await results.save(report('a.test', i * 1000, i === 4 ? 'critical' : 'ok'));
      await results.save(report('b.test', 0));
      const recent = await results.recent('a.test', 2);
      expect(recent.map((r) => [r.startedAt, r.verdict])).toEqual([[4000, 'critical'], [3000, 'ok']]);
      expect(recent[0].report).toEqual(report('a.test', 4000, 'critical'));
      expect((await results.byId(recent[1].id))?.report.startedAt).toBe(new Date(3000).toISOString());
      expect(await results.prune(2)).toBe(3);
      expect((await results.recent('a.test')).map((r) => r.startedAt)).toEqual([4000, 3000]);
      expect(await results.recent('b.test')).toHaveLength(1);
    });

    it('keeps a watch’s state, and drops it with the watch', async () => {
      const { watches, states } = current().watches;
      const w = await watches.upsert({ ...base, host: 'a.test' }, 0, 0);
      expect(await states.get(w.id)).toBeUndefined();
      const state = { ...initialWatchState(), consecutiveUnreachable: 2, expiryFired: { AB: [30] } };
      await states.put(w.id, state);
      await states.put(w.id, { ...state, consecutiveUnreachable: 3 });
      expect(await states.get(w.id)).toEqual({ ...state, consecutiveUnreachable: 3 });
      await watches.remove('a.test');
      expect(await states.get(w.id)).toBeUndefined();
    });
  });

  describe('incidents', () => {
    const open = async () => {
      const { watches, incidents } = current().watches;
      const watch = await watches.upsert({ ...base, host: 'a.test' }, 0, 0);
      const incident = await incidents.open({ watchId: watch.id, host: 'a.test', channel: 'C1', problems: [problem], changes: ['x'], resultId: 1, announced: true }, 100);
      return { watch, incident, incidents, watches };
    };

    it("keeps the watch's servername with the incident (null: the host itself)", async () => {
      const { watches, incidents } = current().watches;
      const named = await watches.upsert({ ...base, host: '192.0.2.25', servername: 'mail.contoso.test' }, 0, 0);
      const plain = await watches.upsert({ ...base, host: 'b.test' }, 0, 0);
      const a = await incidents.open({ watchId: named.id, host: named.host, servername: named.servername, channel: 'C1', problems: [], changes: [], resultId: 1, announced: true }, 100);
      const b = await incidents.open({ watchId: plain.id, host: plain.host, channel: 'C1', problems: [], changes: [], resultId: 2, announced: true }, 100);
      expect(a.servername).toBe('mail.contoso.test');
      expect((await incidents.byId(a.id))?.servername).toBe('mail.contoso.test');
      expect((await incidents.byId(b.id))?.servername).toBeNull();
    });

    it('keeps at most one live incident per watch', async () => {
      const { watch, incident, incidents } = await open();
      expect(await incidents.live(watch.id)).toMatchObject({ id: incident.id, status: 'open', problems: [problem], changes: ['x'], announced: true, parentTs: null, openedAt: 100 });
      // (The engines' own error classes: compared by message, not through jest's realm-bound instanceof.)
      const refused = await incidents.open({ watchId: watch.id, host: 'a.test', channel: 'C1', problems: [], changes: [], resultId: 2, announced: true }, 200).then(
        () => 'opened a second live incident',
        (err: Error) => err.message,
      );
      expect(refused).toMatch(/unique/i);
      expect(await incidents.resolve(incident.id, 'clean', 300)).toBe(true);
      expect(await incidents.live(watch.id)).toBeUndefined();
      const second = await incidents.open({ watchId: watch.id, host: 'a.test', channel: 'C1', problems: [], changes: [], resultId: 3, announced: false }, 400);
      expect((await incidents.recent('a.test')).map((i) => [i.id, i.status, i.announced])).toEqual([
        [second.id, 'open', false],
        [incident.id, 'resolved', true],
      ]);
    });

    it('acknowledges only an open incident, once, and finds an incident by its alert message', async () => {
      const { incident: i, incidents } = await open();
      expect(await incidents.acknowledge(i.id, 'U2', 150)).toBe(true);
      expect(await incidents.acknowledge(i.id, 'U3', 160)).toBe(false);
      expect(await incidents.byId(i.id)).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'U2', acknowledgedAt: 150 });
      await incidents.setParentTs(i.id, '1700000000.000100');
      expect((await incidents.byParentTs('C1', '1700000000.000100'))?.id).toBe(i.id);
      expect(await incidents.byParentTs('C2', '1700000000.000100')).toBeUndefined();
      await incidents.setProblems(i.id, [], ['fixed'], 7, 170);
      await incidents.announce(i.id, 'C9', 180);
      expect(await incidents.byId(i.id)).toMatchObject({ problems: [], changes: ['fixed'], lastResultId: 7, channel: 'C9', updatedAt: 180 });
      await incidents.resolve(i.id, 'clean', 200);
      expect(await incidents.acknowledge(i.id, 'U3', 210)).toBe(false);
      expect(await incidents.resolve(i.id, 'clean', 220)).toBe(false);
      expect((await incidents.byId(i.id))?.resolvedAt).toBe(200);
    });

    it('outlives its watch: removing the watch keeps the incident for history', async () => {
      const { incident, incidents, watches } = await open();
      await watches.remove('a.test');
      expect(await incidents.byId(incident.id)).toMatchObject({ watchId: null, host: 'a.test' });
    });
  });

  describe('outbox', () => {
    const setup = async () => {
      const { watches, incidents, outbox } = current().watches;
      const watch = await watches.upsert({ ...base, host: 'a.test' }, 0, 0);
      const incident = await incidents.open({ watchId: watch.id, host: 'a.test', channel: 'C1', problems: [], changes: [], resultId: 1, announced: true }, 0);
      const other = await incidents.open({ watchId: (await watches.upsert({ ...base, host: 'b.test' }, 0, 0)).id, host: 'b.test', channel: 'C1', problems: [], changes: [], resultId: 1, announced: true }, 0);
      return { outbox, incident, other };
    };

    it('hands out due messages oldest first, one per incident at a time, so a thread goes in order', async () => {
      const { outbox, incident, other } = await setup();
      const a1 = await outbox.enqueue({ incidentId: incident.id, channel: 'C1', op: 'post', payload: { kind: 'alert', resultId: 1, unreachableRuns: 0 } }, 100);
      const a2 = await outbox.enqueue({ incidentId: incident.id, channel: 'C1', op: 'reply', payload: { kind: 'incident-acknowledged', userId: 'U1' } }, 100);
      const b1 = await outbox.enqueue({ incidentId: other.id, channel: 'C1', op: 'post', payload: { kind: 'alert', resultId: 1, unreachableRuns: 0 } }, 100);
      const n = await outbox.enqueue({ incidentId: null, channel: 'C1', op: 'post', payload: { kind: 'notices', host: 'a.test', notices: [], resultId: 1 } }, 100);
      expect((await outbox.claimDue(100, 10, claim('s1'))).map((m) => m.id)).toEqual([a1, b1, n]);
      // Claimed: nobody else gets them while the claim lasts.
      expect(await outbox.claimDue(100, 10, claim('s2'))).toEqual([]);
      await outbox.markInFlight(a1, 100);
      await outbox.markSent(a1, '1.1', 110);
      await outbox.retryAt(b1, 500, 'HTTP 503');
      await outbox.fail(n, 'channel_not_found');
      expect((await outbox.claimDue(120, 10, claim('s3'))).map((m) => m.id)).toEqual([a2]);
      expect(await outbox.byId(a1)).toMatchObject({ status: 'sent', ts: '1.1', sentAt: 110, attempts: 1, inFlightSince: null, claimedUntil: null });
      expect(await outbox.byId(b1)).toMatchObject({ status: 'pending', nextAttemptAt: 500, lastError: 'HTTP 503', claimedUntil: null });
      expect(await outbox.byId(n)).toMatchObject({ status: 'failed', lastError: 'channel_not_found' });
    });

    it('gives a claimed message to another sender once the claim has ended, and reports it as interrupted', async () => {
      const { outbox } = await setup();
      const id = await outbox.enqueue({ incidentId: null, channel: 'C1', op: 'post', payload: { kind: 'status' } }, 100);
      await outbox.claimDue(100, 10, claim('dead', 1000));
      await outbox.markInFlight(id, 100);
      expect(await outbox.interrupted(500)).toEqual([]);
      expect(await outbox.nextAttemptAt()).toBe(1100);
      expect(await outbox.interrupted(1100)).toEqual([id]);
      expect((await outbox.claimDue(1100, 10, claim('alive'))).map((m) => m.id)).toEqual([id]);
    });

    it('queues one parent refresh per incident at a time, and says when the next message is due', async () => {
      const { outbox, incident } = await setup();
      const first = await outbox.enqueueStatusUpdate(incident.id, 'C1', 100, { kind: 'status' });
      expect(first).toBeDefined();
      expect(await outbox.enqueueStatusUpdate(incident.id, 'C1', 110, { kind: 'status' })).toBeUndefined();
      await outbox.claimDue(120, 10, claim('s1'));
      expect(await outbox.enqueueStatusUpdate(incident.id, 'C1', 130, { kind: 'status' })).toBeDefined();
      expect(await outbox.nextAttemptAt()).toBe(130);
      expect((await outbox.byId(first!))?.payload).toEqual({ kind: 'status' });
    });

    it('prunes only finished messages older than the cut-off', async () => {
      const { outbox } = await setup();
      const old = await outbox.enqueue({ incidentId: null, channel: 'C1', op: 'post', payload: { kind: 'status' } }, 10);
      await outbox.enqueue({ incidentId: null, channel: 'C1', op: 'post', payload: { kind: 'status' } }, 10);
      await outbox.markSent(old, '1.1', 20);
      expect(await outbox.prune(100)).toBe(1);
      expect(await outbox.all()).toHaveLength(1);
    });

    it('gives each message to exactly one of two handles claiming at once (two replicas)', async () => {
      const t = current();
      const other = watchStoreOf(await t.again());
      for (let i = 0; i < 30; i++) await t.watches.outbox.enqueue({ incidentId: null, channel: 'C1', op: 'post', payload: { kind: 'status' } }, 100);
      const claims = await Promise.all([0, 1, 2].map((i) => (i % 2 === 0 ? t.watches : other).outbox.claimDue(200, 12, claim(`s${i}`))));
      const ids = claims.flat().map((m) => m.id);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
    });
  });

  describe('transactions', () => {
    it('commits when the callback resolves and rolls everything back when it throws', async () => {
      const store = current().watches;
      await store.transaction(async (tx) => {
        await tx.watches.upsert({ ...base, host: 'kept.test' }, 0, 0);
      });
      await expect(
        store.transaction(async (tx) => {
          const w = await tx.watches.upsert({ ...base, host: 'gone.test' }, 0, 0);
          await tx.states.put(w.id, initialWatchState());
          await tx.outbox.enqueue({ incidentId: null, channel: 'C1', op: 'post', payload: { kind: 'status' } }, 0);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect((await store.watches.list()).map((w) => w.host)).toEqual(['kept.test']);
      expect(await store.outbox.all()).toEqual([]);
    });

    it('keeps statements from outside a transaction out of it while it is open', async () => {
      const store = current().watches;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const tx = store
        .transaction(async (t) => {
          await t.watches.upsert({ ...base, host: 'inside.test' }, 0, 0);
          await gate;
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      const outside = store.watches.upsert({ ...base, host: 'outside.test' }, 0, 0);
      release();
      await tx;
      await outside;
      expect((await store.watches.list()).map((w) => w.host)).toEqual(['outside.test']);
    });
  });
});
