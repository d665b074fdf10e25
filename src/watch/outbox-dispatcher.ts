import { randomUUID } from 'node:crypto';
import { systemClock, type Clock, type Timer } from './clock';
import type { MessagePoster } from './message-poster';
import type { Random } from './schedule';
import type { WatchLogger } from './scheduler';
import type { Incident, OutboxMessage } from './watch-model';
import type { WatchStore } from './watch-store';

/** Turns a queued message into what the poster sends, at send time, from the incident as it is now. */
export type RenderOutbox<M> = (message: OutboxMessage, incident: Incident | undefined, now: number) => M;

export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
}

export interface DispatcherOptions<M> {
  store: WatchStore;
  poster: MessagePoster<M>;
  render: RenderOutbox<M>;
  clock?: Clock;
  random?: Random;
  backoff?: BackoffSettings;
  /** Messages claimed per pass. */
  batch?: number;
  /** How long a claim on a message lasts: longer than one send takes, or another replica may send it too. */
  claimLeaseMs?: number;
  logger?: WatchLogger;
}

export interface DrainResult {
  sent: number;
  retrying: number;
  failed: number;
}

type Outcome = 'sent' | 'retry' | 'rate-limited' | 'failed';

const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 2_000, maxMs: 300_000 };
export const DEFAULT_OUTBOX_LEASE_MS = 60_000;
/** Passes in a row within one drain; a backlog larger than this waits for the next wake-up. */
const MAX_PASSES = 20;
/** Longest sleep between looks at the outbox, so messages another replica queued (and could not send) are noticed. */
const MAX_SLEEP_MS = 30_000;

/**
 * Sends the outbox. Each pass claims due messages with a lease (so with several
 * replicas each message is sent by one of them), only the first pending one of
 * each incident, so a thread's messages go in order: a reply waits for its
 * alert's ts. A message is marked sent only after the poster answered with its
 * ts, so a crash or an API failure leaves it queued: at least once. The window
 * for a duplicate is a crash between the answer and the local commit that
 * follows it, or a send outliving its claim (see docs/watches.md).
 */
export class OutboxDispatcher<M> {
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly backoff: BackoffSettings;
  private readonly leaseMs: number;
  private pausedUntil = 0;
  private pass: Promise<DrainResult> | undefined;
  private again = false;
  private timer: Timer | undefined;
  private started = false;

