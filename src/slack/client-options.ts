import type { webApi } from '@slack/bolt';
import type { Logger } from './logger';
import { slackFetch, type WebApiObserver } from './web-api-fetch';

export interface ClientOptionsInput {
  apiUrl?: string;
  retryConfig: webApi.RetryOptions;
  logger: Logger;
  observe?: WebApiObserver;
}

/** Slack's own answer time is well under this; without a bound a stalled connection would hold a call forever. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Options for every WebClient the app makes (Bolt's, the listeners', Socket Mode's
 * apps.connections.open): the API URL, retries, a timeout, and a fetch that counts
 * calls and names why a failed one failed.
 */
export function slackClientOptions(input: ClientOptionsInput): webApi.WebClientOptions {
  return {
    ...(input.apiUrl ? { slackApiUrl: input.apiUrl } : {}),
    rejectRateLimitedCalls: false,
    retryConfig: input.retryConfig,
    timeout: REQUEST_TIMEOUT_MS,
    fetch: slackFetch({ logger: input.logger, ...(input.observe ? { observe: input.observe } : {}) }),
  };
}
