import { describeEachStore } from '../helpers/stores';
import { renderOutboxMessage } from '../../src/slack/blocks/watch-outbox-blocks';
import { OutboxDispatcher } from '../../src/watch/outbox-dispatcher';
import { webClientPoster } from '../../src/slack/web-client-poster';
import { blockKitViolations } from '../helpers/block-kit-limits';
import { startSlackStandIn, type SlackStandIn } from '../helpers/slack-api-stand-in';
import { FakeClock } from './helpers/fake-clock';

/** The alert post through a real WebClient against the Slack stand-in: 429 and 5xx come back to the outbox, which retries. */
describeEachStore('alert delivery to Slack', (current) => {
  let slack: SlackStandIn;
  beforeEach(async () => {
    slack = await startSlackStandIn();
  });
  afterEach(() => slack.close());

  async function setup() {
    const store = current().watches;
    const clock = new FakeClock(Date.parse('2026-05-01T12:00:00Z'));
    const dispatcher = new OutboxDispatcher({
      store,
      poster: webClientPoster('xoxb-1111-2222-testtokensecretvalue', { slackApiUrl: slack.apiUrl }),
      render: renderOutboxMessage,
      clock,
      random: () => 0.5,
      backoff: { baseMs: 1000, maxMs: 60_000 },
    });
    const watch = await store.watches.upsert({ host: 'mail.contoso.test', ports: [25], expectNames: [], intervalMs: 300_000, channel: 'C0OPS', createdBy: 'U1' }, 0, 0);
    const problems = [{ key: 'starttls-not-advertised@25', id: 'starttls-not-advertised' as const, severity: 'critical' as const, ports: [25], title: 'Port 25 does not advertise STARTTLS', evidence: [] }];
    const incident = await store.incidents.open({ watchId: watch.id, host: watch.host, channel: 'C0OPS', problems, changes: ['STARTTLS no longer advertised on 25'], resultId: 1, announced: true }, clock.now());
    await store.outbox.enqueue({ incidentId: incident.id, channel: 'C0OPS', op: 'post', payload: { kind: 'alert', resultId: 1, unreachableRuns: 0 } }, clock.now());
    return { store, clock, dispatcher, incident };
  }

  it('waits out a 429 for its Retry-After, retries a 500 with backoff, and posts the alert once', async () => {
    const { store, clock, dispatcher, incident } = await setup();
    slack.script('chat.postMessage', { status: 429, headers: { 'retry-after': '30' }, body: { ok: false, error: 'ratelimited' } }, { status: 500, body: 'oops' });

    expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect((await store.outbox.all())[0]).toMatchObject({ status: 'pending', nextAttemptAt: clock.now() + 30_000, lastError: 'rate limited (Retry-After 30s)' });
    clock.advance(29_999);
    await dispatcher.drain();
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);

    clock.advance(1);
    expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(slack.callsOf('chat.postMessage')).toHaveLength(2);
    expect((await store.outbox.all())[0].lastError).toBe('HTTP 500');

    clock.advance(2000);
    expect(await dispatcher.drain()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const posts = slack.callsOf('chat.postMessage');
    expect(posts).toHaveLength(3);
    // The same alert each time (rendered at send time, so only its "open for" clock differs).
    expect(new Set(posts.map((p) => p.body.text)).size).toBe(1);
    expect(posts[0].body.text).toContain('STARTTLS alert: mail.contoso.test');
    expect(posts[2].body).toMatchObject({ channel: 'C0OPS' });
    expect(blockKitViolations(posts[2].body as { blocks: unknown[] })).toEqual([]);
    expect((await store.incidents.byId(incident.id))?.parentTs).toBe(slack.tsOf(posts[2]));

    clock.advance(3_600_000);
    await dispatcher.drain();
    expect(slack.callsOf('chat.postMessage')).toHaveLength(3);
  });

  it('gives up on a message Slack refuses (not_in_channel) instead of retrying it forever', async () => {
    const { store, dispatcher } = await setup();
    slack.script('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect((await store.outbox.all())[0]).toMatchObject({ status: 'failed', lastError: 'not_in_channel' });
  });
});
