import { checkTarget } from '../../src/check/check-target';
import type { Checker } from '../../src/check/checker';
import { loadConfig } from '../../src/slack/config';
import { createApp, type Bot, type CreateAppOptions } from '../../src/slack/create-app';
import { signedHeaders } from './slack-signature';
import { startSlackStandIn, type SlackStandIn } from './slack-api-stand-in';

export const TEST_BOT_TOKEN = 'xoxb-1111-2222-testtokensecretvalue';
export const TEST_SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const CHANNEL = 'C0INCIDENT';
export const ASKER = 'U0ASKER001';

export interface HttpAnswer {
  status: number;
  body: string;
  /** When the answer arrived. */
  at: number;
}

export interface TestBot {
  bot: Bot;
  url: string;
  slack: SlackStandIn;
  logs: string[];
  /** Sends a signed /starttls; returns the HTTP answer (the acknowledgement). */
  command(text: string, options?: CommandOptions): Promise<HttpAnswer>;
  /** Sends a signed block_actions click on a report message. */
  click(actionId: string, value: string, options: ClickOptions): Promise<HttpAnswer>;
  /** Sends a signed event_callback (Events API) carrying `event`. */
  event(event: Record<string, unknown>): Promise<HttpAnswer>;
  post(body: string, headers: Record<string, string>): Promise<HttpAnswer>;
  stop(): Promise<void>;
}

export interface CommandOptions {
  user?: string;
  channel?: string;
  triggerId?: string;
  responseId?: string;
  headers?: Record<string, string>;
}

export interface ClickOptions {
  messageTs: string;
  channel?: string;
  threadTs?: string;
  user?: string;
  actionTs?: string;
  responseId?: string;
}

let counter = 0;

/** The real Bolt app on an ephemeral loopback port, its Web API pointed at a recording stand-in. */
export async function startTestBot(env: Record<string, string> = {}, checker: Checker = checkTarget, extra: Partial<CreateAppOptions> = {}): Promise<TestBot> {
  const slack = await startSlackStandIn();
  const logs: string[] = [];
  const config = loadConfig({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    STARTTLS_ALLOWED_TARGETS: '127.0.0.1',
    ...env,
  });
  const bot = createApp({
    config,
    checker,
    logWrite: (line) => logs.push(line),
    retryConfig: { retries: 2, minTimeout: 50, maxTimeout: 200 },
    botIdentity: { botId: 'BBOT00001', botUserId: 'UBOTUSER1' },
    ...extra,
  });
  const { port } = await bot.start();
  const url = `http://127.0.0.1:${port}`;
  const post = async (body: string, headers: Record<string, string>): Promise<HttpAnswer> => {
    const res = await fetch(`${url}/slack/events`, { method: 'POST', headers, body });
    return { status: res.status, body: await res.text(), at: Date.now() };
  };
  return {
    bot,
    url,
    slack,
    logs,
    post,
    command: (text, o = {}) => {
      const body = slashCommandBody(slack, text, o);
      return post(body, { ...signedHeaders(TEST_SIGNING_SECRET, body), ...(o.headers ?? {}) });
    },
    click: (actionId, value, o) => {
      const body = clickBody(slack, actionId, value, o);
      return post(body, signedHeaders(TEST_SIGNING_SECRET, body));
    },
    event: (event) => {
      const body = JSON.stringify({
        token: 'deprecated-verification-token',
        team_id: 'T0TEST001',
        api_app_id: 'A0STARTTLS',
        type: 'event_callback',
        event_id: `Ev${++counter}`,
        event_time: Math.floor(Date.now() / 1000),
        event,
      });
      return post(body, { ...signedHeaders(TEST_SIGNING_SECRET, body), 'content-type': 'application/json' });
    },
    stop: async () => {
      await bot.stop();
      await slack.close();
    },
  };
}

/** A /starttls as Slack posts it to the request URL (form-encoded, to be signed). */
export function slashCommandBody(slack: SlackStandIn, text: string, o: CommandOptions = {}): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0TEST001',
    team_domain: 'contoso',
    channel_id: o.channel ?? CHANNEL,
    channel_name: 'incident',
    user_id: o.user ?? ASKER,
    user_name: 'asker',
    command: '/starttls',
    text,
    api_app_id: 'A0STARTTLS',
    response_url: slack.responseUrl(o.responseId ?? `cmd-${++counter}`),
    trigger_id: o.triggerId ?? `trigger-${++counter}`,
  }).toString();
}

/** A block_actions click on a message's button as Slack posts it (form-encoded, to be signed). */
export function clickBody(slack: SlackStandIn, actionId: string, value: string, o: ClickOptions): string {
  const payload = {
    type: 'block_actions',
    api_app_id: 'A0STARTTLS',
    team: { id: 'T0TEST001', domain: 'contoso' },
    user: { id: o.user ?? ASKER, username: 'someone', team_id: 'T0TEST001' },
    channel: { id: o.channel ?? CHANNEL, name: 'incident' },
    container: { type: 'message', message_ts: o.messageTs, channel_id: o.channel ?? CHANNEL, is_ephemeral: false },
    message: { type: 'message', ts: o.messageTs, ...(o.threadTs ? { thread_ts: o.threadTs } : {}), text: 'report' },
    response_url: slack.responseUrl(o.responseId ?? `click-${++counter}`),
    trigger_id: `trigger-${++counter}`,
    actions: [{ type: 'button', action_id: actionId, block_id: 'starttls_report_actions', value, text: { type: 'plain_text', text: 'x' }, action_ts: o.actionTs ?? `1700000001.${++counter}` }],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

type Blockish = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text?: string | { text: string }; action_id?: string; value?: string }[] };

/** All visible text of a message's blocks, one block per line. */
export function visibleText(blocks: Blockish[] | undefined): string {
  return (blocks ?? [])
    .map((b) => [b.text?.text, ...(b.fields ?? []).map((f) => f.text), ...(b.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : e.text?.text))].filter(Boolean).join('\n'))
    .join('\n');
}
