import type { Report, Verdict } from '../report/types';
import type { Db } from './database';

export interface StoredResult {
  id: number;
  host: string;
  watchId: number | null;
  startedAt: number;
  verdict: Verdict;
  report: Report;
}

interface Row {
  id: number;
  host: string;
  watch_id: number | null;
  started_at: number;
  verdict: Verdict;
  report: string;
}

/** Every check's report, kept for history and change detection. */
export class ResultStore {
  constructor(private readonly db: Db) {}

  save(report: Report, watchId: number | null = null): number {
    const info = this.db
      .prepare('INSERT INTO results (host, watch_id, started_at, verdict, report) VALUES (?, ?, ?, ?, ?)')
      .run(report.host, watchId, Date.parse(report.startedAt), report.verdict, JSON.stringify(report));
    return Number(info.lastInsertRowid);
  }

  byId(id: number): StoredResult | undefined {
    const row = this.db.prepare('SELECT * FROM results WHERE id = ?').get(id) as Row | undefined;
    return row && toResult(row);
  }

  /** Most recent first. */
  recent(host: string, limit = 10): StoredResult[] {
    const rows = this.db
      .prepare('SELECT * FROM results WHERE host = ? ORDER BY started_at DESC, id DESC LIMIT ?')
      .all(host, limit) as Row[];
    return rows.map(toResult);
  }

  /** Drop all but the newest `keep` results per host. */
  prune(keep: number): number {
    return this.db
      .prepare(
        `DELETE FROM results WHERE id IN (
           SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY host ORDER BY started_at DESC, id DESC) AS n FROM results)
           WHERE n > ?)`,
      )
      .run(keep).changes;
  }
}

function toResult(r: Row): StoredResult {
  return { id: r.id, host: r.host, watchId: r.watch_id, startedAt: r.started_at, verdict: r.verdict, report: JSON.parse(r.report) as Report };
}
