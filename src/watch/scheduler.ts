import { randomUUID } from 'node:crypto';
import { checkRequest } from '../check/check-request';
import type { Checker } from '../check/checker';
import type { Report } from '../report/types';
import { StarttlsError } from '../starttls-error';
import { decide } from './alert-policy';
import { applyDecision } from './apply-decision';
import { systemClock, type Clock, type Timer } from './clock';
import { nextRunAt, type Random } from './schedule';
import type { Claim, Watch } from './watch-model';
import { alertChannel, watchSettings, type WatchSettings } from './watch-settings';
import { initialWatchState } from './watch-state';
import type { WatchStore } from './watch-store';

export interface WatchLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface SchedulerOptions {
  store: WatchStore;
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

/** Longest sleep between looks at the table, so watches added (or claims left) by another replica are noticed. */
const MAX_SLEEP_MS = 60_000;
const PRUNE_EVERY_MS = 3_600_000;
/** Sent and failed Slack messages are kept this long, for looking into what was said. */
const OUTBOX_KEPT_MS = 14 * 86_400_000;

/** The claim was lost while the check ran: its lease ended and another run took the watch. */
class ClaimLostError extends StarttlsError {
  static override readonly codes = ['WATCH_CLAIM_LOST'] as const;
  readonly code = 'WATCH_CLAIM_LOST';
  readonly userVisible = false;
  constructor() {
    super('the watch claim was lost while the check ran');
  }
}

/**
 * Runs due watches through the Checker. The database is the schedule: a claim
 * with a lease keeps a watch from running twice at once, across replicas;
 * next_run_at survives restarts; a claim whose replica died is void when its
 * lease ends (on SQLite, which one process owns, at that process's next start).
 */
export class WatchScheduler {
  private readonly store: WatchStore;
  private readonly checker: Checker;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly settings: WatchSettings;
  private readonly running = new Map<number, Promise<void>>();
  /** Claim tokens with runs still under way, and how many. */
  private readonly tokens = new Map<string, number>();
  private timer: Timer | undefined;
  private heartbeat: Timer | undefined;
  private started = false;
  private lastPrune = 0;
  /** Claim passes still waiting for the store, and the run slots each reserved: idle() and stop() wait for them too. */
  private readonly passes = new Map<Promise<Watch[]>, number>();

  constructor(private readonly options: SchedulerOptions) {
    this.store = options.store;
    this.checker = options.checker;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.settings = watchSettings(options.settings);
  }

  /** Release runs a restart cut short (a store of our own), then keep running due watches until stop(). */
  async start(): Promise<void> {
    if (this.store.exclusive) {
      const released = await this.store.watches.releaseAll(this.clock.now());
      if (released > 0) this.options.logger?.info('released watch runs interrupted by a restart', { released });
    }
    this.started = true;
    this.arm();
  }

  /** Stop scheduling; runs under way finish and are recorded. */
  async stop(): Promise<void> {
    this.started = false;
    this.timer?.cancel();
    this.timer = undefined;
    await this.idle();
    this.heartbeat?.cancel();
    this.heartbeat = undefined;
  }

  async idle(): Promise<void> {
    while (this.running.size > 0 || this.passes.size > 0) await Promise.allSettled([...this.running.values(), ...this.passes.keys()]);
  }

  /** Claim what is due now and run it; resolves when those runs are recorded. */
  async runDue(): Promise<void> {
    // Slots are reserved before the first await: a timer may start another pass while this one is claiming.
    let reserved = 0;
    for (const slots of this.passes.values()) reserved += slots;
    const free = this.settings.maxConcurrentRuns - this.running.size - reserved;
    if (free <= 0) return;
    let claimed: Watch[];
    const claim: Claim = { token: randomUUID(), leaseMs: this.settings.claimLeaseMs };
    const pass = this.renewClaims().then(() => this.store.watches.claimDue(this.clock.now(), free, claim));
    this.passes.set(pass, free);
    try {
      // Our runs under way are alive (renewed first): their claims must not lapse into someone else's hands (or ours).
      claimed = await pass;
    } finally {
      this.passes.delete(pass);
    }
    if (claimed.length > 0) this.tokens.set(claim.token, claimed.length);
    await Promise.all(claimed.map((w) => this.track(w, claim.token)));
  }

  /** The Re-run button: make a watch due now. False when unknown or already running. */
  async rerun(host: string): Promise<boolean> {
    const made = await this.store.watches.runNow(host, this.clock.now());
    if (made) this.arm(0);
    return made;
  }

  /** A watch was added or changed: look at the schedule again. */
  poke(): void {
    this.arm();
  }

