import { checkRequest } from '../check/check-request';
import type { Checker } from '../check/checker';
import type { Report } from '../report/types';
import type { Watch } from '../storage/watch-store';
import { decide } from './alert-policy';
import { applyDecision } from './apply-decision';
import { systemClock, type Clock, type Timer } from './clock';
import { nextRunAt, type Random } from './schedule';
import { alertChannel, watchSettings, type WatchSettings } from './watch-settings';
import type { WatchStores } from './watch-stores';

export interface WatchLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface SchedulerOptions {
  stores: WatchStores;
  checker: Checker;
  clock?: Clock;
  random?: Random;
  settings?: Partial<WatchSettings>;
  /**
   * Checked before every run (the target policy): a watch made while a target was
   * allowed is not probed after the policy, or the name's addresses, changed. Throws to skip the run.
   */
  admit?: (watch: Watch) => Promise<void>;
  /** Called after a run queued Slack messages (wakes the outbox dispatcher). */
  onOutbox?: () => void;
  logger?: WatchLogger;
}

/** Longest sleep between looks at the table, so watches added by another process are noticed. */
const MAX_SLEEP_MS = 60_000;
const PRUNE_EVERY_MS = 3_600_000;
/** Sent and failed Slack messages are kept this long, for looking into what was said. */
const OUTBOX_KEPT_MS = 14 * 86_400_000;

/**
 * Runs due watches through the Checker. The database is the schedule: a claim
 * (running_since) keeps a watch from running twice at once, next_run_at
 * survives restarts, and runs a crash interrupted are released at start.
 */
export class WatchScheduler {
  private readonly stores: WatchStores;
  private readonly checker: Checker;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly settings: WatchSettings;
  private readonly running = new Map<number, Promise<void>>();
  private timer: Timer | undefined;
  private started = false;
  private lastPrune = 0;

  constructor(private readonly options: SchedulerOptions) {
    this.stores = options.stores;
    this.checker = options.checker;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.settings = watchSettings(options.settings);
  }

  /** Release runs a crash left claimed, then keep running due watches until stop(). */
  start(): void {
    const released = this.stores.watches.releaseStale(this.clock.now());
    if (released > 0) this.options.logger?.info('released watch runs interrupted by a restart', { released });
    this.started = true;
    this.arm();
  }

  /** Stop scheduling; runs under way finish and are recorded. */
  async stop(): Promise<void> {
    this.started = false;
    this.timer?.cancel();
    this.timer = undefined;
    await this.idle();
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Claim what is due now and run it; resolves when those runs are recorded. */
  async runDue(): Promise<void> {
    const free = this.settings.maxConcurrentRuns - this.running.size;
    if (free <= 0) return;
    const claimed = this.stores.watches.claimDue(this.clock.now(), free);
    await Promise.all(claimed.map((w) => this.track(w)));
  }

  /** The Re-run button: make a watch due now. False when unknown or already running. */
  rerun(host: string): boolean {
    const made = this.stores.watches.runNow(host, this.clock.now());
    if (made) this.arm(0);
    return made;
  }

  /** A watch was added or changed: look at the schedule again. */
  poke(): void {
    this.arm();
  }

  private track(watch: Watch): Promise<void> {
    const run = this.runWatch(watch)
      .catch((err) => this.options.logger?.warn('watch run failed', { host: watch.host, err }))
      .finally(() => {
        this.running.delete(watch.id);
        this.arm();
      });
    this.running.set(watch.id, run);
    return run;
  }

  private async runWatch(watch: Watch): Promise<void> {
    const request = checkRequest(watch.host, watch.ports, {
      ...this.settings.requestOverrides,
      ...(watch.servername ? { servername: watch.servername } : {}),
      expectNames: watch.expectNames,
    });
    try {
      await this.options.admit?.(watch);
    } catch (err) {
      this.stores.watches.release(watch.id, nextRunAt(watch, this.clock.now(), this.random, this.settings.jitterRatio));
      this.options.logger?.warn('watch run refused by the target policy', { host: watch.host, err });
      return;
    }
    let report: Report;
    try {
      report = await this.checker(request);
    } catch (err) {
      // Not the server's doing (queue full, shutting down): nothing to judge, try again soon.
      this.stores.watches.release(watch.id, this.clock.now() + this.settings.refusedRetryMs);
      this.options.logger?.warn('watch check refused by the executor', { host: watch.host, err });
      return;
    }
    const queued = this.record(watch, report);
    if (queued) this.options.onOutbox?.();
    this.maybePrune();
  }

  /** Result, state, incident and outbox in one transaction. Returns whether Slack messages were queued. */
  private record(watch: Watch, report: Report): boolean {
    const { db, watches, results, states, incidents } = this.stores;
    const now = this.clock.now();
    return db.transaction(() => {
      const current = watches.byId(watch.id);
      if (!current) {
        // Unwatched while running: keep the result for history, judge nothing.
        results.save(report, null);
        return false;
      }
      const resultId = results.save(report, watch.id);
      const state = states.get(watch.id);
      const incident = incidents.live(watch.id);
      const load = (id: number | null) => (id === null ? null : results.byId(id)?.report ?? null);
      const decision = decide({
        state,
        incident: incident ? { id: incident.id, problems: incident.problems, openedAt: incident.openedAt, announced: incident.announced } : null,
        report,
        resultId,
        previous: load(state.lastResultId),
        lastGood: load(state.lastGoodResultId),
        now,
        muted: current.mutedUntil !== null && current.mutedUntil > now,
        settings: this.settings,
      });
      const queued = applyDecision(this.stores, decision, { watch: current, alertChannel: alertChannel(this.settings, current.channel), resultId, now, incident });
      watches.finishRun(watch.id, now, nextRunAt(watch, now, this.random, this.settings.jitterRatio));
      return queued > 0;
    })();
  }

  private maybePrune(): void {
    const now = this.clock.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    this.stores.results.prune(this.settings.keepResults);
    this.stores.outbox.prune(now - OUTBOX_KEPT_MS);
  }

  private arm(delayMs?: number): void {
    if (!this.started) return;
    this.timer?.cancel();
    this.timer = undefined;
    // Full: the next run to finish arms the timer again.
    if (this.running.size >= this.settings.maxConcurrentRuns) return;
    const due = this.stores.watches.nextDueAt();
    const wait = delayMs ?? (due === undefined ? MAX_SLEEP_MS : Math.min(Math.max(0, due - this.clock.now()), MAX_SLEEP_MS));
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      void this.runDue();
      this.arm();
    }, wait);
  }
}
