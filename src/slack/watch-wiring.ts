import type { Checker } from '../check/checker';
import { PolicyError } from '../admission/policy-error';
import { admitTarget } from '../admission/target-guard';
import type { ResolveAddresses } from '../admission/resolve-addresses';
import { systemResolver } from '../admission/resolve-addresses';
import type { WatchConfig } from '../watch/watch-config';
import { createWatchRuntime, type WatchRuntime } from '../watch/watch-runtime';
import type { WatchStore } from '../watch/watch-store';
import { renderOutboxMessage } from './blocks/watch-outbox-blocks';
import type { SlackConfig } from './config';
import type { Logger } from './logger';
import { slackFetch, type WebApiObserver } from './web-api-fetch';
import { webClientPoster } from './web-client-poster';

/**
 * Watches for the bot: the store (SQLite or PostgreSQL), alerts posted through
 * their own WebClient (no built-in retries: the outbox retries), and the target
 * policy checked again before every run.
 */
export function watchRuntime(
  config: SlackConfig,
  watchConfig: WatchConfig,
  store: WatchStore,
  checker: Checker,
  logger: Logger,
  observe?: WebApiObserver,
  resolve: ResolveAddresses = systemResolver(),
): WatchRuntime {
  return createWatchRuntime({
    store,
    checker,
    poster: webClientPoster(config.botToken, { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), fetch: slackFetch({ logger, ...(observe ? { observe } : {}) }) }),
    render: renderOutboxMessage,
    settings: watchConfig.settings,
    admit: async (watch) => {
      try {
        await admitTarget(config.targetPolicy, resolve, watch.host, watch.ports);
      } catch (err) {
        // A name that stopped resolving is what a watch exists to report (port-unreachable, damped), not a reason to skip.
        if (!(err instanceof PolicyError && err.code === 'POLICY_UNRESOLVABLE')) throw err;
      }
    },
    logger,
  });
}