  constructor(private readonly options: DispatcherOptions<M>) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.leaseMs = options.claimLeaseMs ?? DEFAULT_OUTBOX_LEASE_MS;
  }

  async start(): Promise<void> {
    const interrupted = await this.options.store.outbox.interrupted(this.clock.now());
    if (interrupted.length > 0) this.options.logger?.warn('resending Slack messages a restart interrupted mid-send; Slack may show them twice', { ids: interrupted });
    this.started = true;
    this.kick();
  }

  stop(): Promise<DrainResult | undefined> {
    this.started = false;
    this.timer?.cancel();
    this.timer = undefined;
    return this.pass ?? Promise.resolve(undefined);
  }

  /** Something was queued: send it as soon as Slack lets us. */
  kick(): void {
    if (!this.started) return;
    if (this.pass) this.again = true;
    else this.arm(0);
  }

  /** Send what is due now, pass after pass while each sends something; concurrent callers share the drain under way. */
  drain(): Promise<DrainResult> {
    if (this.pass) return this.pass;
    this.pass = this.sendDue().finally(() => {
      this.pass = undefined;
      if (this.again) {
        this.again = false;
        this.arm(0);
      } else this.arm();
    });
    return this.pass;
  }

  private async sendDue(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retrying: 0, failed: 0 };
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      if (this.clock.now() < this.pausedUntil) break;
      const claim = { token: randomUUID(), leaseMs: this.leaseMs };
      const claimed = await this.options.store.outbox.claimDue(this.clock.now(), this.options.batch ?? 50, claim);
      if (claimed.length === 0) break;
      let progressed = false;
      for (const [i, message] of claimed.entries()) {
        const outcome = await this.send(message);
        if (outcome === 'sent') result.sent++;
        else if (outcome === 'failed') result.failed++;
        else result.retrying++;
        if (outcome === 'sent' || outcome === 'failed') progressed = true;
        if (outcome === 'rate-limited') {
          await this.unclaim(claimed.slice(i + 1));
          return result;
        }
      }
      // Only a send or a give-up can unblock a later message of the same incident.
      if (!progressed) break;
    }
    return result;
  }

  private async send(message: OutboxMessage): Promise<Outcome> {
    const { store } = this.options;
    const { outbox, incidents } = store;
    const now = this.clock.now();
    const incident = message.incidentId === null ? undefined : await incidents.byId(message.incidentId);
    const parentTs = incident?.parentTs ?? undefined;
    if (message.op === 'update' && parentTs === undefined) {
      // The alert itself could not be posted: there is no message to bring up to date.
      await outbox.markSent(message.id, null, now);
      return 'sent';
    }
    let rendered: M;
    try {
      rendered = this.options.render(message, incident, now);
    } catch (err) {
      await outbox.fail(message.id, `render: ${String((err as Error).message ?? err).slice(0, 200)}`);
      this.options.logger?.warn('could not render a queued Slack message', { id: message.id, err });
      return 'failed';
    }
    await outbox.markInFlight(message.id, now);
    let ts: string;
    try {
      if (message.op === 'update') {
        await this.options.poster.update(message.channel, parentTs!, rendered);
        ts = parentTs!;
      } else {
        // A reply whose alert failed for good is said at the top level rather than not at all.
        ts = await this.options.poster.post(message.channel, rendered, message.op === 'reply' ? parentTs : undefined);
      }
    } catch (err) {
      return this.failed(message, err);
    }
    await store.transaction(async (tx) => {
      await tx.outbox.markSent(message.id, ts, this.clock.now());
      if (message.payload.kind === 'alert' && incident) await tx.incidents.setParentTs(incident.id, ts);
    });
    return 'sent';
  }

  private async failed(message: OutboxMessage, err: unknown): Promise<Outcome> {
    const { outbox } = this.options.store;
    const failure = this.options.poster.classify(err);
    const now = this.clock.now();
    switch (failure.kind) {
      case 'rate-limited':
        // Slack's limit is per method and workspace: everything waits, not just this message.
        this.pausedUntil = now + failure.retryAfterMs;
        await outbox.retryAt(message.id, this.pausedUntil, failure.detail);
        this.options.logger?.info('Slack rate limit: outbox paused', { retryAfterMs: failure.retryAfterMs });
        return 'rate-limited';
      case 'transient':
        await outbox.retryAt(message.id, now + this.delay(message.attempts + 1), failure.detail);
        this.options.logger?.warn('Slack message will be retried', { id: message.id, attempt: message.attempts + 1, detail: failure.detail });
        return 'retry';
      case 'permanent':
        await outbox.fail(message.id, failure.detail);
        this.options.logger?.warn('Slack refused a queued message', { id: message.id, channel: message.channel, detail: failure.detail });
        return 'failed';
    }
  }

  /** Claimed but not tried (the pause began): due again when the pause ends, for whichever replica. */
  private async unclaim(messages: OutboxMessage[]): Promise<void> {
    for (const m of messages) await this.options.store.outbox.retryAt(m.id, Math.max(m.nextAttemptAt, this.pausedUntil), m.lastError ?? 'waiting out a rate limit');
  }

  /** Exponential backoff with ±20% jitter. */
  private delay(attempt: number): number {
    const raw = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(raw * (0.8 + 0.4 * this.random()));
  }

  private arm(delayMs?: number): void {
    if (!this.started) return;
    this.timer?.cancel();
    this.timer = undefined;
    if (delayMs !== undefined) return this.setTimer(delayMs);
    void this.options.store.outbox.nextAttemptAt().then(
      (next) => {
        if (!this.started || this.timer || this.pass) return;
        const now = this.clock.now();
        this.setTimer(Math.min(MAX_SLEEP_MS, Math.max(0, Math.max(next ?? now + MAX_SLEEP_MS, this.pausedUntil) - now)));
      },
      (err) => this.options.logger?.warn('could not read the outbox schedule', { err }),
    );
  }

  private setTimer(ms: number): void {
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      void this.drain().catch((err) => this.options.logger?.warn('outbox pass failed', { err }));
    }, ms);
  }
}
