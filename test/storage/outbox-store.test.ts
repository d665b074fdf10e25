import { openDatabase } from '../../src/storage/database';
import { IncidentStore } from '../../src/storage/incident-store';
import { OutboxStore } from '../../src/storage/outbox-store';
import { WatchStore } from '../../src/storage/watch-store';

function setup() {
  const db = openDatabase(':memory:');
  const watch = new WatchStore(db).upsert({ host: 'a.test', ports: [25], expectNames: [], intervalMs: 60_000, channel: 'C1', createdBy: 'U1' }, 0, 0);
  const incident = new IncidentStore(db).open({ watchId: watch.id, host: 'a.test', channel: 'C1', problems: [], changes: [], resultId: 1, announced: true }, 0);
  return { outbox: new OutboxStore(db), incident };
}

describe('OutboxStore', () => {
  it('hands out due pending messages oldest first, and retries later ones at their time', () => {
    const { outbox, incident } = setup();
    const a = outbox.enqueue({ incidentId: incident.id, channel: 'C1', op: 'post', payload: { kind: 'incident-acknowledged', userId: 'U1' } }, 100);
    const b = outbox.enqueue({ incidentId: null, channel: 'C1', op: 'post', payload: { kind: 'notices', host: 'a.test', notices: [], resultId: 1 } }, 100);
    expect(outbox.due(100).map((m) => m.id)).toEqual([a, b]);
    outbox.markInFlight(a, 100);
    outbox.retryAt(a, 500, 'HTTP 503');
    expect(outbox.due(200).map((m) => m.id)).toEqual([b]);
    expect(outbox.byId(a)).toMatchObject({ attempts: 1, inFlightSince: null, lastError: 'HTTP 503', nextAttemptAt: 500 });
    expect(outbox.hasPendingBefore(incident.id, a + 10)).toBe(true);
    outbox.markSent(b, '1.2', 200);
    expect(outbox.nextAttemptAt()).toBe(500);
    outbox.fail(a, 'channel_not_found');
    expect(outbox.due(1000)).toEqual([]);
    expect(outbox.nextAttemptAt()).toBeUndefined();
    expect(outbox.byId(b)).toMatchObject({ status: 'sent', ts: '1.2', sentAt: 200 });
  });

  it('queues one parent refresh per incident at a time (it renders the status when sent)', () => {
    const { outbox, incident } = setup();
    const first = outbox.enqueueStatusUpdate(incident.id, 'C1', 100);
    expect(first).toBeDefined();
    expect(outbox.enqueueStatusUpdate(incident.id, 'C1', 110)).toBeUndefined();
    outbox.markInFlight(first!, 120);
    expect(outbox.enqueueStatusUpdate(incident.id, 'C1', 130)).toBeDefined();
  });

  it('prunes only finished messages older than the cut-off', () => {
    const { outbox } = setup();
    const old = outbox.enqueue({ incidentId: null, channel: 'C1', op: 'post', payload: { kind: 'status' } }, 10);
    outbox.enqueue({ incidentId: null, channel: 'C1', op: 'post', payload: { kind: 'status' } }, 10);
    outbox.markSent(old, '1.1', 20);
    expect(outbox.prune(100)).toBe(1);
    expect(outbox.all()).toHaveLength(1);
  });
});
