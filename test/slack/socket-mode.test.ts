import { ACTION } from '../../src/slack/action-ids';
import { startBotProcess, type BotProcess } from '../helpers/bot-process';
import { TEST_BOT_TOKEN } from '../helpers/slack-bot';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';
import { startSocketModeStandIn, TEST_APP_TOKEN, type SocketModeStandIn } from '../helpers/socket-mode-stand-in';

const isReport = (call: { body: Record<string, any> }) => call.body.blocks?.[0]?.type === 'header';
const CHANNEL = 'C0SOCKET01';
let counter = 0;

function slashCommand(s: SocketModeStandIn, text: string): Record<string, unknown> {
  const n = ++counter;
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0TEST001',
    team_domain: 'contoso',
    channel_id: CHANNEL,
    channel_name: 'mail-ops',
    user_id: `U0SOCKET${String(n).padStart(2, '0')}`,
    user_name: 'operator',
    command: '/starttls',
    text,
    api_app_id: 'A0STARTTLS',
    is_enterprise_install: 'false',
    response_url: s.slack.responseUrl(`socket-${n}`),
    trigger_id: `trigger-socket-${n}`,
  };
}

function rerunClick(s: SocketModeStandIn, messageTs: string, value: string): Record<string, unknown> {
  const n = ++counter;
  return {
    type: 'block_actions',
    api_app_id: 'A0STARTTLS',
    team: { id: 'T0TEST001', domain: 'contoso' },
    user: { id: 'U0SOCKETCL', username: 'colleague', team_id: 'T0TEST001' },
    channel: { id: CHANNEL, name: 'mail-ops' },
    container: { type: 'message', message_ts: messageTs, channel_id: CHANNEL, is_ephemeral: false },
    message: { type: 'message', ts: messageTs, text: 'report' },
    response_url: s.slack.responseUrl(`click-${n}`),
    trigger_id: `trigger-click-${n}`,
    actions: [{ type: 'button', action_id: ACTION.rerun, block_id: 'starttls_report_actions', value, text: { type: 'plain_text', text: 'Re-run' }, action_ts: `1700000100.${n}` }],
  };
}

function botEnv(s: SocketModeStandIn, smtp: RunningServer, replica: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_APP_TOKEN: TEST_APP_TOKEN,
    SLACK_API_URL: s.slack.apiUrl,
    METRICS_PORT: '0',
    HOST: '127.0.0.1',
    REPLICA_ID: replica,
    STARTTLS_ALLOWED_TARGETS: '127.0.0.1',
    STARTTLS_ALLOWED_PORTS: String(smtp.port),
  };
}

async function readyz(port: number): Promise<{ status: number; body: any }> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: res.status, body: await res.json() };
}

/** /readyz, asked again until it answers 200 (or about 5 s pass). */
async function untilReady(port: number): Promise<{ status: number; body: any }> {
  let ready = await readyz(port);
  for (let i = 0; ready.status !== 200 && i < 200; i++) {
    await new Promise((r) => setTimeout(r, 25));
    ready = await readyz(port);
  }
  return ready;
}

/** The report chat.update for the progress message a command posted. */
function reportFor(s: SocketModeStandIn, userId: string) {
  const progress = s.slack.callsOf('chat.postMessage').find((c) => JSON.stringify(c.body).includes(userId));
  return progress && s.slack.callsOf('chat.update').find((c) => c.body.ts === s.slack.tsOf(progress) && isReport(c));
}

