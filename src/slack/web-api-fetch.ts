import type { webApi } from '@slack/bolt';
import { StarttlsError } from '../starttls-error';
import type { Logger } from './logger';
import { describeRequestFailure, type FailureOutcome, type RequestFailure } from './request-failure';

/** ok, Slack's `ok: false` answer, a 429, another HTTP status (`http_503`), or why the request never got an answer. */
export type WebApiOutcome = 'ok' | 'slack_error' | 'rate_limited' | `http_${number}` | FailureOutcome;

export interface WebApiCall {
  method: string;
  outcome: WebApiOutcome;
}

export type WebApiObserver = (call: WebApiCall) => void;

/** The request never got an answer; the message says why (the WebClient logs and wraps it). */
export class SlackRequestError extends StarttlsError {
  static override readonly codes = ['SLACK_REQUEST_FAILED'] as const;
  readonly code = 'SLACK_REQUEST_FAILED';
  readonly userVisible = false;
  constructor(
    readonly method: string,
    readonly failure: RequestFailure,
    options: { cause: unknown },
  ) {
    super(failure.cause, options);
  }
}

export interface SlackFetchOptions {
  /** Warns once per failed attempt, naming the method and the cause; absent: silent (the caller reports). */
  logger?: Logger;
  observe?: WebApiObserver;
  base?: typeof fetch;
}

/**
 * The WebClient's fetch: counts every attempt by method and outcome, and turns
 * undici's bare "fetch failed" into an error (and a warning) naming the cause.
 */
export function slackFetch(options: SlackFetchOptions = {}): webApi.FetchFunction {
  const base = options.base ?? globalThis.fetch;
  const observe = options.observe ?? (() => undefined);
  return async (url, init) => {
    const method = methodOf(url);
    let response: Response;
    try {
      response = await base(url, init);
    } catch (err) {
      const failure = describeRequestFailure(err);
      observe({ method, outcome: failure.outcome });
      options.logger?.warn(`Slack Web API ${method} failed: ${failure.cause}`, { component: 'web-api', method, cause: failure.outcome });
      throw new SlackRequestError(method, failure, { cause: err });
    }
    const outcome = await outcomeOf(response);
    observe({ method, outcome });
    if (outcome === 'rate_limited') {
      options.logger?.warn(`Slack Web API ${method} was rate limited: HTTP 429, Retry-After ${response.headers.get('retry-after') ?? 'not given'}`, { component: 'web-api', method, cause: outcome });
    } else if (outcome.startsWith('http_')) {
      options.logger?.warn(`Slack Web API ${method} failed: HTTP ${response.status} ${response.statusText}`.trim(), { component: 'web-api', method, cause: outcome });
    }
    return response;
  };
}

async function outcomeOf(response: Response): Promise<WebApiOutcome> {
  if (response.status === 429) return 'rate_limited';
  if (response.status !== 200) return `http_${response.status}`;
  if (!(response.headers.get('content-type') ?? '').includes('json')) return 'ok';
  try {
    const body = (await response.clone().json()) as { ok?: unknown };
    return body.ok === false ? 'slack_error' : 'ok';
  } catch {
    return 'ok';
  }
}

/** The Web API method from the request URL (…/api/chat.postMessage), bounded for use as a metric label. */
function methodOf(url: string | URL): string {
  const last = new URL(String(url)).pathname.split('/').pop() ?? '';
  return /^[a-z]+(?:\.[A-Za-z]+){1,3}$/.test(last) ? last : 'other';
}
