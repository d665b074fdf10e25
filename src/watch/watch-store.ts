import type { Report } from '../report/types';
import type { Claim, Incident, IncidentResolution, NewIncident, NewOutboxMessage, NewWatch, OutboxMessage, StoredResult, Watch } from './watch-model';
import type { OutboxPayload } from './outbox-payload';
import type { ProblemSummary } from './problems';
import type { WatchState } from './watch-state';

/*
 * What the watch feature needs from a database, asynchronous so that SQLite
 * and PostgreSQL (src/storage) both fit. Inside `transaction` use only the
 * tables handed to the callback.
 */

export interface WatchTable {
  /** Add or replace the watch for a host; the first run is due at `firstRunAt`. */
  upsert(watch: NewWatch, now: number, firstRunAt: number): Promise<Watch>;
  remove(host: string): Promise<boolean>;
  byHost(host: string): Promise<Watch | undefined>;
  byId(id: number): Promise<Watch | undefined>;
  list(): Promise<Watch[]>;
  /** Due watches nobody holds a live claim on, now claimed by `claim` (each by one caller across replicas). */
  claimDue(now: number, limit: number, claim: Claim): Promise<Watch[]>;
  /** Extends every claim made with one of `tokens` to `leaseUntil` (their runs are still under way), in one round trip. */
  renew(tokens: readonly string[], leaseUntil: number): Promise<number>;
  /** False, changing nothing, when the claim was lost (its lease ended and another run took the watch). */
  finishRun(id: number, token: string, finishedAt: number, nextRunAt: number): Promise<boolean>;
  /** End a claim without a run: due again at `nextRunAt`. */
  release(id: number, token: string, nextRunAt: number): Promise<void>;
  /** Void every claim (a store one process owns, after its restart). */
  releaseAll(now: number): Promise<number>;
  /** Make a watch due now unless a live claim holds it; false when unknown or running. */
  runNow(host: string, now: number): Promise<boolean>;
  /** When a watch next becomes claimable; undefined with none. */
  nextDueAt(): Promise<number | undefined>;
  mute(host: string, until: number | null): Promise<boolean>;
}

export interface ResultTable {
  save(report: Report, watchId?: number | null): Promise<number>;
  byId(id: number): Promise<StoredResult | undefined>;
  /** Most recent first. */
  recent(host: string, limit?: number): Promise<StoredResult[]>;
  /** Drop all but the newest `keep` results per host. */
  prune(keep: number): Promise<number>;
}

export interface WatchStateTable {
  /** Undefined before the watch's first run. */
  get(watchId: number): Promise<WatchState | undefined>;
  put(watchId: number, state: WatchState): Promise<void>;
}

export interface IncidentTable {
  open(incident: NewIncident, now: number): Promise<Incident>;
  byId(id: number): Promise<Incident | undefined>;
  /** The watch's open or acknowledged incident. */
  live(watchId: number): Promise<Incident | undefined>;
  /** Most recent first. */
  recent(host: string, limit?: number): Promise<Incident[]>;
  setProblems(id: number, problems: ProblemSummary[], changes: string[], resultId: number, now: number): Promise<void>;
  byParentTs(channel: string, ts: string): Promise<Incident | undefined>;
  announce(id: number, channel: string, now: number): Promise<void>;
  /** Only an open incident; false when it already was acknowledged, or is resolved. */
  acknowledge(id: number, userId: string, now: number): Promise<boolean>;
  /** False when it was already resolved. */
  resolve(id: number, resolution: IncidentResolution, now: number): Promise<boolean>;
  setParentTs(id: number, ts: string): Promise<void>;
}

export interface OutboxTable {
  enqueue(message: NewOutboxMessage, now: number): Promise<number>;
  /** Queue `payload` as a refresh of the incident's parent, unless one is already waiting. */
  enqueueStatusUpdate(incidentId: number, channel: string, now: number, payload: OutboxPayload): Promise<number | undefined>;
  byId(id: number): Promise<OutboxMessage | undefined>;
  /** Due messages, oldest first, claimed by `claim`: only the first pending one of each incident. */
  claimDue(now: number, limit: number, claim: Claim): Promise<OutboxMessage[]>;
  nextAttemptAt(): Promise<number | undefined>;
  /** Ids of messages a sender started and never finished, whose claim has ended. */
  interrupted(now: number): Promise<number[]>;
  all(): Promise<OutboxMessage[]>;
  markInFlight(id: number, now: number): Promise<void>;
  markSent(id: number, ts: string | null, now: number): Promise<void>;
  retryAt(id: number, at: number, error: string): Promise<void>;
  fail(id: number, error: string): Promise<void>;
  prune(before: number): Promise<number>;
}

export interface WatchTables {
  watches: WatchTable;
  results: ResultTable;
  states: WatchStateTable;
  incidents: IncidentTable;
  outbox: OutboxTable;
}

export interface WatchStore extends WatchTables {
  /** True when one process owns the store (SQLite): claims found at start were its own, cut short by a restart. */
  readonly exclusive: boolean;
  /** Commits when `fn` resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: WatchTables) => Promise<T>): Promise<T>;
}
