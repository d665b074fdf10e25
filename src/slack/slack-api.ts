import type { types, webApi } from '@slack/bolt';
import { UserFacingError } from '../starttls-error';
import type { SlackMessage } from './blocks/message';

/**
 * Every Web API method the bot calls, with the bot scope it needs. The manifest
 * test holds manifest.yml's scopes to exactly these plus `commands`.
 */
export const METHOD_SCOPES = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'views.publish': null,
} as const;

/**
 * Not a Web API method: fetching an uploaded file's url_private_download with the bot token
 * (file-download.ts) needs this scope. The manifest test adds it when the code downloads.
 */
export const FILE_DOWNLOAD_SCOPE = 'files:read';

/** The manifest's bot_events, each with the scope Slack requires to deliver it. */
export const EVENT_SCOPES = {
  app_home_opened: null,
  /** Thread replies under the bot's reports, in public and in private channels. */
  'message.channels': 'channels:history',
  'message.groups': 'groups:history',
} as const;

export const SLACK_API_ERROR_CODES = ['SLACK_NOT_IN_CHANNEL', 'SLACK_UNAVAILABLE', 'SLACK_REJECTED'] as const;
export type SlackApiErrorCode = (typeof SLACK_API_ERROR_CODES)[number];

/** A Web API call that failed after the client's own retries (429 with Retry-After, 5xx). */
export class SlackApiError extends UserFacingError<SlackApiErrorCode> {
  static override readonly codes = SLACK_API_ERROR_CODES;
  constructor(
    code: SlackApiErrorCode,
    message: string,
    readonly slackError?: string,
  ) {
    super(code, message);
  }
}

const NOT_IN_CHANNEL = ['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action'];

/** Thin wrapper: one function per method the bot uses, Slack's failures turned into SlackApiError. */
export class SlackApi {
  constructor(private readonly client: webApi.WebClient) {}

  async post(channel: string, message: SlackMessage, threadTs?: string): Promise<string> {
    const result = await this.call(() =>
      this.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, ...(threadTs ? { thread_ts: threadTs } : {}), unfurl_links: false, unfurl_media: false }),
    );
    return String(result.ts);
  }

  async update(channel: string, ts: string, message: SlackMessage): Promise<void> {
    await this.call(() => this.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }));
  }

  async publishHome(userId: string, view: types.HomeView): Promise<void> {
    await this.call(() => this.client.views.publish({ user_id: userId, view }));
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toSlackApiError(err);
    }
  }
}

function toSlackApiError(err: unknown): SlackApiError {
  const e = err as { code?: string; data?: { error?: string }; statusCode?: number; message?: string };
  if (e.code === 'slack_webapi_platform_error') {
    const error = e.data?.error ?? 'unknown_error';
    if (NOT_IN_CHANNEL.includes(error)) {
      return new SlackApiError('SLACK_NOT_IN_CHANNEL', 'I cannot post in this conversation: invite me first with /invite @starttls-bot, or use a channel I am in', error);
    }
    return new SlackApiError('SLACK_REJECTED', `Slack refused the message (${error})`, error);
  }
  return new SlackApiError('SLACK_UNAVAILABLE', `Slack's API did not answer in time (${e.statusCode ?? e.code ?? 'network error'}); try again shortly`);
}
