import type { Report } from '../report/types';
import type { Incident } from '../storage/incident-store';
import type { Watch } from '../storage/watch-store';
import { systemClock, type Clock } from './clock';
import { historyEntries, type HistoryEntry } from './history';
import { firstRunAt, type Random } from './schedule';
import type { WatchCommand } from './watch-command';
import { watchSettings, type WatchSettings } from './watch-settings';
import type { WatchStores } from './watch-stores';
import { sortSummaries, summarizeWatch, type WatchSummary } from './watch-summary';

export interface WatchServiceOptions {
  stores: WatchStores;
  clock?: Clock;
  random?: Random;
  settings?: Partial<WatchSettings>;
  /** The scheduler, told about new watches and re-runs. */
  scheduler?: { poke(): void; rerun(host: string): boolean };
  /** Wakes the outbox dispatcher after something was queued. */
  onOutbox?: () => void;
}

export type AcknowledgeOutcome = { kind: 'acknowledged'; incident: Incident } | { kind: 'already'; incident: Incident } | { kind: 'resolved'; incident: Incident } | { kind: 'unknown' };

/** What people do to watches from Slack, each change with its messages in one transaction. */
export class WatchService {
  private readonly stores: WatchStores;
  private readonly clock: Clock;
  private readonly random: Random;
  readonly settings: WatchSettings;

  constructor(private readonly options: WatchServiceOptions) {
    this.stores = options.stores;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.settings = watchSettings(options.settings);
  }

  watch(command: Extract<WatchCommand, { kind: 'watch' }>, channel: string, userId: string): Watch {
    const now = this.clock.now();
    const watch = this.stores.watches.upsert(
      {
        host: command.host,
        ports: command.ports,
        servername: command.servername ?? null,
        expectNames: command.expectNames,
        intervalMs: command.intervalMs,
        channel,
        createdBy: userId,
      },
      now,
      firstRunAt(now, command.intervalMs, this.random),
    );
    this.options.scheduler?.poke();
    return watch;
  }

  /** Stops watching; a live incident is closed in its thread. False when the host was not watched. */
  unwatch(host: string, userId: string): boolean {
    const { db, watches, incidents, outbox } = this.stores;
    const now = this.clock.now();
    const result = db.transaction(() => {
      const watch = watches.byHost(host);
      if (!watch) return { removed: false, queued: false };
      const incident = incidents.live(watch.id);
      let queued = false;
      if (incident && incidents.resolve(incident.id, 'unwatched', now) && incident.announced) {
        outbox.enqueue({ incidentId: incident.id, channel: incident.channel, op: 'reply', payload: { kind: 'incident-closed', userId, reason: 'unwatched' } }, now);
        outbox.enqueueStatusUpdate(incident.id, incident.channel, now);
        queued = true;
      }
      watches.remove(host);
      return { removed: true, queued };
    })();
    if (result.queued) this.options.onOutbox?.();
    return result.removed;
  }

  list(): WatchSummary[] {
    const now = this.clock.now();
    return sortSummaries(
      this.stores.watches.list().map((w) => summarizeWatch(w, this.stores.results.recent(w.host, 1)[0], this.stores.incidents.live(w.id), now)),
    );
  }

  summary(host: string): WatchSummary | undefined {
    const w = this.stores.watches.byHost(host);
    return w && summarizeWatch(w, this.stores.results.recent(w.host, 1)[0], this.stores.incidents.live(w.id), this.clock.now());
  }

  history(host: string, show = 10): HistoryEntry[] {
    return historyEntries(this.stores.results.recent(host, show + 1), show);
  }

  incidentsOf(host: string, limit = 5): Incident[] {
    return this.stores.incidents.recent(host, limit);
  }

  acknowledge(incidentId: number, userId: string): AcknowledgeOutcome {
    const { db, incidents, outbox } = this.stores;
    const now = this.clock.now();
    const outcome = db.transaction((): AcknowledgeOutcome => {
      const incident = incidents.byId(incidentId);
      if (!incident) return { kind: 'unknown' };
      if (incident.status === 'resolved') return { kind: 'resolved', incident };
      if (!incidents.acknowledge(incidentId, userId, now)) return { kind: 'already', incident };
      outbox.enqueue({ incidentId, channel: incident.channel, op: 'reply', payload: { kind: 'incident-acknowledged', userId } }, now);
      outbox.enqueueStatusUpdate(incidentId, incident.channel, now);
      return { kind: 'acknowledged', incident: incidents.byId(incidentId)! };
    })();
    if (outcome.kind === 'acknowledged') this.options.onOutbox?.();
    return outcome;
  }

  /** Silence new alerts for the watch; said in the incident's thread when there is one. Undefined when not watched. */
  mute(host: string, userId: string, forMs = this.settings.muteMs, incidentId?: number): number | undefined {
    const { db, watches, incidents, outbox } = this.stores;
    const now = this.clock.now();
    const until = now + forMs;
    const queued = db.transaction(() => {
      if (!watches.mute(host, until)) return undefined;
      const incident = incidentId !== undefined ? incidents.byId(incidentId) : undefined;
      if (!incident?.announced || incident.status === 'resolved') return false;
      outbox.enqueue({ incidentId: incident.id, channel: incident.channel, op: 'reply', payload: { kind: 'watch-muted', userId, until } }, now);
      outbox.enqueueStatusUpdate(incident.id, incident.channel, now);
      return true;
    })();
    if (queued === undefined) return undefined;
    if (queued) this.options.onOutbox?.();
    return until;
  }

  incident(id: number): Incident | undefined {
    return this.stores.incidents.byId(id);
  }

  /** The report of the incident's latest run: what Show remediation explains. */
  latestReport(incident: Incident): Report | undefined {
    return incident.lastResultId === null ? undefined : this.stores.results.byId(incident.lastResultId)?.report;
  }

  watchById(id: number): Watch | undefined {
    return this.stores.watches.byId(id);
  }

  rerun(host: string): boolean {
    if (this.options.scheduler) return this.options.scheduler.rerun(host);
    return this.stores.watches.runNow(host, this.clock.now());
  }
}