describe('Socket Mode end to end: one bot process', () => {
  let s: SocketModeStandIn;
  let smtp: RunningServer;
  let bot: BotProcess;
  let metricsPort: number;

  beforeAll(async () => {
    s = await startSocketModeStandIn();
    smtp = await startSmtpServer({ name: 'socket.example.test', hideSTARTTLS: true });
    bot = startBotProcess(botEnv(s, smtp, 'socket-1'));
    metricsPort = (await bot.logLine('serving /healthz, /readyz and /metrics')).metricsPort;
    await bot.logLine('starttls-bot started');
  });
  afterAll(async () => {
    await bot.stop();
    await Promise.all([s.close(), smtp.close()]);
  });

  it('connects with the app token after Slack accepted the bot token, and is ready', async () => {
    expect(s.slack.callsOf('auth.test').map((c) => c.authorization)).toEqual([`Bearer ${TEST_BOT_TOKEN}`]);
    expect(s.slack.callsOf('apps.connections.open').map((c) => c.authorization)).toEqual([`Bearer ${TEST_APP_TOKEN}`]);
    expect(s.open()).toHaveLength(1);
    expect(await readyz(metricsPort)).toEqual({ status: 200, body: { ready: true, checks: { slack: 'ok', store: 'ok' } } });
    expect((await fetch(`http://127.0.0.1:${metricsPort}/healthz`)).status).toBe(200);
  });

  let report: Record<string, any>;
  it('acks a slash_commands envelope once, by its envelope_id, and posts the report', async () => {
    const command = slashCommand(s, `127.0.0.1 ${smtp.port}`);
    const envelope = s.send('slash_commands', command);
    const found = await s.slack.waitFor('the report', () => reportFor(s, String(command.user_id)));
    report = found.body;
    expect(JSON.stringify(report.blocks)).toContain('STARTTLS not advertised');
    expect(s.acksOf(envelope)).toHaveLength(1);
    expect(s.acksOf(envelope)[0].connection).toBe(1);
  });

  it('acks an interactive envelope (Re-run on the report) and re-runs in the thread', async () => {
    const value = report.blocks.find((b: { type: string }) => b.type === 'actions').elements[0].value;
    const from = s.slack.callsOf('chat.postMessage').length;
    const envelope = s.send('interactive', rerunClick(s, report.ts, value));
    const progress = await s.slack.waitFor('the re-run in the thread', () => s.slack.callsOf('chat.postMessage').slice(from).find((c) => c.body.thread_ts === report.ts));
    await s.slack.waitFor('the re-run result', () => s.slack.callsOf('chat.update').find((c) => c.body.ts === s.slack.tsOf(progress) && isReport(c)));
    expect(s.acksOf(envelope)).toHaveLength(1);
  });

  it('reconnects after Slack asks it to (disconnect), not ready until the new connection says hello', async () => {
    s.holdHello(true);
    s.disconnect(1);
    await s.slack.waitFor('a new connection', () => s.connections.length === 2 && s.connections[0].open === false);
    expect(s.slack.callsOf('apps.connections.open')).toHaveLength(2);
    const notReady = await readyz(metricsPort);
    expect(notReady.status).toBe(503);
    expect(notReady.body.checks.slack).toBe('Socket Mode WebSocket not connected');
    s.holdHello(false);
    expect((await untilReady(metricsPort)).status).toBe(200);

    const command = slashCommand(s, `127.0.0.1 ${smtp.port}`);
    const envelope = s.send('slash_commands', command);
    await s.slack.waitFor('the report after reconnecting', () => reportFor(s, String(command.user_id)));
    expect(s.acksOf(envelope)).toEqual([expect.objectContaining({ connection: 2 })]);
  });
  it('restores the connection when apps.connections.open fails for a while, saying why at each retry', async () => {
    s.slack.script('apps.connections.open', { status: 503, body: 'busy' }, { status: 503, body: 'busy' });
    const current = s.open()[0].id;
    s.disconnect(current);
    await s.slack.waitFor('a connection after two refusals', () => s.open().find((c) => c.id > current), 30_000);
    expect(s.slack.callsOf('apps.connections.open').slice(-3).map((c) => c.answer.status ?? 200)).toEqual([503, 503, 200]);
    const warnings = bot
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
      .filter((e) => e.level === 'warn')
      .map((e) => e.msg);
    expect(warnings).toEqual(
      expect.arrayContaining([
        `Slack is unreachable at ${s.slack.apiUrl} (apps.connections.open: HTTP 503 Service Unavailable); retrying in 1 s`,
        `Slack is unreachable at ${s.slack.apiUrl} (apps.connections.open: HTTP 503 Service Unavailable); retrying in 2 s`,
      ]),
    );
    expect((await untilReady(metricsPort)).status).toBe(200);
  });
});

describe('Socket Mode: an app token Slack refuses', () => {
  it('stops at start with one line naming SLACK_APP_TOKEN, exit status 1', async () => {
    const s = await startSocketModeStandIn();
    const smtp = await startSmtpServer({});
    s.slack.script('apps.connections.open', { body: { ok: false, error: 'invalid_auth' } });
    const bot = startBotProcess(botEnv(s, smtp, 'socket-refused'));
    try {
      const code = await new Promise<number | null>((resolve) => bot.child.once('exit', resolve));
      expect(code).toBe(1);
      expect(bot.stderr().split('\n').filter((l) => l !== '' && !l.startsWith('{'))).toEqual([
        'starttls-bot: Slack rejected SLACK_APP_TOKEN (invalid_auth): create an app-level token with the connections:write scope on the Basic Information page and set it again',
      ]);
      expect(s.open()).toHaveLength(0);
    } finally {
      await bot.stop();
      await Promise.all([s.close(), smtp.close()]);
    }
  });
});

describe('Socket Mode end to end: two bot processes sharing the events', () => {
  let s: SocketModeStandIn;
  let smtp: RunningServer;
  let bots: BotProcess[];

  beforeAll(async () => {
    s = await startSocketModeStandIn();
    smtp = await startSmtpServer({ name: 'replicas.example.test', hideSTARTTLS: true });
    bots = [startBotProcess(botEnv(s, smtp, 'socket-a')), startBotProcess(botEnv(s, smtp, 'socket-b'))];
    await Promise.all(bots.map((b) => b.logLine('starttls-bot started')));
  });
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await Promise.all([s.close(), smtp.close()]);
  });

  it('each envelope is acked once, by the connection it went to, and each command is reported once', async () => {
    expect(s.open()).toHaveLength(2);
    const commands = [1, 2, 3, 4].map(() => slashCommand(s, `127.0.0.1 ${smtp.port}`));
    const envelopes = commands.map((c) => s.send('slash_commands', c));
    for (const c of commands) await s.slack.waitFor('each report', () => reportFor(s, String(c.user_id)), 30_000);
    for (const [i, envelope] of envelopes.entries()) {
      expect(s.acksOf(envelope)).toEqual([expect.objectContaining({ connection: s.open()[i % 2].id })]);
    }
    for (const c of commands) {
      const posts = s.slack.callsOf('chat.postMessage').filter((p) => JSON.stringify(p.body).includes(String(c.user_id)));
      expect(posts).toHaveLength(1);
      expect(s.slack.callsOf('chat.update').filter((u) => u.body.ts === s.slack.tsOf(posts[0]) && isReport(u))).toHaveLength(1);
    }
  });
});
