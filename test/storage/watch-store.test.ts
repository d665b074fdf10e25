import { openDatabase } from '../../src/storage/database';
import { WatchStore } from '../../src/storage/watch-store';

const base = { ports: [25, 587], expectNames: ['mail.contoso.test'], intervalMs: 300_000, channel: 'C1', createdBy: 'U1' };

describe('WatchStore', () => {
  it('adds, replaces, lists and removes watches by host', () => {
    const store = new WatchStore(openDatabase(':memory:'));
    store.upsert({ ...base, host: 'b.test' }, 1000, 2000);
    const w = store.upsert({ ...base, host: 'a.test' }, 1000, 2000);
    expect(w).toMatchObject({ host: 'a.test', ports: [25, 587], expectNames: ['mail.contoso.test'], nextRunAt: 2000, runningSince: null });
    store.upsert({ ...base, host: 'a.test', ports: [25] }, 1500, 3000);
    expect(store.list().map((x) => [x.host, x.ports])).toEqual([['a.test', [25]], ['b.test', [25, 587]]]);
    expect(store.remove('a.test')).toBe(true);
    expect(store.remove('a.test')).toBe(false);
  });

  it('keeps a watch\'s --servername, and replaces it with the watch', () => {
    const store = new WatchStore(openDatabase(':memory:'));
    expect(store.upsert({ ...base, host: '192.0.2.25' }, 0, 100).servername).toBeNull();
    expect(store.upsert({ ...base, host: '192.0.2.25', servername: 'mail.contoso.test' }, 0, 100).servername).toBe('mail.contoso.test');
    expect(store.claimDue(100, 10)[0].servername).toBe('mail.contoso.test');
    expect(store.upsert({ ...base, host: '192.0.2.25', servername: null }, 0, 100).servername).toBeNull();
  });

  it('claims each due watch once until its run finishes', () => {
    const store = new WatchStore(openDatabase(':memory:'));
    const w = store.upsert({ ...base, host: 'a.test' }, 0, 100);
    store.upsert({ ...base, host: 'later.test' }, 0, 10_000);
    expect(store.claimDue(50, 10)).toEqual([]);
    expect(store.claimDue(100, 10).map((x) => x.host)).toEqual(['a.test']);
    expect(store.claimDue(200, 10)).toEqual([]);
    store.finishRun(w.id, 250, 400);
    expect(store.claimDue(300, 10)).toEqual([]);
    expect(store.claimDue(400, 10).map((x) => x.host)).toEqual(['a.test']);
  });

  it('makes runs interrupted by a crash due again', () => {
    const store = new WatchStore(openDatabase(':memory:'));
    store.upsert({ ...base, host: 'a.test' }, 0, 100);
    store.claimDue(100, 10);
    expect(store.releaseStale(500)).toBe(1);
    expect(store.claimDue(500, 10).map((x) => x.host)).toEqual(['a.test']);
  });
});

describe('WatchStore scheduling helpers', () => {
  it('re-runs now a watch that is not running, and says when the next one is due', () => {
    const store = new WatchStore(openDatabase(':memory:'));
    const w = store.upsert({ ...base, host: 'a.test' }, 0, 1000);
    store.upsert({ ...base, host: 'b.test' }, 0, 5000);
    expect(store.nextDueAt()).toBe(1000);
    expect(store.runNow('a.test', 10)).toBe(true);
    expect(store.nextDueAt()).toBe(10);
    expect(store.claimDue(10, 10).map((x) => x.host)).toEqual(['a.test']);
    expect(store.runNow('a.test', 20)).toBe(false);
    expect(store.nextDueAt()).toBe(5000);
    store.release(w.id, 3000);
    expect(store.byId(w.id)).toMatchObject({ runningSince: null, nextRunAt: 3000, lastRunAt: null });
    expect(store.runNow('nope.test', 20)).toBe(false);
  });
});