  private track(watch: Watch, token: string): Promise<void> {
    this.beat();
    const run = this.runWatch(watch, token)
      .catch((err) => {
        if (err instanceof ClaimLostError) this.options.logger?.warn('watch run outlived its claim: result dropped, another run took over', { host: watch.host });
        else this.options.logger?.warn('watch run failed', { host: watch.host, err });
      })
      .finally(() => {
        this.running.delete(watch.id);
        const left = (this.tokens.get(token) ?? 1) - 1;
        if (left > 0) this.tokens.set(token, left);
        else this.tokens.delete(token);
        this.arm();
      });
    this.running.set(watch.id, run);
    return run;
  }

  private async runWatch(watch: Watch, token: string): Promise<void> {
    const request = checkRequest(watch.host, watch.ports, {
      ...this.settings.requestOverrides,
      ...(watch.servername ? { servername: watch.servername } : {}),
      expectNames: watch.expectNames,
    });
    try {
      await this.options.admit?.(watch);
    } catch (err) {
      await this.store.watches.release(watch.id, token, nextRunAt(watch, this.clock.now(), this.random, this.settings.jitterRatio));
      this.options.logger?.warn('watch run refused by the target policy', { host: watch.host, err });
      return;
    }
    let report: Report;
    try {
      report = await this.checker(request);
    } catch (err) {
      // Not the server's doing (queue full, shutting down): nothing to judge, try again soon.
      await this.store.watches.release(watch.id, token, this.clock.now() + this.settings.refusedRetryMs);
      this.options.logger?.warn('watch check refused by the executor', { host: watch.host, err });
      return;
    }
    const queued = await this.record(watch, token, report);
    if (queued) this.options.onOutbox?.();
    await this.maybePrune();
  }

  /**
   * Result, state, incident and outbox in one transaction, which first ends the
   * claim (and so locks the watch's row): a run whose claim was lost records nothing.
   * Returns whether Slack messages were queued.
   */
  private record(watch: Watch, token: string, report: Report): Promise<boolean> {
    const now = this.clock.now();
    return this.store.transaction(async (tx) => {
      const finished = await tx.watches.finishRun(watch.id, token, now, nextRunAt(watch, now, this.random, this.settings.jitterRatio));
      const current = await tx.watches.byId(watch.id);
      if (!current) {
        // Unwatched while running: keep the result for history, judge nothing.
        await tx.results.save(report, null);
        return false;
      }
      if (!finished) throw new ClaimLostError();
      const resultId = await tx.results.save(report, watch.id);
      const state = { ...initialWatchState(), ...(await tx.states.get(watch.id)) };
      const incident = await tx.incidents.live(watch.id);
      const load = async (id: number | null) => (id === null ? null : ((await tx.results.byId(id))?.report ?? null));
      const decision = decide({
        state,
        incident: incident ? { id: incident.id, problems: incident.problems, openedAt: incident.openedAt, announced: incident.announced } : null,
        report,
        resultId,
        previous: await load(state.lastResultId),
        lastGood: await load(state.lastGoodResultId),
        now,
        muted: current.mutedUntil !== null && current.mutedUntil > now,
        settings: this.settings,
      });
      const queued = await applyDecision(tx, decision, { watch: current, alertChannel: alertChannel(this.settings, current.channel), resultId, now, incident });
      return queued > 0;
    });
  }

  private async renewClaims(): Promise<void> {
    const until = this.clock.now() + this.settings.claimLeaseMs;
    await this.store.watches.renew([...this.tokens.keys()], until);
  }

  /** While runs are under way, renew their claims every third of a lease. */
  private beat(): void {
    if (this.heartbeat) return;
    this.heartbeat = this.clock.setTimer(
      () => {
        this.heartbeat = undefined;
        if (this.tokens.size === 0) return;
        this.renewClaims().catch((err) => this.options.logger?.warn('could not renew watch claims', { err }));
        this.beat();
      },
      Math.max(1000, Math.floor(this.settings.claimLeaseMs / 3)),
    );
  }

  private async maybePrune(): Promise<void> {
    const now = this.clock.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await this.store.results.prune(this.settings.keepResults);
    await this.store.outbox.prune(now - OUTBOX_KEPT_MS);
  }

  private arm(delayMs?: number): void {
    if (!this.started) return;
    this.timer?.cancel();
    this.timer = undefined;
    // Full: the next run to finish arms the timer again.
    if (this.running.size >= this.settings.maxConcurrentRuns) return;
    if (delayMs !== undefined) return this.setTimer(delayMs);
    void this.store.watches.nextDueAt().then(
      (due) => {
        if (!this.started || this.timer) return;
        this.setTimer(due === undefined ? MAX_SLEEP_MS : Math.min(Math.max(0, due - this.clock.now()), MAX_SLEEP_MS));
      },
      (err) => this.options.logger?.warn('could not read the watch schedule', { err }),
    );
  }

  private setTimer(wait: number): void {
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      void this.runDue().catch((err) => this.options.logger?.warn('could not claim due watches', { err }));
      this.arm();
    }, wait);
  }
}
