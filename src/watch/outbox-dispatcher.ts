import type { SlackMessage } from '../slack/blocks/message';
import type { Incident } from '../storage/incident-store';
import type { OutboxMessage } from '../storage/outbox-store';
import { systemClock, type Clock, type Timer } from './clock';
import type { Random } from './schedule';
import type { WatchLogger } from './scheduler';
import { classifyPostFailure, type SlackPoster } from './slack-poster';
import type { WatchStores } from './watch-stores';

/** Turns a queued message into Block Kit, at send time, from the incident as it is now. */
export type RenderOutbox = (message: OutboxMessage, incident: Incident | undefined, now: number) => SlackMessage;

export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
}

export interface DispatcherOptions {
  stores: Pick<WatchStores, 'db' | 'outbox' | 'incidents'>;
  poster: SlackPoster;
  render: RenderOutbox;
  clock?: Clock;
  random?: Random;
  backoff?: BackoffSettings;
  /** Messages looked at per pass. */
  batch?: number;
  logger?: WatchLogger;
}

export interface DrainResult {
  sent: number;
  retrying: number;
  failed: number;
}

type Outcome = 'sent' | 'retry' | 'rate-limited' | 'failed' | 'waiting';

const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 2_000, maxMs: 300_000 };

/**
 * Sends the outbox to Slack. A message is marked sent only after Slack
 * answered with its ts, so a crash or an API failure leaves it queued and it
 * is sent later: at least once. The window for a duplicate is a crash between
 * Slack's answer and the local commit that follows it (see docs/watches.md).
 * Messages of one incident go in order: a reply waits for its alert's ts.
 */
export class OutboxDispatcher {
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly backoff: BackoffSettings;
  private pausedUntil = 0;
  private pass: Promise<DrainResult> | undefined;
  private again = false;
  private timer: Timer | undefined;
  private started = false;

  constructor(private readonly options: DispatcherOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  start(): void {
    const interrupted = this.options.stores.outbox.all().filter((m) => m.status === 'pending' && m.inFlightSince !== null);
    if (interrupted.length > 0) this.options.logger?.warn('resending Slack messages a restart interrupted mid-send; Slack may show them twice', { ids: interrupted.map((m) => m.id) });
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

  /** One pass over what is due now; concurrent callers share the pass under way. */
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
    const { outbox } = this.options.stores;
    const result: DrainResult = { sent: 0, retrying: 0, failed: 0 };
    if (this.clock.now() < this.pausedUntil) return result;
    const blocked = new Set<number>();
    for (const message of outbox.due(this.clock.now(), this.options.batch ?? 50)) {
      if (message.incidentId !== null && (blocked.has(message.incidentId) || outbox.hasPendingBefore(message.incidentId, message.id))) {
        blocked.add(message.incidentId);
        continue;
      }
      const outcome = await this.send(message);
      if (outcome === 'sent') result.sent++;
      else if (outcome === 'failed') result.failed++;
      else result.retrying++;
      if (outcome === 'rate-limited') break;
      // A message given up on does not hold back the rest of its incident; one that will be retried does.
      if (outcome === 'retry' && message.incidentId !== null) blocked.add(message.incidentId);
    }
    return result;
  }

  private async send(message: OutboxMessage): Promise<Outcome> {
    const { outbox, incidents, db } = this.options.stores;
    const now = this.clock.now();
    const incident = message.incidentId === null ? undefined : incidents.byId(message.incidentId);
    const parentTs = incident?.parentTs ?? undefined;
    if (message.op === 'update' && parentTs === undefined) {
      // The alert itself could not be posted: there is no message to bring up to date.
      outbox.markSent(message.id, null, now);
      return 'sent';
    }
    let rendered: SlackMessage;
    try {
      rendered = this.options.render(message, incident, now);
    } catch (err) {
      outbox.fail(message.id, `render: ${String((err as Error).message ?? err).slice(0, 200)}`);
      this.options.logger?.warn('could not render a queued Slack message', { id: message.id, err });
      return 'failed';
    }
    outbox.markInFlight(message.id, now);
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
    db.transaction(() => {
      outbox.markSent(message.id, ts, this.clock.now());
      if (message.payload.kind === 'alert' && incident) incidents.setParentTs(incident.id, ts);
    })();
    return 'sent';
  }

  private failed(message: OutboxMessage, err: unknown): Outcome {
    const { outbox } = this.options.stores;
    const failure = classifyPostFailure(err);
    const now = this.clock.now();
    switch (failure.kind) {
      case 'rate-limited':
        // Slack's limit is per method and workspace: everything waits, not just this message.
        this.pausedUntil = now + failure.retryAfterMs;
        outbox.retryAt(message.id, this.pausedUntil, failure.detail);
        this.options.logger?.info('Slack rate limit: outbox paused', { retryAfterMs: failure.retryAfterMs });
        return 'rate-limited';
      case 'transient':
        outbox.retryAt(message.id, now + this.delay(message.attempts + 1), failure.detail);
        this.options.logger?.warn('Slack message will be retried', { id: message.id, attempt: message.attempts + 1, detail: failure.detail });
        return 'retry';
      case 'permanent':
        outbox.fail(message.id, failure.detail);
        this.options.logger?.warn('Slack refused a queued message', { id: message.id, channel: message.channel, detail: failure.detail });
        return 'failed';
    }
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
    const now = this.clock.now();
    const next = this.options.stores.outbox.nextAttemptAt();
    if (delayMs === undefined && next === undefined) return;
    const at = delayMs !== undefined ? now + delayMs : Math.max(next!, this.pausedUntil);
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      void this.drain();
    }, Math.max(0, at - now));
  }
}
