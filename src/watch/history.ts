import { describeChange, diffReports } from '../report/diff-reports';
import type { Verdict } from '../report/types';
import type { StoredResult } from './watch-model';

export interface HistoryEntry {
  resultId: number;
  startedAt: number;
  verdict: Verdict;
  /** The --servername the run sent (as SNI, and the name its certificate had to cover), if any. */
  servername?: string;
  /** What changed since the run before it (empty for the oldest shown, or nothing changed). */
  changes: string[];
}

/**
 * Runs newest first, each with what changed since the one before. Pass one more
 * result than you show: the oldest is only a base for its successor's diff.
 */
export function historyEntries(resultsNewestFirst: StoredResult[], show: number): HistoryEntry[] {
  return resultsNewestFirst.slice(0, show).map((r, i) => {
    const older = resultsNewestFirst[i + 1];
    return {
      resultId: r.id,
      startedAt: r.startedAt,
      verdict: r.verdict,
      ...(r.report.servername ? { servername: r.report.servername } : {}),
      changes: older ? diffReports(older.report, r.report).map(describeChange) : [],
    };
  });
}
