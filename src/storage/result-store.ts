import type { Report } from '../report/types';
import type { ResultRecord } from './records';
import type { Sql } from './sql';

interface Row {
  id: number;
  host: string;
  watch_id: number | null;
  started_at: number;
  verdict: ResultRecord['verdict'];
  report: string;
}

/** Every check's report, kept for history and change detection. */
export class SqlResults {
  constructor(private readonly sql: Sql) {}

  async save(report: Report, watchId: number | null = null): Promise<number> {
    const row = await this.sql.get<{ id: number }>('INSERT INTO results (host, watch_id, started_at, verdict, report) VALUES (?, ?, ?, ?, ?) RETURNING id', [
      report.host,
      watchId,
      Date.parse(report.startedAt),
      report.verdict,
      JSON.stringify(report),
    ]);
    return row!.id;
  }

  async byId(id: number): Promise<ResultRecord | undefined> {
    const row = await this.sql.get<Row>('SELECT * FROM results WHERE id = ?', [id]);
    return row && toResult(row);
  }

  /** Most recent first. */
  async recent(host: string, limit = 10): Promise<ResultRecord[]> {
    return (await this.sql.all<Row>('SELECT * FROM results WHERE host = ? ORDER BY started_at DESC, id DESC LIMIT ?', [host, limit])).map(toResult);
  }

  /** Drop all but the newest `keep` results per host. */
  async prune(keep: number): Promise<number> {
    return this.sql.run(
      `DELETE FROM results WHERE id IN (
         SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY host ORDER BY started_at DESC, id DESC) AS n FROM results) AS ranked
         WHERE n > ?)`,
      [keep],
    );
  }
}

function toResult(r: Row): ResultRecord {
  return { id: r.id, host: r.host, watchId: r.watch_id, startedAt: r.started_at, verdict: r.verdict, report: JSON.parse(r.report) as Report };
}
