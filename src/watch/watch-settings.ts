import type { CheckRequest } from '../check/check-request';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from './alert-policy';
import { DEFAULT_JITTER_RATIO } from './schedule';

export interface WatchSettings extends AlertSettings {
  /** Alerts go here; unset: to the channel the watch was made in. */
  opsChannel?: string;
  /** Watches checked at the same time at most (the pool limits per host too). */
  maxConcurrentRuns: number;
  jitterRatio: number;
  /** The shortest interval `/starttls watch … every` accepts. */
  minIntervalMs: number;
  /** How long a "Mute" button silences a watch's new alerts. */
  muteMs: number;
  /** When the executor refuses a check (queue full), try again after this long. */
  refusedRetryMs: number;
  /** Results kept per host for history (a full report each, transcripts included: about a day at 5m). */
  keepResults: number;
  /**
   * How long a run's claim on a watch lasts. Longer than any check can take (the pool's
   * watchdog ends a check at its timeout plus a grace): a replica that dies mid-run holds
   * its watches this long, then another replica runs them.
   */
  claimLeaseMs: number;
  /** Added to every check request (timeouts, trust anchors in tests). */
  requestOverrides: Partial<CheckRequest>;
}

export const DEFAULT_WATCH_SETTINGS: WatchSettings = {
  ...DEFAULT_ALERT_SETTINGS,
  maxConcurrentRuns: 8,
  minIntervalMs: 5 * 60_000,
  jitterRatio: DEFAULT_JITTER_RATIO,
  muteMs: 4 * 3_600_000,
  refusedRetryMs: 60_000,
  keepResults: 300,
  claimLeaseMs: 5 * 60_000,
  requestOverrides: {},
};

export function watchSettings(overrides: Partial<WatchSettings> = {}): WatchSettings {
  return { ...DEFAULT_WATCH_SETTINGS, ...overrides };
}

export function alertChannel(settings: Pick<WatchSettings, 'opsChannel'>, watchChannel: string): string {
  return settings.opsChannel ?? watchChannel;
}
