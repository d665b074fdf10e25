import { openDatabase } from '../../src/storage/database';
import { IncidentStore } from '../../src/storage/incident-store';
import { WatchStore } from '../../src/storage/watch-store';
import type { ProblemSummary } from '../../src/watch/problems';

const problem: ProblemSummary = { key: 'starttls-not-advertised@25', id: 'starttls-not-advertised', severity: 'critical', ports: [25], title: 'no STARTTLS', evidence: [] };

function setup() {
  const db = openDatabase(':memory:');
  const watch = new WatchStore(db).upsert({ host: 'a.test', ports: [25], expectNames: [], intervalMs: 60_000, channel: 'C1', createdBy: 'U1' }, 0, 0);
  return { db, watch, incidents: new IncidentStore(db), watches: new WatchStore(db) };
}

describe('IncidentStore', () => {
  it('keeps at most one live incident per watch', () => {
    const { incidents, watch } = setup();
    const first = incidents.open({ watchId: watch.id, host: 'a.test', channel: 'C1', problems: [problem], changes: ['x'], resultId: 1, announced: true }, 100);
    expect(incidents.live(watch.id)).toMatchObject({ id: first.id, status: 'open', problems: [problem], changes: ['x'], announced: true, parentTs: null });
    expect(() => incidents.open({ watchId: watch.id, host: 'a.test', channel: 'C1', problems: [], changes: [], resultId: 2, announced: true }, 200)).toThrow(/UNIQUE/);
    expect(incidents.resolve(first.id, 'clean', 300)).toBe(true);
    expect(incidents.live(watch.id)).toBeUndefined();
    const second = incidents.open({ watchId: watch.id, host: 'a.test', channel: 'C1', problems: [], changes: [], resultId: 3, announced: false }, 400);
    expect(incidents.recent('a.test').map((i) => [i.id, i.status])).toEqual([[second.id, 'open'], [first.id, 'resolved']]);
  });

  it('acknowledges only an open incident, once, and finds an incident by its alert message', () => {
    const { incidents, watch } = setup();
    const i = incidents.open({ watchId: watch.id, host: 'a.test', channel: 'C1', problems: [], changes: [], resultId: 1, announced: true }, 100);
    expect(incidents.acknowledge(i.id, 'U2', 150)).toBe(true);
    expect(incidents.acknowledge(i.id, 'U3', 160)).toBe(false);
    expect(incidents.byId(i.id)).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'U2', acknowledgedAt: 150 });
    incidents.setParentTs(i.id, '1700000000.000100');
    expect(incidents.byParentTs('C1', '1700000000.000100')?.id).toBe(i.id);
    expect(incidents.byParentTs('C2', '1700000000.000100')).toBeUndefined();
    incidents.resolve(i.id, 'clean', 200);
    expect(incidents.acknowledge(i.id, 'U3', 210)).toBe(false);
    expect(incidents.resolve(i.id, 'clean', 220)).toBe(false);
    expect(incidents.byId(i.id)?.resolvedAt).toBe(200);
  });

  it('outlives its watch: removing the watch keeps the incident for history', () => {
    const { incidents, watches, watch } = setup();
    const i = incidents.open({ watchId: watch.id, host: 'a.test', channel: 'C1', problems: [], changes: [], resultId: 1, announced: true }, 100);
    watches.remove('a.test');
    expect(incidents.byId(i.id)).toMatchObject({ watchId: null, host: 'a.test' });
  });
});
