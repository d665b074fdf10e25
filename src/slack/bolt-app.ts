import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, SocketModeReceiver, webApi } from '@slack/bolt';
import type { BotMetrics } from '../metrics/bot-metrics';
import type { OpsEndpoints } from '../metrics/ops-endpoints';
import type { ReadinessCheck } from '../metrics/readiness';
import { slackClientOptions } from './client-options';
import type { SlackConfig } from './config';
import { opsRoutes } from './health-route';
import { boltLogger, type Logger } from './logger';
import { SlackConnection, type Backoff, type BotIdentity, type SlackAuthError } from './slack-connection';
import { slackFetch } from './web-api-fetch';

export interface BoltAppOptions {
  config: SlackConfig;
  logger: Logger;
  retryConfig: webApi.RetryOptions;
  metrics?: BotMetrics;
  readiness?: ReadinessCheck[];
  startupBackoff?: Backoff;
  botIdentity?: BotIdentity;
  clientPingTimeoutMs?: number;
  onFatal?: (err: SlackAuthError) => void;
}

export interface BoltApp {
  app: App;
  ops: OpsEndpoints;
  start(): Promise<{ port?: number; connected: boolean }>;
  stop(): Promise<void>;
}

/**
 * The Bolt app and its link to Slack: HTTP receiver (with the ops routes) or Socket Mode
 * receiver, the WebClients' options, the token check at start and the Socket Mode reconnects.
 */
export function boltApp(options: BoltAppOptions): BoltApp {
  const { config, logger, metrics } = options;
  const socketMode = config.appToken !== undefined;
  const connection = new SlackConnection({
    logger,
    apiUrl: config.apiUrl ?? 'https://slack.com/api/',
    ...(options.startupBackoff ? { backoff: options.startupBackoff } : {}),
    ...(options.botIdentity ? { identity: options.botIdentity } : {}),
    ...(options.onFatal ? { onFatal: options.onFatal } : {}),
  });
  const ops: OpsEndpoints = {
    readiness: [{ name: 'slack', check: () => connection.check() }, ...(options.readiness ?? [])],
    ...(metrics ? { metrics } : {}),
  };
  const clientOptions = slackClientOptions({ apiUrl: config.apiUrl, retryConfig: options.retryConfig, logger, ...(metrics ? { observe: metrics.observeWebApi } : {}) });
  const boltLog = boltLogger(logger, config.logLevel);
  // apps.connections.open unretried: the connection's loop retries it with backoff and says why.
  const receiver = socketMode
    ? new SocketModeReceiver({
        appToken: config.appToken!,
        logger: boltLog,
        autoReconnectEnabled: false,
        installerOptions: { clientOptions: { ...clientOptions, retryConfig: { retries: 0 } } },
        ...(options.clientPingTimeoutMs ? { clientPingTimeout: options.clientPingTimeoutMs } : {}),
      })
    : undefined;
  if (receiver) connection.followSocket(receiver.client);
  // authorize instead of token: Bolt would call auth.test itself in the constructor, unretried and unexplained.
  const app = new App({
    authorize: connection.authorize(config.botToken),
    ...(receiver ? { receiver } : { signingSecret: config.signingSecret, customRoutes: opsRoutes(ops) }),
    logger: boltLog,
    clientOptions,
  });
  // auth.test's own attempts are counted, but the connection's retry loop does the telling.
  const authClient = new webApi.WebClient(config.botToken, { ...clientOptions, retryConfig: { retries: 0 }, fetch: slackFetch(metrics ? { observe: metrics.observeWebApi } : {}), logger: boltLog });
  let stopped = false;
  return {
    app,
    ops,
    async start() {
      let port: number | undefined;
      if (!socketMode) {
        const server = (await app.start({ port: config.port, ...(config.host ? { host: config.host } : {}) })) as Server | undefined;
        port = (server?.address() as AddressInfo | null)?.port;
        logger.info('listening for Slack requests', { port });
      }
      if (!(await connection.verify(authClient)) || stopped) return { port, connected: false };
      if (socketMode) {
        if (!(await connection.untilReachable('SLACK_APP_TOKEN', 'apps.connections.open', () => app.start()))) return { port, connected: false };
        connection.connected();
      }
      logger.info('starttls-bot started', { mode: socketMode ? 'socket' : 'http', port });
      return { port, connected: true };
    },
    async stop() {
      stopped = true;
      connection.stop();
      await app.stop();
    },
  };
}
