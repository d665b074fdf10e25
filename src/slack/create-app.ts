import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type webApi } from '@slack/bolt';
import type { Checker } from '../check/checker';
import { DnsClient, type DomainResolver } from '../domain-policy';
import type { WatchService } from '../watch/watch-service';
import { RateLimiter } from '../policy/rate-limiter';
import { systemResolver, type ResolveAddresses } from '../policy/resolve-addresses';
import { BackgroundTasks } from './background-tasks';
import type { BotDeps } from './bot-deps';
import type { SlackConfig } from './config';
import { healthRoute } from './health-route';
import { registerListeners } from './listeners';
import { boltLogger, createLogger } from './logger';
import { MemoryReportStore, MemoryStore, type ReportStore } from './report-store';
import { SeenKeys } from './seen-keys';

export interface CreateAppOptions {
  config: SlackConfig;
  /** checkTarget in-process, or the worker pool's Checker. */
  checker: Checker;
  /** Where log lines go (stderr by default); redaction applies either way. */
  logWrite?: (line: string) => void;
  resolve?: ResolveAddresses;
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
}

export interface Bot {
  app: App;
  /** HTTP mode: resolves with the port listened on. */
  start(): Promise<{ port?: number }>;
  stop(): Promise<void>;
  /** Resolves when no command or click is being worked on. */
  idle(): Promise<void>;
}

const DEFAULT_RETRY: webApi.RetryOptions = { retries: 4, factor: 2, minTimeout: 1000, maxTimeout: 15_000, randomize: true };

export function createApp(options: CreateAppOptions): Bot {
  const { config } = options;
  const secrets = [config.botToken, config.signingSecret, config.appToken].filter((s): s is string => s !== undefined);
  const logger = createLogger({ level: config.logLevel, secrets, ...(options.logWrite ? { write: options.logWrite } : {}) });
  const deps: BotDeps = {
    config,
    checker: options.checker,
    resolve: options.resolve ?? systemResolver(),
    limiter: new RateLimiter(config.rateLimit, options.now),
    store: options.store ?? new MemoryReportStore(),
    domainReports: new MemoryStore(),
    domainResolver: options.domainResolver ?? new DnsClient(),
    seen: new SeenKeys(undefined, undefined, options.now),
    tasks: new BackgroundTasks(logger),
    logger,
    ...(options.watches ? { watches: options.watches } : {}),
  };
  const socketMode = config.appToken !== undefined;
  const app = new App({
    token: config.botToken,
    ...(socketMode ? { socketMode: true, appToken: config.appToken } : { signingSecret: config.signingSecret, customRoutes: [healthRoute] }),
    logger: boltLogger(logger, config.logLevel),
    ...(options.botIdentity ?? {}),
    clientOptions: {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      rejectRateLimitedCalls: false,
      retryConfig: options.retryConfig ?? DEFAULT_RETRY,
    },
  });
  app.error(async (err) => logger.error('unhandled listener error', { err }));
  registerListeners(app, deps);
  return {
    app,
    async start() {
      const server = (await (socketMode ? app.start() : app.start({ port: config.port, ...(config.host ? { host: config.host } : {}) }))) as Server | undefined;
      const port = socketMode ? undefined : (server?.address() as AddressInfo | null)?.port;
      logger.info('starttls-bot started', { mode: socketMode ? 'socket' : 'http', port });
      return { port };
    },
    async stop() {
      await app.stop();
      await deps.tasks.idle();
    },
    idle: () => deps.tasks.idle(),
  };
}
