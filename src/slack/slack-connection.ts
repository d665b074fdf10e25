import type { AuthorizeResult, webApi } from '@slack/bolt';
import { StarttlsError } from '../starttls-error';
import type { Logger } from './logger';
import { describeRequestFailure } from './request-failure';
import { SlackRequestError } from './web-api-fetch';

export interface BotIdentity {
  botId: string;
  botUserId: string;
}

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 60_000 };

export type CredentialVariable = 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN';

/** Slack answered and refused a token: retrying cannot help, the operator must fix the configuration. */
export class SlackAuthError extends StarttlsError {
  static override readonly codes = ['SLACK_AUTH_REJECTED'] as const;
  readonly code = 'SLACK_AUTH_REJECTED';
  /** For the operator's console at start-up, not for a person in Slack. */
  readonly userVisible = false;
  constructor(
    readonly variable: CredentialVariable,
    readonly slackError: string,
  ) {
    super(`Slack rejected ${variable} (${slackError}): ${ADVICE[variable]}`);
  }
}

const ADVICE: Record<CredentialVariable, string> = {
  SLACK_BOT_TOKEN: 'copy the Bot User OAuth Token (xoxb-…) again from the OAuth & Permissions page, and reinstall the app if it was revoked',
  SLACK_APP_TOKEN: 'create an app-level token with the connections:write scope on the Basic Information page and set it again',
};

/** Slack's answers that say "try later" rather than "this token is no good". */
const TRANSIENT_ERRORS = new Set(['ratelimited', 'fatal_error', 'internal_error', 'service_unavailable', 'request_timeout']);

export interface SlackConnectionOptions {
  logger: Logger;
  /** Shown in the unreachable line, so a wrong SLACK_API_URL is visible. */
  apiUrl: string;
  backoff?: Backoff;
  /** Known identity (tests): no auth.test. */
  identity?: BotIdentity;
  /** Slack refused a token after start-up (e.g. the app token revoked while reconnecting). */
  onFatal?: (err: SlackAuthError) => void;
}

/** The parts of the Socket Mode client this follows. */
export interface SocketClient {
  on(event: string, listener: () => void): unknown;
  start(): Promise<unknown>;
}

/**
 * The bot's standing with Slack: whether its token was accepted (auth.test at
 * start, retried with backoff while Slack cannot be reached), and in Socket Mode
 * whether the WebSocket is up. Readiness reports it; Bolt authorizes through it.
 */
/**
 * How long a request that arrives while auth.test is still under way waits for it: Slack
 * wants an acknowledgement within 3 s, so the wait leaves room for the listener to ack.
 */
export const AUTHORIZE_WAIT_MS = 2000;

export class SlackConnection {
  private identity?: BotIdentity;
  private identified!: () => void;
  private readonly whenIdentified = new Promise<void>((resolve) => (this.identified = resolve));
  private socket?: 'up' | 'down';
  /** Socket Mode: set once the first connection is up; from then on a lost connection is ours to restore. */
  private live = false;
  private reconnecting = false;
  private problem = 'not checked yet';
  private readonly stopping = new AbortController();
  private readonly backoff: Backoff;

