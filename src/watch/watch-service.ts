import type { Report } from '../report/types';
import { enqueueStatusUpdate } from './apply-decision';
import { systemClock, type Clock } from './clock';
import { historyEntries, type HistoryEntry } from './history';
import { firstRunAt, type Random } from './schedule';
import type { WatchCommand } from './watch-command';
import type { Incident, Watch } from './watch-model';
import { watchSettings, type WatchSettings } from './watch-settings';
import type { WatchStore, WatchTables } from './watch-store';
import { sortSummaries, summarizeWatch, type WatchSummary } from './watch-summary';

export interface WatchServiceOptions {
  store: WatchStore;
  clock?: Clock;
  random?: Random;
  settings?: Partial<WatchSettings>;
  /** The scheduler, told about new watches and re-runs. */
  scheduler?: { poke(): void; rerun(host: string): Promise<boolean> };
  /** Wakes the outbox dispatcher after something was queued. */
  onOutbox?: () => void;
}

export type AcknowledgeOutcome = { kind: 'acknowledged'; incident: Incident } | { kind: 'already'; incident: Incident } | { kind: 'resolved'; incident: Incident } | { kind: 'unknown' };

/** What people do to watches from Slack, each change with its messages in one transaction. */
export class WatchService {
  private readonly store: WatchStore;
  private readonly clock: Clock;
  private readonly random: Random;
  readonly settings: WatchSettings;

  constructor(private readonly options: WatchServiceOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.settings = watchSettings(options.settings);
  }

  async watch(command: Extract<WatchCommand, { kind: 'watch' }>, channel: string, userId: string): Promise<Watch> {
    const now = this.clock.now();
    const watch = await this.store.watches.upsert(
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
  async unwatch(host: string, userId: string): Promise<boolean> {
    const now = this.clock.now();
    const result = await this.store.transaction(async (tx) => {
      const watch = await tx.watches.byHost(host);
      if (!watch) return { removed: false, queued: false };
      const incident = await tx.incidents.live(watch.id);
      let queued = false;
      if (incident && (await tx.incidents.resolve(incident.id, 'unwatched', now)) && incident.announced) {
        await tx.outbox.enqueue({ incidentId: incident.id, channel: incident.channel, op: 'reply', payload: { kind: 'incident-closed', userId, reason: 'unwatched' } }, now);
        await enqueueStatusUpdate(tx, incident.id, incident.channel, now);
        queued = true;
      }
      await tx.watches.remove(host);
      return { removed: true, queued };
    });
    if (result.queued) this.options.onOutbox?.();
    return result.removed;
  }

  async list(): Promise<WatchSummary[]> {
    const now = this.clock.now();
    const watches = await this.store.watches.list();
    return sortSummaries(await Promise.all(watches.map((w) => this.summarize(this.store, w, now))));
  }

  async summary(host: string): Promise<WatchSummary | undefined> {
    const w = await this.store.watches.byHost(host);
    return w && this.summarize(this.store, w, this.clock.now());
  }

  async history(host: string, show = 10): Promise<HistoryEntry[]> {
    return historyEntries(await this.store.results.recent(host, show + 1), show);
  }

  incidentsOf(host: string, limit = 5): Promise<Incident[]> {
    return this.store.incidents.recent(host, limit);
  }

  async acknowledge(incidentId: number, userId: string): Promise<AcknowledgeOutcome> {
    const now = this.clock.now();
    const outcome = await this.store.transaction(async (tx): Promise<AcknowledgeOutcome> => {
      const incident = await tx.incidents.byId(incidentId);
      if (!incident) return { kind: 'unknown' };
      if (incident.status === 'resolved') return { kind: 'resolved', incident };
      if (!(await tx.incidents.acknowledge(incidentId, userId, now))) return { kind: 'already', incident };
      await tx.outbox.enqueue({ incidentId, channel: incident.channel, op: 'reply', payload: { kind: 'incident-acknowledged', userId } }, now);
      await enqueueStatusUpdate(tx, incidentId, incident.channel, now);
      return { kind: 'acknowledged', incident: (await tx.incidents.byId(incidentId))! };
    });
    if (outcome.kind === 'acknowledged') this.options.onOutbox?.();
    return outcome;
  }

  /** Silence new alerts for the watch; said in the incident's thread when there is one. Undefined when not watched. */
  async mute(host: string, userId: string, forMs = this.settings.muteMs, incidentId?: number): Promise<number | undefined> {
    const now = this.clock.now();
    const until = now + forMs;
    const queued = await this.store.transaction(async (tx) => {
      if (!(await tx.watches.mute(host, until))) return undefined;
      const incident = incidentId !== undefined ? await tx.incidents.byId(incidentId) : undefined;
      if (!incident?.announced || incident.status === 'resolved') return false;
      await tx.outbox.enqueue({ incidentId: incident.id, channel: incident.channel, op: 'reply', payload: { kind: 'watch-muted', userId, until } }, now);
      await enqueueStatusUpdate(tx, incident.id, incident.channel, now);
      return true;
    });
    if (queued === undefined) return undefined;
    if (queued) this.options.onOutbox?.();
    return until;
  }

  incident(id: number): Promise<Incident | undefined> {
    return this.store.incidents.byId(id);
  }

  /** The report of the incident's latest run: what Show remediation explains. */
  async latestReport(incident: Incident): Promise<Report | undefined> {
    return incident.lastResultId === null ? undefined : (await this.store.results.byId(incident.lastResultId))?.report;
  }

  watchById(id: number): Promise<Watch | undefined> {
    return this.store.watches.byId(id);
  }

  rerun(host: string): Promise<boolean> {
    if (this.options.scheduler) return this.options.scheduler.rerun(host);
    return this.store.watches.runNow(host, this.clock.now());
  }

  private async summarize(tables: WatchTables, w: Watch, now: number): Promise<WatchSummary> {
    const [last] = await tables.results.recent(w.host, 1);
    return summarizeWatch(w, last, await tables.incidents.live(w.id), now);
  }
}
