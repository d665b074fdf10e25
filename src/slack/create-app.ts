import type { App, webApi } from '@slack/bolt';
import type { Checker } from '../check/checker';
import { DnsClient, type DomainResolver } from '../domain-check';
import type { WatchService } from '../watch/watch-service';
import { RateLimiter } from '../admission/rate-limiter';
import { systemResolver, type ResolveAddresses } from '../admission/resolve-addresses';
import { BackgroundTasks } from './background-tasks';
import type { BotDeps } from './bot-deps';
import type { SlackConfig } from './config';
import type { BotMetrics } from '../metrics/bot-metrics';
import type { OpsEndpoints } from '../metrics/ops-endpoints';
import type { ReadinessCheck } from '../metrics/readiness';
import { boltApp } from './bolt-app';
import type { Backoff, SlackAuthError } from './slack-connection';
import { registerListeners } from './listeners';
import { botProcessLogger, type Logger } from './logger';
import type { ReportStore } from './report-store';
import { memorySharedState, type SharedState } from './shared-state';

export interface CreateAppOptions {
  config: SlackConfig;
  /** checkTarget in-process, or the worker pool's Checker. */
  checker: Checker;
  /** The process's logger (main.ts makes it once); without it the app makes its own, writing to logWrite. */
  logger?: Logger;
  /** Where the app's own logger writes (stderr by default); redaction applies either way. */
  logWrite?: (line: string) => void;
  resolve?: ResolveAddresses;
  /** Reports, seen deliveries and rate windows: the store's in production (shared by replicas); in memory by default. */
  shared?: Partial<SharedState>;
  /** Host reports by message (overrides shared.reports). */
  store?: ReportStore;
  /** DNS for `/starttls mx` (the system's name servers by default); tests point it at a loopback server. */
  domainResolver?: DomainResolver;
  now?: () => number;
  /** The WebClient's retries for 429 (after Retry-After) and 5xx answers. */
  retryConfig?: webApi.RetryOptions;
  /** Known bot identity, which spares the auth.test call at start-up. */
  botIdentity?: { botId: string; botUserId: string };
  /** Watches and alerts (`/starttls watch`, alert buttons, the Home tab's list). */
  watches?: WatchService;
  /** Counts Web API calls; served on /metrics. */
  metrics?: BotMetrics;
  /** Checks /readyz runs besides Slack's (e.g. the store's ping). */
  readiness?: ReadinessCheck[];
  /** Waits between auth.test attempts while Slack cannot be reached. */
  startupBackoff?: Backoff;
  /** Socket Mode: how long to wait for a pong from Slack. */
  clientPingTimeoutMs?: number;
  /** Slack refused a token after start-up (the app token, when reconnecting); default: logged, and /readyz stays 503. */
  onFatal?: (err: SlackAuthError) => void;
}

export interface Bot {
  app: App;
  /**
   * HTTP mode listens first (so /healthz and /readyz answer), then checks the token with
   * auth.test, retrying while Slack cannot be reached; Socket Mode then connects. Rejects with
   * SlackAuthError when Slack refuses a token. `connected` is false when stopped before Slack answered.
   */
  start(): Promise<{ port?: number; connected: boolean }>;
  stop(): Promise<void>;
  /** Resolves when no command or click is being worked on. */
  idle(): Promise<void>;
  /** What /healthz, /readyz and /metrics serve (also on METRICS_PORT). */
  ops: OpsEndpoints;
}

const DEFAULT_RETRY: webApi.RetryOptions = { retries: 4, factor: 2, minTimeout: 1000, maxTimeout: 15_000, randomize: true };

export function createApp(options: CreateAppOptions): Bot {
  const { config } = options;
  const logger = options.logger ?? botProcessLogger(config, { write: options.logWrite });
  const shared: SharedState = { ...memorySharedState(options.now), ...options.shared };
  const deps: BotDeps = {
    config,
    checker: options.checker,
    resolve: options.resolve ?? systemResolver(),
    limiter: new RateLimiter(config.rateLimit, shared.rateWindows, options.now),
    store: options.store ?? shared.reports,
    domainReports: shared.domainReports,
    domainResolver: options.domainResolver ?? new DnsClient(),
    seen: shared.seen,
    tasks: new BackgroundTasks(logger),
    logger,
    ...(options.watches ? { watches: options.watches } : {}),
  };
  // Bolt, its receiver and its link to Slack (token check, reconnects, ops routes): bolt-app.ts.
  const bolt = boltApp({ ...options, logger, retryConfig: options.retryConfig ?? DEFAULT_RETRY });
  const { app } = bolt;
  app.error(async (err) => logger.error('unhandled listener error', { err }));
  registerListeners(app, deps);
  return {
    app,
    ops: bolt.ops,
    start: () => bolt.start(),
    async stop() {
      await bolt.stop();
      await deps.tasks.idle();
    },
    idle: () => deps.tasks.idle(),
  };
}
