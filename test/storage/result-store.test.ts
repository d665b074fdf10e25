import { openDatabase } from '../../src/storage/database';
import { ResultStore } from '../../src/storage/result-store';
import type { Report } from '../../src/report/types';

function report(host: string, at: number, verdict: Report['verdict'] = 'ok'): Report {
  return { schemaVersion: 1, host, startedAt: new Date(at).toISOString(), durationMs: 5, platform: 'postfix', verdict, ports: [], findings: [] };
}

describe('ResultStore', () => {
  it('returns a host’s results newest first, with the report intact', () => {
    const store = new ResultStore(openDatabase(':memory:'));
    store.save(report('a.test', 1000));
    store.save(report('a.test', 3000, 'critical'));
    store.save(report('b.test', 2000));
    const recent = store.recent('a.test');
    expect(recent.map((r) => [r.startedAt, r.verdict])).toEqual([[3000, 'critical'], [1000, 'ok']]);
    expect(recent[0].report).toEqual(report('a.test', 3000, 'critical'));
  });

  it('prunes to the newest N per host', () => {
    const store = new ResultStore(openDatabase(':memory:'));
    for (let i = 0; i < 5; i++) store.save(report('a.test', i * 1000));
    store.save(report('b.test', 0));
    expect(store.prune(2)).toBe(3);
    expect(store.recent('a.test').map((r) => r.startedAt)).toEqual([4000, 3000]);
    expect(store.recent('b.test')).toHaveLength(1);
  });
});
