import type { Store } from '../storage/open-store';
import type { OutboxPayload } from '../watch/outbox-payload';
import type { ProblemSummary } from '../watch/problems';
import type { WatchState } from '../watch/watch-state';
import type { WatchStore } from '../watch/watch-store';
import type { Logger } from './logger';
import { SEEN_KEYS_TTL_MS } from './seen-keys';
import type { SharedState } from './shared-state';

/*
 * Where the store (src/storage, which knows nothing of watches or Slack) meets
 * the ports the watch and Slack code own: the compiler checks here that the
 * store's records fit their models.
 */

export function watchStoreOf(store: Store): WatchStore {
  return store.watchStore<ProblemSummary, OutboxPayload, WatchState>();
}

/** Reports, seen deliveries and rate windows in the store: the same for every replica, and after a restart. */
export function sharedStateOf(store: Store, now?: () => number): SharedState {
  return {
    reports: store.documents('report', now),
    domainReports: store.documents('domain-report', now),
    seen: store.seenKeys(SEEN_KEYS_TTL_MS, now),
    rateWindows: store.rateWindows,
  };
}

const HOUSEKEEPING_EVERY_MS = 3_600_000;

/** Hourly: drop reports, deliveries and windows nobody can use any more. Returns a stop function. */
export function startHousekeeping(store: Store, logger: Logger): () => void {
  const timer = setInterval(() => {
    store.prune(Date.now()).catch((err) => logger.warn('store housekeeping failed', { err }));
  }, HOUSEKEEPING_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
