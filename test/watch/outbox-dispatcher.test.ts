import { describeEachStore } from '../helpers/stores';
import type { SlackMessage } from '../../src/slack/blocks/message';
import { OutboxDispatcher, type RenderOutbox } from '../../src/watch/outbox-dispatcher';
import { classifyPostFailure } from '../../src/slack/slack-poster';
import type { WatchStore } from '../../src/watch/watch-store';
import { FakeClock, fixedRandom } from './helpers/fake-clock';
import { FakePoster, slackErrors } from './helpers/fake-poster';

const render: RenderOutbox<SlackMessage> = (m, incident) => ({ text: `${m.payload.kind}:${incident?.status ?? '-'}`, blocks: [] });

function setup(store: WatchStore) {
  const clock = new FakeClock(1_000_000);
  const poster = new FakePoster();
  const warnings: string[] = [];
  const dispatcher = new OutboxDispatcher({
    store,
    poster,
    render,
    clock,
    random: fixedRandom(0.5),
    backoff: { baseMs: 1000, maxMs: 60_000 },
    logger: { info: () => undefined, warn: (m) => warnings.push(m) },
  });
  return { store, clock, poster, dispatcher, warnings };
}

/** An incident with its alert, a reply and a parent refresh queued, as the scheduler leaves them. */
async function queueIncident(store: WatchStore, host: string, now: number) {
  const watch = await store.watches.upsert({ host, ports: [25], expectNames: [], intervalMs: 60_000, channel: 'COPS', createdBy: 'U1' }, now, now);
  const incident = await store.incidents.open({ watchId: watch.id, host, channel: 'COPS', problems: [], changes: [], resultId: 1, announced: true }, now);
  await store.outbox.enqueue({ incidentId: incident.id, channel: 'COPS', op: 'post', payload: { kind: 'alert', resultId: 1, unreachableRuns: 0 } }, now);
  await store.outbox.enqueue({ incidentId: incident.id, channel: 'COPS', op: 'reply', payload: { kind: 'incident-acknowledged', userId: 'U2' } }, now);
  await store.outbox.enqueueStatusUpdate(incident.id, 'COPS', now, { kind: 'status' });
  return incident;
}

describeEachStore('OutboxDispatcher', (current) => {
  it('posts the alert, threads the reply under it and updates the parent in place', async () => {
    const { store, clock, poster, dispatcher } = setup(current().watches);
    const incident = await queueIncident(store, 'a.test', clock.now());
    expect(await dispatcher.drain()).toEqual({ sent: 3, retrying: 0, failed: 0 });
    const [alert, reply, update] = poster.calls;
    expect(alert).toMatchObject({ method: 'post', channel: 'COPS', text: 'alert:open' });
    expect(alert.threadTs).toBeUndefined();
    expect(reply).toMatchObject({ method: 'post', threadTs: alert.ts, text: 'incident-acknowledged:open' });
    expect(update).toMatchObject({ method: 'update', ts: alert.ts });
    expect((await store.incidents.byId(incident.id))?.parentTs).toBe(alert.ts);
  });

  it('never sends a message twice once Slack has taken it', async () => {
    const { store, clock, poster, dispatcher } = setup(current().watches);
    await queueIncident(store, 'a.test', clock.now());
    await dispatcher.drain();
    clock.advance(3_600_000);
    expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(poster.calls).toHaveLength(3);
  });

  it('waits out a 429 for as long as Retry-After says, for every message, then sends each thread in order', async () => {
    const { store, clock, poster, dispatcher } = setup(current().watches);
    await queueIncident(store, 'a.test', clock.now());
    await store.outbox.enqueue({ incidentId: null, channel: 'COPS', op: 'post', payload: { kind: 'notices', host: 'b.test', notices: [], resultId: 2 } }, clock.now());
    poster.failNext(slackErrors.rateLimited(7));
    expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(poster.calls).toEqual([]);
    clock.advance(6_999);
    expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(poster.calls).toEqual([]);
    clock.advance(1);
    expect((await dispatcher.drain()).sent).toBe(4);
    // One incident's messages in order; a message of no incident may go between them.
    expect(poster.calls.map((c) => c.text).filter((t) => t !== 'notices:-')).toEqual(['alert:open', 'incident-acknowledged:open', 'status:open']);
    expect(poster.calls.filter((c) => c.text === 'notices:-')).toHaveLength(1);
    const [alert, reply] = poster.calls.filter((c) => c.text !== 'notices:-');
    expect(reply.threadTs).toBe(alert.ts);
  });

  it('retries 5xx and network failures with growing backoff, keeping the incident\'s order while other incidents go ahead', async () => {
    const { store, clock, poster, dispatcher } = setup(current().watches);
    await queueIncident(store, 'a.test', clock.now());
    const other = await queueIncident(store, 'b.test', clock.now());
    poster.failNext(slackErrors.http(503));
    expect(await dispatcher.drain()).toEqual({ sent: 3, retrying: 1, failed: 0 });
    expect(poster.calls.every((c) => c.channel === 'COPS')).toBe(true);
    expect((await store.incidents.byId(other.id))?.parentTs).toBe(poster.calls[0].ts);
    const first = (await store.outbox.all())[0];
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 503', nextAttemptAt: clock.now() + 1000 });
    poster.failNext(slackErrors.network());
    clock.advance(1000);
    expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await store.outbox.byId(first.id)).toMatchObject({ attempts: 2, nextAttemptAt: clock.now() + 2000 });
    clock.advance(2000);
    expect(await dispatcher.drain()).toEqual({ sent: 3, retrying: 0, failed: 0 });
    const [alert, reply] = poster.calls.slice(3);
    expect(alert.text).toBe('alert:open');
    expect(reply.threadTs).toBe(alert.ts);
  });

  it('gives up on a message Slack refuses for good; the thread\'s later messages go to the channel, the refresh is dropped', async () => {
    const { store, clock, poster, dispatcher, warnings } = setup(current().watches);
    await queueIncident(store, 'a.test', clock.now());
    poster.failNext(slackErrors.platform('channel_not_found'));
    expect(await dispatcher.drain()).toEqual({ sent: 2, retrying: 0, failed: 1 });
    expect((await store.outbox.all()).map((m) => m.status)).toEqual(['failed', 'sent', 'sent']);
    expect(poster.calls).toEqual([expect.objectContaining({ method: 'post', text: 'incident-acknowledged:open' })]);
    expect(poster.calls[0].threadTs).toBeUndefined();
    expect(warnings).toContain('Slack refused a queued message');
  });

  it('resends after a restart a message that was mid-send (at least once), and says so', async () => {
    const { store, clock, poster, dispatcher, warnings } = setup(current().watches);
    const id = await store.outbox.enqueue({ incidentId: null, channel: 'COPS', op: 'post', payload: { kind: 'notices', host: 'a.test', notices: [], resultId: 1 } }, clock.now());
    await store.outbox.markInFlight(id, clock.now());
    await dispatcher.start();
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
