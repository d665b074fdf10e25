import { MemoryRateWindows, type RateWindows } from '../admission/rate-limiter';
import { MemoryStore, type DomainReportStore, type ReportStore } from './report-store';
import { MemorySeenKeys, SEEN_KEYS_TTL_MS, type SeenKeys } from './seen-keys';

/**
 * What the bot keeps between requests. The store's version (src/slack/store-wiring.ts)
 * is shared by every replica and survives restarts; the memory version serves a bot
 * without a store, and tests.
 */
export interface SharedState {
  /** Host reports by Slack message: the buttons, Details and thread pastes under them. */
  reports: ReportStore;
  /** Domain reports (`/starttls mx`) by Slack message. */
  domainReports: DomainReportStore;
  /** Deliveries seen (redelivered commands, clicks and events run once). */
  seen: SeenKeys;
  /** Per-user rate windows. */
  rateWindows: RateWindows;
}

export function memorySharedState(now: () => number = Date.now): SharedState {
  return { reports: new MemoryStore(), domainReports: new MemoryStore(), seen: new MemorySeenKeys(SEEN_KEYS_TTL_MS, undefined, now), rateWindows: new MemoryRateWindows() };
}
