import type { Report, Verdict } from '../report/types';
import type { OutboxOp, OutboxPayload } from './outbox-payload';
import type { ProblemSummary } from './problems';

/** An endpoint being watched and its schedule. */
export interface Watch {
  id: number;
  host: string;
  ports: number[];
  /** --servername: sent as SNI and the name the certificate must cover; null means the host itself. */
  servername: string | null;
  expectNames: string[];
  intervalMs: number;
  channel: string;
  createdBy: string;
  createdAt: number;
  nextRunAt: number;
  lastRunAt: number | null;
  /** Set while a run holds the watch (a claim). */
  runningSince: number | null;
  mutedUntil: number | null;
}

export type NewWatch = Pick<Watch, 'host' | 'ports' | 'expectNames' | 'intervalMs' | 'channel' | 'createdBy'> & { servername?: string | null };

/** A run's hold on a watch or a sender's on an outbox row: `token` proves it is still ours; void after `leaseMs`. */
export interface Claim {
  token: string;
  leaseMs: number;
}

/** A check's report as kept for history and change detection. */
export interface StoredResult {
  id: number;
  host: string;
  watchId: number | null;
  startedAt: number;
  verdict: Verdict;
  report: Report;
}

export type IncidentStatus = 'open' | 'acknowledged' | 'resolved';
export type IncidentResolution = 'clean' | 'unwatched';

export interface Incident {
  id: number;
  watchId: number | null;
  host: string;
  /** The watch's --servername when the incident opened; null: the host itself. */
  servername: string | null;
  channel: string;
  status: IncidentStatus;
  problems: ProblemSummary[];
  /** What differs from the last good run, as of the latest run: the parent message shows it. */
  changes: string[];
  openedAt: number;
  updatedAt: number;
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  resolution: IncidentResolution | null;
  lastResultId: number | null;
  announced: boolean;
  parentTs: string | null;
}

export interface NewIncident {
  watchId: number;
  host: string;
  servername?: string | null;
  channel: string;
  problems: ProblemSummary[];
  changes: string[];
  resultId: number;
  announced: boolean;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

/** A Slack message waiting to be sent (or sent, or given up on). */
export interface OutboxMessage {
  id: number;
  incidentId: number | null;
  channel: string;
  op: OutboxOp;
  payload: OutboxPayload;
  status: OutboxStatus;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** Set just before a send is attempted; still set after a crash means Slack may have it already. */
  inFlightSince: number | null;
  sentAt: number | null;
  ts: string | null;
  lastError: string | null;
  /** A sender's claim on the message ends then (null: unclaimed). */
  claimedUntil: number | null;
}

export interface NewOutboxMessage {
  incidentId: number | null;
  channel: string;
  op: OutboxOp;
  payload: OutboxPayload;
}
