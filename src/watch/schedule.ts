import type { Watch } from './watch-model';

/** A random number in [0, 1), injectable for deterministic jitter in tests. */
export type Random = () => number;

export const DEFAULT_JITTER_RATIO = 0.1;
const FIRST_RUN_SPREAD_MS = 10_000;

/**
 * When a watch runs next. Anchored to when it was due, not when it finished, so
 * it keeps its cadence; after downtime (overdue by a whole interval or more) it
 * ran once and the next run is an interval from now, not a burst of catch-up
 * runs. Jitter of ±ratio×interval spreads watches made together across time
 * instead of firing them all on the same second.
 */
export function nextRunAt(watch: Pick<Watch, 'nextRunAt' | 'intervalMs'>, finishedAt: number, random: Random, jitterRatio = DEFAULT_JITTER_RATIO): number {
  const interval = watch.intervalMs;
  const planned = watch.nextRunAt + interval;
  const base = planned > finishedAt ? planned : finishedAt + interval;
  const jitter = (random() * 2 - 1) * jitterRatio * interval;
  return Math.round(Math.max(base + jitter, finishedAt + interval / 2));
}

/** A new watch runs soon, spread over a few seconds so a batch of new watches does not fire at once. */
export function firstRunAt(now: number, intervalMs: number, random: Random): number {
  return now + Math.round(random() * Math.min(intervalMs * DEFAULT_JITTER_RATIO, FIRST_RUN_SPREAD_MS));
}
