import { openDatabase } from '../../src/storage/database';
import { OutboxDispatcher, type RenderOutbox } from '../../src/watch/outbox-dispatcher';
import { classifyPostFailure } from '../../src/watch/slack-poster';
import { watchStores, type WatchStores } from '../../src/watch/watch-stores';
import { FakeClock, fixedRandom } from './helpers/fake-clock';
import { FakePoster, slackErrors } from './helpers/fake-poster';

const render: RenderOutbox = (m, incident) => ({ text: `${m.payload.kind}:${incident?.status ?? '-'}`, blocks: [] });

function setup() {
  const stores = watchStores(openDatabase(':memory:'));
  const clock = new FakeClock(1_000_000);
  const poster = new FakePoster();
  const warnings: string[] = [];
  const dispatcher = new OutboxDispatcher({
    stores,
    poster,
    render,
    clock,
    random: fixedRandom(0.5),
    backoff: { baseMs: 1000, maxMs: 60_000 },
    logger: { info: () => undefined, warn: (m) => warnings.push(m) },
  });
  return { stores, clock, poster, dispatcher, warnings };
}

/** An incident with its alert, a reply and a parent refresh queued, as the scheduler leaves them. */
function queueIncident(stores: WatchStores, host: string, now: number) {
  const watch = stores.watches.upsert({ host, ports: [25], expectNames: [], intervalMs: 60_000, channel: 'COPS', createdBy: 'U1' }, now, now);
  const incident = stores.incidents.open({ watchId: watch.id, host, channel: 'COPS', problems: [], changes: [], resultId: 1, announced: true }, now);
  stores.outbox.enqueue({ incidentId: incident.id, channel: 'COPS', op: 'post', payload: { kind: 'alert', resultId: 1, unreachableRuns: 0 } }, now);
  stores.outbox.enqueue({ incidentId: incident.id, channel: 'COPS', op: 'reply', payload: { kind: 'incident-acknowledged', userId: 'U2' } }, now);
  stores.outbox.enqueueStatusUpdate(incident.id, 'COPS', now);
  return incident;
}

describe('OutboxDispatcher', () => {
  it('posts the alert, threads the reply under it and updates the parent in place', async () => {
    const { stores, clock, poster, dispatcher } = setup();
    const incident = queueIncident(stores, 'a.test', clock.now());
    expect(await dispatcher.drain()).toEqual({ sent: 3, retrying: 0, failed: 0 });
    const [alert, reply, update] = poster.calls;
    expect(alert).toMatchObject({ method: 'post', channel: 'COPS', text: 'alert:open' });
    expect(alert.threadTs).toBeUndefined();
    expect(reply).toMatchObject({ method: 'post', threadTs: alert.ts, text: 'incident-acknowledged:open' });
    expect(update).toMatchObject({ method: 'update', ts: alert.ts });
    expect(stores.incidents.byId(incident.id)?.parentTs).toBe(alert.ts);
  });

  it('never sends a message twice once Slack has taken it', async () => {
    const { stores, clock, poster, dispatcher } = setup();
    queueIncident(stores, 'a.test', clock.now());
    await dispatcher.drain();
    clock.advance(3_600_000);
    expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(poster.calls).toHaveLength(3);
  });

  it('waits out a 429 for as long as Retry-After says, for every message, then sends in order', async () => {
    const { stores, clock, poster, dispatcher } = setup();
    queueIncident(stores, 'a.test', clock.now());
    stores.outbox.enqueue({ incidentId: null, channel: 'COPS', op: 'post', payload: { kind: 'notices', host: 'b.test', notices: [], resultId: 2 } }, clock.now());
    poster.failNext(slackErrors.rateLimited(7));
    expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(poster.calls).toEqual([]);
    clock.advance(6_999);
    expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(poster.calls).toEqual([]);
    clock.advance(1);
    expect((await dispatcher.drain()).sent).toBe(4);
    expect(poster.calls.map((c) => c.text)).toEqual(['alert:open', 'incident-acknowledged:open', 'status:open', 'notices:-']);
    expect(poster.calls[1].threadTs).toBe(poster.calls[0].ts);
  });

  it('retries 5xx and network failures with growing backoff, keeping the incident\'s order while other incidents go ahead', async () => {
    const { stores, clock, poster, dispatcher } = setup();
    queueIncident(stores, 'a.test', clock.now());
    const other = queueIncident(stores, 'b.test', clock.now());
    poster.failNext(slackErrors.http(503));
    expect(await dispatcher.drain()).toEqual({ sent: 3, retrying: 1, failed: 0 });
    expect(poster.calls.every((c) => c.channel === 'COPS')).toBe(true);
    expect(stores.incidents.byId(other.id)?.parentTs).toBe(poster.calls[0].ts);
    const first = stores.outbox.all()[0];
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 503', nextAttemptAt: clock.now() + 1000 });
    poster.failNext(slackErrors.network());
    clock.advance(1000);
    expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(stores.outbox.byId(first.id)).toMatchObject({ attempts: 2, nextAttemptAt: clock.now() + 2000 });
    clock.advance(2000);
    expect(await dispatcher.drain()).toEqual({ sent: 3, retrying: 0, failed: 0 });
    const [alert, reply] = poster.calls.slice(3);
    expect(alert.text).toBe('alert:open');
    expect(reply.threadTs).toBe(alert.ts);
  });

  it('gives up on a message Slack refuses for good; the thread\'s later messages go to the channel, the refresh is dropped', async () => {
    const { stores, clock, poster, dispatcher, warnings } = setup();
    queueIncident(stores, 'a.test', clock.now());
    poster.failNext(slackErrors.platform('channel_not_found'));
    expect(await dispatcher.drain()).toEqual({ sent: 2, retrying: 0, failed: 1 });
    expect(stores.outbox.all().map((m) => m.status)).toEqual(['failed', 'sent', 'sent']);
    expect(poster.calls).toEqual([expect.objectContaining({ method: 'post', text: 'incident-acknowledged:open' })]);
    expect(poster.calls[0].threadTs).toBeUndefined();
    expect(warnings).toContain('Slack refused a queued message');
  });

  it('resends after a restart a message that was mid-send (at least once), and says so', async () => {
    const { stores, clock, poster, dispatcher, warnings } = setup();
    const id = stores.outbox.enqueue({ incidentId: null, channel: 'COPS', op: 'post', payload: { kind: 'notices', host: 'a.test', notices: [], resultId: 1 } }, clock.now());
    stores.outbox.markInFlight(id, clock.now());
    dispatcher.start();
    await dispatcher.stop();
    expect(warnings[0]).toMatch(/interrupted mid-send/);
    expect((await dispatcher.drain()).sent).toBe(1);
    expect(poster.calls).toHaveLength(1);
  });
});

describe('classifyPostFailure', () => {
  it('reads WebClient errors by their codes', () => {
    expect(classifyPostFailure(slackErrors.rateLimited(30))).toEqual({ kind: 'rate-limited', retryAfterMs: 30_000, detail: 'rate limited (Retry-After 30s)' });
    expect(classifyPostFailure(slackErrors.http(500)).kind).toBe('transient');
    expect(classifyPostFailure(slackErrors.http(404)).kind).toBe('permanent');
    expect(classifyPostFailure(slackErrors.platform('internal_error')).kind).toBe('transient');
    expect(classifyPostFailure(slackErrors.platform('invalid_blocks')).kind).toBe('permanent');
    expect(classifyPostFailure(new Error('boom')).kind).toBe('transient');
  });
});
