import { startTestBot, visibleText, type TestBot } from '../helpers/slack-bot';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

const isReport = (call: { body: Record<string, any> }) => call.body.blocks?.[0]?.type === 'header';

describe('Slack API failures', () => {
  let smtp: RunningServer;
  let t: TestBot;
  let connections = 0;

  beforeAll(async () => {
    smtp = await startSmtpServer({ onConnect: (_s, cb) => { connections += 1; cb(); } });
  });
  beforeEach(async () => {
    t = await startTestBot({ STARTTLS_ALLOWED_PORTS: String(smtp.port) });
  });
  afterEach(() => t.stop());
  afterAll(() => smtp.close());

  it('waits out a 429 (Retry-After: 1) and posts the progress message on the next try', async () => {
    t.slack.script('chat.postMessage', { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } });
    await t.command(`127.0.0.1 ${smtp.port}`);
    const report = await t.slack.waitFor('the report', () => t.slack.callsOf('chat.update').find(isReport));
    const posts = t.slack.callsOf('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(900);
    expect(report.body.ts).toBe(t.slack.tsOf(posts[1]));
  });

  it('retries a 5xx answer to chat.update', async () => {
    await t.command(`127.0.0.1 ${smtp.port}`);
    await t.slack.waitFor('the progress message', () => t.slack.callsOf('chat.postMessage')[0]);
    t.slack.script('chat.update', { status: 500, body: 'oops' }, { status: 503, body: 'oops' });
    await t.slack.waitFor('the report', () => t.slack.callsOf('chat.update').find((c) => isReport(c) && c.answer.status === undefined));
    await t.bot.idle();
    expect(t.slack.callsOf('chat.update').filter(isReport).length).toBeGreaterThanOrEqual(1);
  });

  it('tells the person through response_url when the bot is not in the channel, and probes nothing', async () => {
    t.slack.script('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    const before = connections;
    await t.command(`127.0.0.1 ${smtp.port}`, { responseId: 'nic' });
    const answer = await t.slack.waitFor('the explanation', () => t.slack.responses.find((r) => r.id === 'nic'));
    await t.bot.idle();
    expect(answer.body.response_type).toBe('ephemeral');
    expect(visibleText(answer.body.blocks)).toContain('invite me first with /invite @starttls-bot');
    expect(connections).toBe(before);
  });

  it('marks the progress message as failed and tells the person when the report cannot be posted', async () => {
    t.slack.script('chat.update', { body: { ok: false, error: 'msg_blocks_too_long' } }, { body: { ok: false, error: 'msg_blocks_too_long' } });
    await t.command(`127.0.0.1 ${smtp.port}`, { responseId: 'fail' });
    const answer = await t.slack.waitFor('the explanation', () => t.slack.responses.find((r) => r.id === 'fail'));
    expect(visibleText(answer.body.blocks)).toContain('Slack refused the message (msg_blocks_too_long)');
    await t.bot.idle();
    const last = t.slack.callsOf('chat.update').pop();
    expect(visibleText(last?.body.blocks)).toContain('The check did not finish');
  });
});
