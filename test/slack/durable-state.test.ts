import { ACTION } from '../../src/slack/action-ids';
import { sharedStateOf } from '../../src/slack/store-wiring';
import type { Store } from '../../src/storage/open-store';
import { startFoundingCaseServer, type ScriptedServer } from '../helpers/scripted-server';
import { startTestBot, visibleText, type TestBot } from '../helpers/slack-bot';
import { describeEachStore } from '../helpers/stores';

const isReport = (call: { body: Record<string, any> }) => call.body.blocks?.[0]?.type === 'header';
const COLLEAGUE = 'U0COLLEAG1';

/**
 * Reports, seen deliveries and rate windows live in the store: a new app instance on the same
 * store (a restart, or another replica) answers buttons under a report the first one posted,
 * without probing again, and shares the de-duplication and the rate limit.
 */
describeEachStore('Slack state in the store', (current) => {
  let server: ScriptedServer;
  let advertise = false;
  let connections = 0;
  const bots: TestBot[] = [];

  beforeEach(async () => {
    advertise = false;
    connections = 0;
    server = await startFoundingCaseServer(
      () => advertise,
      () => connections++,
    );
  });
  afterEach(async () => {
    for (const b of bots.splice(0)) await b.stop();
    await server.close();
  });

  const bot = async (store: Store, env: Record<string, string> = {}) => {
    const b = await startTestBot({ STARTTLS_ALLOWED_PORTS: String(server.port), ...env }, undefined, { shared: sharedStateOf(store) });
    bots.push(b);
    return b;
  };

  it('answers Details and Re-run under a report posted before a restart, from the stored report', async () => {
    const first = await bot(current().store);
    await first.command(`127.0.0.1 ${server.port}`);
    const report = await first.slack.waitFor('the report', () => first.slack.callsOf('chat.update').find(isReport));
    await first.bot.idle();
    const parentTs: string = report.body.ts;
    const value: string = report.body.blocks.find((b: { type: string }) => b.type === 'actions').elements[0].value;
    await first.stop();
    bots.splice(bots.indexOf(first), 1);
    expect(connections).toBe(1);

    // A new app instance on the same database (another handle: a restarted process, or another replica).
    const second = await bot(await current().again());
    await second.click(ACTION.details, value, { messageTs: parentTs, user: COLLEAGUE });
    const details = await second.slack.waitFor('the details', () => second.slack.callsOf('chat.postMessage').find((c) => c.body.thread_ts === parentTs));
    await second.bot.idle();
    expect(visibleText(details.body.blocks)).toContain('S: 250-SIZE 62423040');
    // From the stored report: nobody probed the server again.
    expect(connections).toBe(1);

    advertise = true;
    await second.click(ACTION.rerun, value, { messageTs: parentTs, user: COLLEAGUE });
    const rerun = await second.slack.waitFor('the re-run result', () => second.slack.callsOf('chat.update').find((c) => c.body.ts !== parentTs && isReport(c)));
    await second.bot.idle();
    // "What changed" is against the report the first instance stored.
    expect(visibleText(rerun.body.blocks)).toContain(`STARTTLS now advertised on ${server.port}`);
    expect(connections).toBe(2);
  });

  it('runs a command redelivered to another instance once, and holds the rate limit across instances', async () => {
    const a = await bot(current().store, { STARTTLS_RATE_LIMIT: '2/600' });
    const b = await bot(await current().again(), { STARTTLS_RATE_LIMIT: '2/600' });
    // Slack retries a command it thinks was not acknowledged, maybe to another replica: same trigger_id.
    await a.command(`127.0.0.1 ${server.port}`, { triggerId: 'trigger-redelivered' });
    await b.command(`127.0.0.1 ${server.port}`, { triggerId: 'trigger-redelivered' });
    await a.slack.waitFor('the report', () => a.slack.callsOf('chat.update').find(isReport));
    await Promise.all([a.bot.idle(), b.bot.idle()]);
    expect(b.slack.callsOf('chat.postMessage')).toHaveLength(0);
    expect(b.logs.join('\n')).toContain('duplicate request ignored');
    expect(connections).toBe(1);

    // One more check is allowed (2 per 10 minutes), on either instance; the third is refused.
    await b.command(`127.0.0.1 ${server.port}`, { responseId: 'second' });
    await b.slack.waitFor('the second report', () => b.slack.callsOf('chat.update').find(isReport));
    await b.bot.idle();
    await a.command(`127.0.0.1 ${server.port}`, { responseId: 'third' });
    const refusal = await a.slack.waitFor('the refusal', () => a.slack.responses.find((r) => r.id === 'third'));
    expect(visibleText(refusal.body.blocks)).toMatch(/you have run 2 checks in the last 600 s; try again in \d+ s/);
    expect(connections).toBe(2);
  });
});
