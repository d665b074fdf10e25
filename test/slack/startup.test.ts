import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTarget } from '../../src/check/check-target';
import { BotMetrics } from '../../src/metrics/bot-metrics';
import { loadConfig } from '../../src/slack/config';
import { createApp, type Bot } from '../../src/slack/create-app';
import { botProcessLogger } from '../../src/slack/logger';
import { SlackAuthError } from '../../src/slack/slack-connection';
import { closedLoopbackPort } from '../helpers/closed-port';
import { assertDistBuilt } from '../helpers/dist-build';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/slack-bot';
import { signedHeaders } from '../helpers/slack-signature';
import { startSlackStandIn, type SlackStandIn } from '../helpers/slack-api-stand-in';

/** The real app without a known identity: it must ask Slack (auth.test) at start. */
function startupBot(apiUrl: string, logs: string[]): Bot {
  const config = loadConfig({ SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: apiUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug' });
  return createApp({ config, checker: checkTarget, logWrite: (line) => logs.push(line), retryConfig: { retries: 0 }, startupBackoff: { initialMs: 20, maxMs: 200 } });
}

async function get(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

async function until<T>(what: string, find: () => T | undefined | false, logs: string[]): Promise<T> {
  for (let i = 0; i < 800; i++) {
    const found = find();
    if (found !== undefined && found !== false) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}; logs:\n${logs.join('')}`);
}

const warnings = (logs: string[]) => logs.map((l) => JSON.parse(l)).filter((e) => e.level === 'warn').map((e) => e.msg as string);

describe('bot start-up: auth.test', () => {
  let slack: SlackStandIn | undefined;
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    await slack?.close();
    bot = undefined;
    slack = undefined;
  });

  it('refuses a token Slack calls invalid_auth with one line naming the variable', async () => {
    slack = await startSlackStandIn();
    slack.script('auth.test', { body: { ok: false, error: 'invalid_auth' } });
    const logs: string[] = [];
    bot = startupBot(slack.apiUrl, logs);
    const failure = await bot.start().then(() => undefined, (err: unknown) => err);
    expect(failure).toBeInstanceOf(SlackAuthError);
    expect((failure as SlackAuthError).message).toBe(
      'Slack rejected SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token (xoxb-…) again from the OAuth & Permissions page, and reinstall the app if it was revoked',
    );
    expect(slack.callsOf('auth.test')).toHaveLength(1);
    expect(slack.callsOf('auth.test')[0].authorization).toBe(`Bearer ${TEST_BOT_TOKEN}`);
  });

  it.each(['not_authed', 'token_revoked', 'account_inactive'])('treats %s as a refused token too', async (error) => {
    slack = await startSlackStandIn();
    slack.script('auth.test', { body: { ok: false, error } });
    bot = startupBot(slack.apiUrl, []);
    await expect(bot.start()).rejects.toThrow(`Slack rejected SLACK_BOT_TOKEN (${error})`);
  });

  it('says Slack is unreachable and why, reports not ready, retries with backoff, and becomes ready when Slack answers', async () => {
    const port = await closedLoopbackPort();
    const apiUrl = `http://127.0.0.1:${port}/api/`;
    const logs: string[] = [];
    bot = startupBot(apiUrl, logs);
    const started = bot.start();
    const listening = await until('the listening line', () => logs.map((l) => JSON.parse(l)).find((e) => e.msg === 'listening for Slack requests'), logs);
    const base = `http://127.0.0.1:${listening.port}`;
    await until('two retries', () => warnings(logs).filter((m) => m.startsWith('Slack is unreachable')).length >= 2, logs);

    const unreachable = warnings(logs).filter((m) => m.startsWith('Slack is unreachable'));
    expect(unreachable[0]).toBe(`Slack is unreachable at ${apiUrl} (auth.test: connection refused (ECONNREFUSED 127.0.0.1:${port})); retrying in 20 ms`);
    expect(unreachable[1]).toContain('retrying in 40 ms');
    expect(logs.join('')).not.toContain('fetch failed');
    expect(await get(`${base}/healthz`)).toEqual({ status: 200, body: { ok: true } });
    const notReady = await get(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(notReady.body).toEqual({ ready: false, checks: { slack: `Slack unreachable: connection refused (ECONNREFUSED 127.0.0.1:${port})` } });

    slack = await startSlackStandIn({ port });
    await expect(started).resolves.toEqual({ port: listening.port, connected: true });
    expect(await get(`${base}/readyz`)).toEqual({ status: 200, body: { ready: true, checks: { slack: 'ok' } } });
  });
});

describe('bot start-up: a request that arrives while auth.test is under way', () => {
  it('is served once Slack has answered, not refused (HTTP mode opens its port before auth.test returns)', async () => {
    const slack = await startSlackStandIn();
    slack.script('auth.test', { delayMs: 700, body: { ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team: 'T' } });
    const logs: string[] = [];
    const bot = startupBot(slack.apiUrl, logs);
    try {
      const started = bot.start();
      const listening = await until('the listening line', () => logs.map((l) => JSON.parse(l)).find((e) => e.msg === 'listening for Slack requests'), logs);
      // The listening line comes just before auth.test is sent: on a busy machine its arrival at the stand-in lags.
      await until('auth.test under way', () => slack.callsOf('auth.test').length > 0, logs);
      expect(slack.callsOf('auth.test')).toHaveLength(1);
      const body = new URLSearchParams({
        command: '/starttls',
        text: 'help',
        user_id: 'U0EARLY01',
        channel_id: 'C0EARLY01',
        team_id: 'T0EARLY01',
        trigger_id: 'trigger-before-auth',
        response_url: slack.responseUrl('early'),
      }).toString();
      const res = await fetch(`http://127.0.0.1:${listening.port}/slack/events`, { method: 'POST', headers: signedHeaders(TEST_SIGNING_SECRET, body), body });
      expect(res.status).toBe(200);
      const help = await slack.waitFor('the help answer', () => slack.responses.find((r) => r.id === 'early'));
      expect(JSON.stringify(help.body)).toContain('/starttls');
      await expect(started).resolves.toMatchObject({ connected: true });
      expect(logs.join('')).not.toContain('not connected to Slack yet');
    } finally {
      await bot.stop();
      await slack.close();
    }
  });
});

describe('bot start-up: Web API retry warnings name their cause', () => {
  let slack: SlackStandIn;
  let bot: Bot;
  const logs: string[] = [];
  const metrics = new BotMetrics({ replica: 'startup', processMetrics: false });

  beforeAll(async () => {
    slack = await startSlackStandIn();
    const config = loadConfig({ SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0', HOST: '127.0.0.1' });
    bot = createApp({ config, checker: checkTarget, logWrite: (line) => logs.push(line), retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 20 }, botIdentity: { botId: 'B1', botUserId: 'U1' }, metrics });
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
    await slack.close();
  });

  it('warns with the HTTP status of each failed attempt, then succeeds', async () => {
    slack.script('chat.postMessage', { status: 503, body: 'busy' }, { status: 429, headers: { 'retry-after': '0' }, body: { ok: false, error: 'ratelimited' } });
    await bot.app.client.chat.postMessage({ token: TEST_BOT_TOKEN, channel: 'C0TEST0001', text: 'hello' });
    expect(slack.callsOf('chat.postMessage')).toHaveLength(3);
    expect(warnings(logs)).toEqual([
      'Slack Web API chat.postMessage failed: HTTP 503 Service Unavailable',
      'Slack Web API chat.postMessage was rate limited: HTTP 429, Retry-After 0',
    ]);
  });

  it('counts each attempt on /metrics by method and outcome', async () => {
    const text = await metrics.text();
    expect(text).toContain('starttls_slack_api_calls_total{method="chat.postMessage",outcome="http_503"} 1');
    expect(text).toContain('starttls_slack_api_calls_total{method="chat.postMessage",outcome="rate_limited"} 1');
    expect(text).toContain('starttls_slack_api_calls_total{method="chat.postMessage",outcome="ok"} 1');
  });
});

describe('bot start-up: one logger per process', () => {
  it('writes through the logger main.ts made (which also redacts the database password), not one of its own', async () => {
    const slack = await startSlackStandIn();
    const config = loadConfig({ SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0', HOST: '127.0.0.1', REPLICA_ID: 'replica-7' });
    const processLines: string[] = [];
    const ownLines: string[] = [];
    const logger = botProcessLogger(config, { secrets: ['database-password-value'], write: (line) => processLines.push(line) });
    const bot = createApp({ config, checker: checkTarget, logger, logWrite: (line) => ownLines.push(line), botIdentity: { botId: 'B1', botUserId: 'U1' } });
    try {
      await bot.start();
      bot.app.logger.warn('cannot reach postgres://starttls:database-password-value@db/starttls');
      expect(ownLines).toEqual([]);
      const lines = processLines.map((l) => JSON.parse(l) as { msg: string; replica: string });
      expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['listening for Slack requests', 'starttls-bot started', 'cannot reach postgres://starttls:[redacted]@db/starttls']));
      expect(lines.every((l) => l.replica === 'replica-7')).toBe(true);
    } finally {
      await bot.stop();
      await slack.close();
    }
  });
});

describe('npm start with a token Slack refuses (dist/slack/main.js)', () => {
  it('prints one line naming SLACK_BOT_TOKEN and exits 1', async () => {
    assertDistBuilt();
    const slack = await startSlackStandIn();
    slack.script('auth.test', { body: { ok: false, error: 'invalid_auth' } });
    const dataDir = mkdtempSync(join(tmpdir(), 'starttls-startup-'));
    try {
      const child = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'slack', 'main.js')], {
        cwd: dataDir,
        env: { PATH: process.env.PATH, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0', HOST: '127.0.0.1', STARTTLS_DATA_DIR: dataDir },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      const plain = stderr.split('\n').filter((line) => line !== '' && !line.startsWith('{'));
      expect(plain).toEqual([
        'starttls-bot: Slack rejected SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token (xoxb-…) again from the OAuth & Permissions page, and reinstall the app if it was revoked',
      ]);
      expect(stderr).not.toContain(TEST_BOT_TOKEN);
    } finally {
      await slack.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
