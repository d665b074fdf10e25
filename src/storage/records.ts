import type { Report, Verdict } from '../report/types';

/*
 * What the watch tables hold, as storage hands it out. The watch code owns its
 * model (src/watch/watch-model.ts) and this module imports nothing from it:
 * the shapes agree structurally, and the wiring (src/slack/watch-wiring.ts)
 * is where the compiler checks that they do. JSON columns are typed by the
 * caller through the generic parameters.
 */

export interface WatchRecord {
  id: number;
  host: string;
  ports: number[];
  servername: string | null;
  expectNames: string[];
  intervalMs: number;
  channel: string;
  createdBy: string;
  createdAt: number;
  nextRunAt: number;
  lastRunAt: number | null;
  runningSince: number | null;
  mutedUntil: number | null;
}

export type NewWatchRecord = Pick<WatchRecord, 'host' | 'ports' | 'expectNames' | 'intervalMs' | 'channel' | 'createdBy'> & { servername?: string | null };

/** Who holds a claim, and until when it holds without finishing. */
export interface ClaimRecord {
  token: string;
  leaseMs: number;
}

export interface ResultRecord {
  id: number;
  host: string;
  watchId: number | null;
  startedAt: number;
  verdict: Verdict;
  report: Report;
}

export interface IncidentRecord<P> {
  id: number;
  watchId: number | null;
  host: string;
  /** The watch's --servername when the incident opened; null: the host itself. */
  servername: string | null;
  channel: string;
  status: 'open' | 'acknowledged' | 'resolved';
  problems: P[];
  changes: string[];
  openedAt: number;
  updatedAt: number;
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  resolution: 'clean' | 'unwatched' | null;
  lastResultId: number | null;
  announced: boolean;
  parentTs: string | null;
}

export interface NewIncidentRecord<P> {
  watchId: number;
  host: string;
  servername?: string | null;
  channel: string;
  problems: P[];
  changes: string[];
  resultId: number;
  announced: boolean;
}

export interface OutboxRecord<O> {
  id: number;
  incidentId: number | null;
  channel: string;
  op: 'post' | 'reply' | 'update';
  payload: O;
  status: 'pending' | 'sent' | 'failed';
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  inFlightSince: number | null;
  sentAt: number | null;
  ts: string | null;
  lastError: string | null;
  /** A dispatcher's claim on the row, void after this time. */
  claimedUntil: number | null;
}

export interface NewOutboxRecord<O> {
  incidentId: number | null;
  channel: string;
  op: 'post' | 'reply' | 'update';
  payload: O;
}
