import type { Verdict } from '../report/types';
import type { Incident, StoredResult, Watch } from './watch-model';
import { wholeDaysLeft } from '../certificate/days-left';
import { servedCertificates } from './port-memory';

export type WatchStatus = 'pending' | 'ok' | 'warning' | 'incident' | 'acknowledged';

/** One line of the watch list (App Home, `/starttls watches`). */
export interface WatchSummary {
  watch: Watch;
  status: WatchStatus;
  incident?: Incident;
  lastRun?: { at: number; verdict: Verdict; resultId: number };
  /** Fewest whole days any served certificate has left, per the watcher's clock. */
  certificateDaysLeft?: number;
  muted: boolean;
}

export function summarizeWatch(watch: Watch, last: StoredResult | undefined, incident: Incident | undefined, now: number): WatchSummary {
  const certs = last ? servedCertificates(last.report) : [];
  const days = certs.map((c) => wholeDaysLeft(c.notAfter, now));
  const status: WatchStatus = incident
    ? incident.status === 'acknowledged'
      ? 'acknowledged'
      : 'incident'
    : !last
      ? 'pending'
      : last.verdict === 'ok'
        ? 'ok'
        : 'warning';
  return {
    watch,
    status,
    ...(incident ? { incident } : {}),
    ...(last ? { lastRun: { at: watch.lastRunAt ?? last.startedAt, verdict: last.verdict, resultId: last.id } } : {}),
    ...(days.length > 0 ? { certificateDaysLeft: Math.min(...days) } : {}),
    muted: watch.mutedUntil !== null && watch.mutedUntil > now,
  };
}

/** Worst first (live incidents, then warnings), then by host. */
export function sortSummaries(list: WatchSummary[]): WatchSummary[] {
  const rank: Record<WatchStatus, number> = { incident: 0, acknowledged: 1, warning: 2, pending: 3, ok: 4 };
  return [...list].sort((a, b) => rank[a.status] - rank[b.status] || a.watch.host.localeCompare(b.watch.host));
}
