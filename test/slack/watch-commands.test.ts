import { checkTarget } from '../../src/check/check-target';
import { ACTION } from '../../src/slack/action-ids';
import { renderOutboxMessage } from '../../src/slack/blocks/watch-outbox-blocks';
import { sqliteWatchStore } from '../helpers/stores';
import { classifyPostFailure, type SlackPoster } from '../../src/slack/slack-poster';
import { createWatchRuntime, type WatchRuntime } from '../../src/watch/watch-runtime';
import { webClientPoster } from '../../src/slack/web-client-poster';
import { blockKitViolations, unsafeMarkup } from '../helpers/block-kit-limits';
import { createTestPki } from '../helpers/pki';
import { ASKER, CHANNEL, startTestBot, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, visibleText, type TestBot } from '../helpers/slack-bot';
import { signedHeaders } from '../helpers/slack-signature';
import { FakeClock } from '../watch/helpers/fake-clock';
import { startSwitchableServer, type SwitchableServer } from '../watch/helpers/switchable-server';

const ONCALL = 'U0ONCALL01';

/** The bot with watches over the Slack stand-in: commands, the alert and its buttons, the Home tab. */
describe('watches in Slack', () => {
  const pki = createTestPki();
  let server: SwitchableServer;
  let t: TestBot;
  let runtime: WatchRuntime;
  const clock = new FakeClock(Date.now());
  let alertTs = '';
  let incidentId = '';

  /** Runs whatever is due on the watch's schedule, then sends what that queued. */
  async function nextRun(): Promise<void> {
    const w = (await runtime.service.list())[0].watch;
    if (w.nextRunAt > clock.now()) clock.set(w.nextRunAt);
    await runtime.scheduler.runDue();
    await runtime.dispatcher.drain();
  }

  async function settle(): Promise<void> {
    await t.bot.idle();
    await runtime.dispatcher.drain();
  }

  const ephemeral = (id: string) => t.slack.waitFor(`the answer to ${id}`, () => t.slack.responses.find((r) => r.id === id)).then((r) => visibleText(r.body.blocks));

  beforeAll(async () => {
    server = await startSwitchableServer({ starttls: true, certificate: pki.goodLeaf('mx.example.test', { ip: true }), capabilities: ['SIZE 10240000'] });
    let poster: SlackPoster | undefined;
    runtime = createWatchRuntime({
      store: sqliteWatchStore(':memory:'),
      checker: checkTarget,
      poster: { post: (...a) => poster!.post(...a), update: (...a) => poster!.update(...a), classify: classifyPostFailure },
      render: renderOutboxMessage,
      clock,
      settings: { requestOverrides: { caPems: [pki.rootPem], timeoutMs: 5000 }, minIntervalMs: 60_000 },
    });
    t = await startTestBot({ STARTTLS_ALLOWED_PORTS: String(server.port) }, checkTarget, { watches: runtime.service });
    poster = webClientPoster(TEST_BOT_TOKEN, { slackApiUrl: t.slack.apiUrl });
  });
  afterAll(async () => {
    await t.stop();
    await server.close();
  });

  it('/starttls watch starts a watch and says so in the channel', async () => {
    await t.command(`watch 127.0.0.1 ${server.port} every 5m`);
    const post = await t.slack.waitFor('the watch message', () => t.slack.callsOf('chat.postMessage')[0]);
    await t.bot.idle();
    expect(post.body.channel).toBe(CHANNEL);
    expect(visibleText(post.body.blocks)).toContain(`<@${ASKER}> is watching \`127.0.0.1\` ports ${server.port} every 5m`);
    expect((await runtime.service.list()).map((s) => s.watch.host)).toEqual(['127.0.0.1']);
  });

  it('refuses a watch on a port the target policy does not allow', async () => {
    await t.command('watch 127.0.0.1 2525', { responseId: 'bad-port' });
    expect(await ephemeral('bad-port')).toMatch(/port/i);
    expect(await runtime.service.list()).toHaveLength(1);
  });

  it('posts one alert when STARTTLS disappears, with the buttons', async () => {
    await nextRun();
    const before = t.slack.callsOf('chat.postMessage').length;
    server.behaviour.starttls = false;
    await nextRun();
    await nextRun();
    const posts = t.slack.callsOf('chat.postMessage').slice(before);
    expect(posts).toHaveLength(1);
    const alert = posts[0];
    expect(alert.body.thread_ts).toBeUndefined();
    expect(visibleText(alert.body.blocks)).toContain(`Port ${server.port} does not offer STARTTLS`);
    expect(blockKitViolations(alert.body as { blocks: unknown[] })).toEqual([]);
    expect(unsafeMarkup(alert.body as { blocks: unknown[] })).toEqual([]);
    alertTs = t.slack.tsOf(alert);
    const buttons = alert.body.blocks.find((b: { type: string }) => b.type === 'actions').elements;
    expect(buttons.map((b: { action_id: string }) => b.action_id)).toEqual([ACTION.watchAcknowledge, ACTION.watchRemediation, ACTION.watchRerun, ACTION.watchMute]);
    incidentId = buttons[0].value;
  });

  it('Acknowledge says who in the thread and on the alert, and only once', async () => {
    await t.click(ACTION.watchAcknowledge, incidentId, { messageTs: alertTs, user: ONCALL });
    await settle();
    const reply = t.slack.callsOf('chat.postMessage').find((c) => c.body.thread_ts === alertTs);
    expect(visibleText(reply?.body.blocks)).toContain(`<@${ONCALL}> acknowledged this incident`);
    const parent = t.slack.callsOf('chat.update').filter((c) => c.body.ts === alertTs).pop();
    expect(visibleText(parent?.body.blocks)).toContain(`*Acknowledged* by <@${ONCALL}>`);
    expect(parent?.body.blocks.find((b: { type: string }) => b.type === 'actions').elements.map((b: { action_id: string }) => b.action_id)).not.toContain(ACTION.watchAcknowledge);

    await t.click(ACTION.watchAcknowledge, incidentId, { messageTs: alertTs, user: ASKER, responseId: 'ack-again' });
    expect(await ephemeral('ack-again')).toContain('already acknowledged');
  });

  it('Show remediation explains the incident\'s latest run in its thread', async () => {
    const from = t.slack.callsOf('chat.postMessage').length;
    await t.click(ACTION.watchRemediation, incidentId, { messageTs: alertTs, user: ONCALL });
    await settle();
    const replies = t.slack.callsOf('chat.postMessage').slice(from);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((c) => c.body.thread_ts === alertTs)).toBe(true);
    expect(visibleText(replies[0].body.blocks)).toContain('Remediation for `127.0.0.1`');
  });

  it('Re-run runs the watch now: its recovery resolves the incident in the thread', async () => {
    server.behaviour.starttls = true;
    await t.click(ACTION.watchRerun, incidentId, { messageTs: alertTs, user: ONCALL, responseId: 'rerun' });
    expect(await ephemeral('rerun')).toContain('Re-running the watch of `127.0.0.1` now');
    await t.bot.idle();
    await runtime.scheduler.runDue();
    await runtime.dispatcher.drain();
    const resolved = t.slack.callsOf('chat.postMessage').filter((c) => c.body.thread_ts === alertTs).pop();
    expect(visibleText(resolved?.body.blocks)).toContain('*Resolved.*');
    const parent = t.slack.callsOf('chat.update').filter((c) => c.body.ts === alertTs).pop();
    expect(visibleText(parent?.body.blocks)).toContain('*Resolved* automatically');
  });

  it('/starttls watches and /starttls history answer the asker alone', async () => {
    await t.command('watches', { responseId: 'list' });
    expect(await ephemeral('list')).toContain(`*\`127.0.0.1\`* ports ${server.port} · every 5m`);
    await t.command('history 127.0.0.1', { responseId: 'history' });
    const history = await ephemeral('history');
    expect(history).toContain('resolved after');
    expect(history).toContain(`STARTTLS no longer advertised on ${server.port}`);
  });

  it('the Home tab lists the watches with a menu to re-run or unwatch', async () => {
    const body = JSON.stringify({
      token: 'x',
      team_id: 'T0TEST001',
      api_app_id: 'A0STARTTLS',
      type: 'event_callback',
      event_id: 'Ev0HOME01',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user: ONCALL, channel: 'D0HOME', tab: 'home', event_ts: '1700000002.000100' },
    });
    await t.post(body, { ...signedHeaders(TEST_SIGNING_SECRET, body), 'content-type': 'application/json' });
    const publish = await t.slack.waitFor('the Home tab', () => t.slack.callsOf('views.publish')[0]);
    expect(publish.body.user_id).toBe(ONCALL);
    const view = publish.body.view;
    expect(blockKitViolations({ blocks: view.blocks }, 'view')).toEqual([]);
    expect(visibleText(view.blocks)).toContain('*`127.0.0.1`*');
    expect(view.blocks.some((b: { accessory?: { action_id: string } }) => b.accessory?.action_id === ACTION.watchMenu)).toBe(true);
  });

  it('/starttls unwatch stops the watch', async () => {
    await t.command('unwatch 127.0.0.1');
    await settle();
    expect(visibleText(t.slack.callsOf('chat.postMessage').pop()?.body.blocks)).toContain(`<@${ASKER}> stopped watching \`127.0.0.1\``);
    expect(await runtime.service.list()).toEqual([]);
  });

  it('a watch with a servername shows it beside the host in /starttls watches and on the Home tab', async () => {
    await t.command(`watch 127.0.0.1 ${server.port} servername mx.example.test every 5m`);
    await settle();
    await t.command('watches', { responseId: 'named-list' });
    expect(await ephemeral('named-list')).toContain(`*\`127.0.0.1\`* as \`mx.example.test\` ports ${server.port} · every 5m`);
    const published = t.slack.callsOf('views.publish').length;
    await t.event({ type: 'app_home_opened', user: ONCALL, channel: 'D0HOME', tab: 'home', event_ts: '1700000003.000100' });
    const publish = await t.slack.waitFor('the Home tab', () => t.slack.callsOf('views.publish')[published]);
    expect(visibleText(publish.body.view.blocks)).toContain(`*\`127.0.0.1\`* as \`mx.example.test\` ports ${server.port}`);
  });
});
