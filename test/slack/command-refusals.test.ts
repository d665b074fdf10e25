import { ASKER, startTestBot, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, visibleText, type TestBot } from '../helpers/slack-bot';
import { signedHeaders } from '../helpers/slack-signature';
import { TLS_VERSIONS } from '../../src/probe/tls-versions';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

const isReport = (call: { body: Record<string, any> }) => call.body.blocks?.[0]?.type === 'header';

describe('/starttls input, policy and request checks', () => {
  let smtp: RunningServer;
  let t: TestBot;
  let connections = 0;

  beforeAll(async () => {
    smtp = await startSmtpServer({ onConnect: (_s, cb) => { connections += 1; cb(); } });
    t = await startTestBot({ STARTTLS_ALLOWED_PORTS: `${smtp.port},2525`, STARTTLS_RATE_LIMIT: '2/600' });
  });
  afterAll(async () => {
    await t.stop();
    await smtp.close();
  });

  async function ephemeral(id: string) {
    const answer = await t.slack.waitFor(`response_url post ${id}`, () => t.slack.responses.find((r) => r.id === id));
    expect(answer.body.response_type).toBe('ephemeral');
    return visibleText(answer.body.blocks);
  }

  it.each([
    ['no host', '', 'no host given'],
    ['a bad port', '127.0.0.1 99999', 'not a port number (1-65535): &quot;99999&quot;'.replace(/&quot;/g, '"')],
    ['too many ports', '127.0.0.1 1 2 3 4 5 6 7 8 9 10 11', 'at most 10 ports per check'],
    ['a bad host', 'not_a..host', 'not a host name or IP address'],
  ])('answers %s with the reason and the usage line, ephemerally', async (_name, text, reason) => {
    const id = `bad-${_name}`;
    const ack = await t.command(text, { responseId: id });
    expect(ack.status).toBe(200);
    const shown = await ephemeral(id);
    expect(shown).toContain(reason);
    expect(shown).toContain('Usage: `/starttls &lt;host&gt; [port ...] [--servername NAME]`');
  });

  it('answers help ephemerally with the allowed ports', async () => {
    await t.command('help', { responseId: 'help' });
    expect(await ephemeral('help')).toContain(`Allowed ports: ${smtp.port}, 2525`);
  });

  it.each([
    ['a port outside the allowed list', () => `127.0.0.1 ${smtp.port} 22`, 'port 22 is not allowed here'],
    ['the cloud metadata address', () => `169.254.169.254 ${smtp.port}`, 'link-local'],
    ['a loopback address not explicitly allowed', () => `127.0.0.2 ${smtp.port}`, 'is a loopback address: not probed from here'],
    ['an IPv4-mapped metadata address', () => `[::ffff:169.254.169.254] ${smtp.port}`, 'link-local'],
  ])('refuses %s without connecting anywhere', async (_name, text, reason) => {
    const id = `policy-${_name}`;
    await t.command(text(), { responseId: id });
    expect(await ephemeral(id)).toContain(reason);
  });

  it('posted nothing to the channel and connected to nothing for any refused request', async () => {
    await t.bot.idle();
    expect(t.slack.callsOf('chat.postMessage')).toEqual([]);
    expect(connections).toBe(0);
  });

  it('rejects requests with a bad or stale signature (401) and acts on neither', async () => {
    const body = new URLSearchParams({ command: '/starttls', text: `127.0.0.1 ${smtp.port}`, user_id: ASKER, channel_id: 'C1', trigger_id: 'forged', response_url: t.slack.responseUrl('forged') }).toString();
    const forged = await t.post(body, signedHeaders('0000000000000000wrongsecret00000', body));
    const stale = await t.post(body, signedHeaders(TEST_SIGNING_SECRET, body, Math.floor(Date.now() / 1000) - 6 * 60));
    const unsigned = await t.post(body, { 'content-type': 'application/x-www-form-urlencoded' });
    expect([forged.status, stale.status, unsigned.status]).toEqual([401, 401, 401]);
    await t.bot.idle();
    expect(t.slack.responses.find((r) => r.id === 'forged')).toBeUndefined();
    expect(connections).toBe(0);
  });

  it('runs a redelivered command (same trigger_id, X-Slack-Retry-Num) once', async () => {
    const first = await t.command(`127.0.0.1 ${smtp.port}`, { triggerId: 'T-dup' });
    const retry = await t.command(`127.0.0.1 ${smtp.port}`, { triggerId: 'T-dup', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await t.slack.waitFor('the report', () => t.slack.callsOf('chat.update').find(isReport));
    await t.bot.idle();
    expect(t.slack.callsOf('chat.postMessage')).toHaveLength(1);
    // One check: the probe's connection and one per TLS version tried (Slack checks list the versions),
    // except the version the probe negotiated.
    expect(connections).toBe(1 + TLS_VERSIONS.length - 1);
  });

  it('limits each person to the configured rate', async () => {
    await t.command(`127.0.0.1 ${smtp.port}`, { responseId: 'rate-2' });
    await t.command(`127.0.0.1 ${smtp.port}`, { responseId: 'rate-3' });
    expect(await ephemeral('rate-3')).toMatch(/you have run 2 checks in the last 600 s; try again in \d+ s/);
    await t.bot.idle();
    expect(t.slack.responses.find((r) => r.id === 'rate-2')).toBeUndefined();
  });

  it('serves GET /healthz', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('logs structured lines and never the token or the signing secret', async () => {
    await t.bot.idle();
    expect(t.logs.length).toBeGreaterThan(5);
    for (const line of t.logs) expect(() => JSON.parse(line)).not.toThrow();
    expect(t.logs.some((l) => JSON.parse(l).msg === 'check finished')).toBe(true);
    const all = t.logs.join('\n');
    expect(all).not.toContain(TEST_BOT_TOKEN);
    expect(all).not.toContain('testtokensecretvalue');
    expect(all).not.toContain(TEST_SIGNING_SECRET);
  });
});

describe('/starttls restricted to listed channels and users', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ STARTTLS_ALLOWED_CHANNELS: 'C0OPS00001', STARTTLS_ALLOWED_USERS: 'U0ADMIN001' });
  });
  afterAll(() => t.stop());

  it('refuses other channels and other people', async () => {
    await t.command('127.0.0.1 25', { channel: 'C0RANDOM01', user: 'U0ADMIN001', responseId: 'chan' });
    await t.command('127.0.0.1 25', { channel: 'C0OPS00001', user: 'U0OTHER001', responseId: 'user' });
    const chan = await t.slack.waitFor('channel refusal', () => t.slack.responses.find((r) => r.id === 'chan'));
    const user = await t.slack.waitFor('user refusal', () => t.slack.responses.find((r) => r.id === 'user'));
    expect(visibleText(chan.body.blocks)).toContain('checks are not enabled in this channel');
    expect(visibleText(user.body.blocks)).toContain('you are not on the list of people');
  });
});

describe('/starttls with a default policy', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ STARTTLS_ALLOWED_TARGETS: '' });
  });
  afterAll(() => t.stop());

  it('denies loopback unless it is explicitly allowed', async () => {
    await t.command('127.0.0.1 25', { responseId: 'loop' });
    const answer = await t.slack.waitFor('refusal', () => t.slack.responses.find((r) => r.id === 'loop'));
    expect(visibleText(answer.body.blocks)).toContain('127.0.0.1 is a loopback address');
  });
});
