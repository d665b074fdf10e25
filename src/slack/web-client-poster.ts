import { webApi } from '@slack/bolt';
import type { SlackMessage } from './blocks/message';
import { classifyPostFailure, type SlackPoster } from './slack-poster';

export interface WebClientPosterOptions {
  slackApiUrl?: string;
  timeoutMs?: number;
  /** Counts calls for /metrics and names the cause of a failed one. */
  fetch?: webApi.FetchFunction;
}

/**
 * A WebClient that does not retry or wait on its own: 429s and 5xx come back
 * at once as errors, and the outbox reschedules them (honouring Retry-After)
 * without holding a request open or losing the message on a restart.
 */
export function webClientPoster(token: string, options: WebClientPosterOptions = {}): SlackPoster {
  const client = new webApi.WebClient(token, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? 15_000,
    logLevel: webApi.LogLevel.ERROR,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    async post(channel: string, message: SlackMessage, threadTs?: string): Promise<string> {
      const result = await client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
      return String(result.ts);
    },
    async update(channel: string, ts: string, message: SlackMessage): Promise<void> {
      await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    },
    classify: classifyPostFailure,
  };
}