  constructor(private readonly options: SlackConnectionOptions) {
    this.identity = options.identity;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  /** auth.test until Slack answers; undefined when stopped first. Throws SlackAuthError when the token is refused. */
  async verify(client: webApi.WebClient): Promise<BotIdentity | undefined> {
    if (this.identity) return this.identity;
    const result = await this.untilReachable('SLACK_BOT_TOKEN', 'auth.test', () => client.auth.test());
    if (!result) return undefined;
    this.identity = { botId: String(result.bot_id ?? ''), botUserId: String(result.user_id ?? '') };
    this.identified();
    this.options.logger.info('Slack accepted the bot token', { component: 'startup', team: result.team, botUserId: result.user_id });
    return this.identity;
  }

  /**
   * Runs `attempt` until it succeeds, waiting with exponential backoff while Slack
   * cannot be reached (one warning per attempt, naming the cause). Resolves undefined when stopped.
   */
  async untilReachable<T>(variable: CredentialVariable, what: string, attempt: () => Promise<T>): Promise<T | undefined> {
    for (let n = 0; !this.stopping.signal.aborted; n++) {
      try {
        return await attempt();
      } catch (err) {
        const refused = refusal(err);
        if (refused !== undefined) {
          this.problem = `Slack rejected ${variable} (${refused})`;
          throw new SlackAuthError(variable, refused);
        }
        const delay = Math.min(this.backoff.initialMs * 2 ** n, this.backoff.maxMs);
        this.problem = `Slack unreachable: ${whyCallFailed(err)}`;
        this.options.logger.warn(`Slack is unreachable at ${withoutCredentials(this.options.apiUrl)} (${what}: ${whyCallFailed(err)}); retrying in ${seconds(delay)}`, { component: 'startup', attempt: n + 1 });
        await sleep(delay, this.stopping.signal);
      }
    }
    return undefined;
  }

  /**
   * Bolt's authorize: the identity auth.test found. A request that arrives while auth.test is
   * still under way (the HTTP port opens first) waits for it, briefly; while Slack cannot be
   * reached, requests are refused (readiness says so).
   */
  authorize(botToken: string, waitMs = AUTHORIZE_WAIT_MS): () => Promise<AuthorizeResult> {
    return async () => {
      if (!this.identity) await this.waitForIdentity(waitMs);
      if (!this.identity) throw new Error(`not connected to Slack yet: ${this.problem}`);
      return { botToken, ...this.identity };
    };
  }

  private async waitForIdentity(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    await Promise.race([this.whenIdentified, timeout]);
    clearTimeout(timer);
  }

  /**
   * Socket Mode: follow the WebSocket's state and, once connected, restore a lost connection
   * (Slack recycles them; networks fail) with the same backoff and cause-naming warnings as at
   * start. The client's own reconnect is off: it gives up for good when apps.connections.open fails.
   */
  followSocket(client: SocketClient): void {
    this.socket = 'down';
    client.on('connected', () => {
      this.socket = 'up';
    });
    for (const event of ['connecting', 'reconnecting', 'close']) {
      client.on(event, () => {
        this.socket = 'down';
      });
    }
    client.on('disconnected', () => {
      this.socket = 'down';
      if (this.live && !this.stopping.signal.aborted) void this.reconnect(client);
    });
  }

  /** The first Socket Mode connection is up. */
  connected(): void {
    this.live = true;
  }

  private async reconnect(client: SocketClient): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    this.options.logger.info('Socket Mode connection closed; reconnecting', { component: 'socket-mode' });
    try {
      await this.untilReachable('SLACK_APP_TOKEN', 'apps.connections.open', () => client.start());
    } catch (err) {
      if (!(err instanceof SlackAuthError)) throw err;
      this.options.logger.error(err.message, { component: 'socket-mode' });
      this.options.onFatal?.(err);
    } finally {
      this.reconnecting = false;
    }
  }

  /** Throws with the reason when the bot cannot serve Slack now. */
  check(): void {
    if (!this.identity) throw new Error(this.problem);
    if (this.socket === 'down') throw new Error('Socket Mode WebSocket not connected');
  }

  stop(): void {
    this.stopping.abort();
  }
}

/** Slack's error code when it refused the credential; undefined for anything worth retrying. */
function refusal(err: unknown): string | undefined {
  const e = err as { code?: string; data?: { error?: string } };
  if (e.code !== 'slack_webapi_platform_error') return undefined;
  const error = e.data?.error ?? 'unknown_error';
  return TRANSIENT_ERRORS.has(error) ? undefined : error;
}

/** One phrase for a failed Web API call, whatever layer it failed in. */
export function whyCallFailed(err: unknown): string {
  // The Socket Mode client rejects without a reason when the WebSocket closes before Slack's hello.
  if (err === undefined) return 'the connection closed before Slack said hello';
  const e = err as { code?: string; original?: unknown; statusCode?: number; statusMessage?: string; data?: { error?: string }; message?: string };
  if (e.code === 'slack_webapi_request_error') {
    return e.original instanceof SlackRequestError ? e.original.message : describeRequestFailure(e.original).cause;
  }
  if (e.code === 'slack_webapi_http_error') return `HTTP ${e.statusCode ?? '?'} ${e.statusMessage ?? ''}`.trim();
  if (e.code === 'slack_webapi_platform_error') return `Slack answered ${e.data?.error ?? 'an error'}`;
  if (e.code === 'slack_webapi_rate_limited_error') return 'HTTP 429 rate limited';
  return describeRequestFailure(err).cause;
}

/** A proxy URL may carry user:password; the log gets the rest. */
function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return '(SLACK_API_URL)';
  }
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
