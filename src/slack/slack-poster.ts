import type { MessagePoster, SendFailure } from '../watch/message-poster';
import type { SlackMessage } from './blocks/message';

/** The two Web API calls the outbox needs, and what their errors mean; production backs it with a WebClient. */
export type SlackPoster = MessagePoster<SlackMessage>;

/** Errors Slack returns in ok:false bodies that mean "try again", not "no". */
const TRANSIENT_PLATFORM_ERRORS = ['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited', 'team_added_to_org'];

const DEFAULT_RETRY_AFTER_MS = 30_000;

/** Classify what a SlackPoster threw; WebClient errors by their documented `code`s. */
export function classifyPostFailure(err: unknown): SendFailure {
  const e = (err ?? {}) as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string }; message?: string };
  switch (e.code) {
    case 'slack_webapi_rate_limited_error': {
      const seconds = typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) && e.retryAfter >= 0 ? e.retryAfter : DEFAULT_RETRY_AFTER_MS / 1000;
      return { kind: 'rate-limited', retryAfterMs: seconds * 1000, detail: `rate limited (Retry-After ${seconds}s)` };
    }
    case 'slack_webapi_platform_error': {
      const error = e.data?.error ?? 'unknown_error';
      return TRANSIENT_PLATFORM_ERRORS.includes(error) ? { kind: 'transient', detail: error } : { kind: 'permanent', detail: error };
    }
    case 'slack_webapi_http_error':
      return (e.statusCode ?? 500) >= 500 ? { kind: 'transient', detail: `HTTP ${e.statusCode ?? '?'}` } : { kind: 'permanent', detail: `HTTP ${e.statusCode}` };
    default:
      // Request errors (network, timeouts) and anything unrecognised: assume it may work later.
      return { kind: 'transient', detail: String(e.message ?? e.code ?? err).slice(0, 200) };
  }
}
