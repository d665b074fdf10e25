import type { StoreGauges } from '../metrics/store-gauges';
import type { Db } from './database';

/** The metrics' view of the SQLite store: schedule lag and outbox backlog, one indexed query each. */
export function sqliteStoreGauges(db: Db): StoreGauges {
  const due = db.prepare('SELECT MIN(next_run_at) AS at FROM watches WHERE running_since IS NULL AND next_run_at <= ?');
  const backlog = db.prepare("SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE status = 'pending'");
  return {
    async scheduleLagMs(now) {
      const row = due.get(now) as { at: number | null };
      return row.at === null ? 0 : now - row.at;
    },
    async outboxBacklog(now) {
      const row = backlog.get() as { n: number; oldest: number | null };
      return { rows: row.n, oldestAgeMs: row.oldest === null ? 0 : Math.max(0, now - row.oldest) };
    },
  };
}

/** Readiness: the database answers a query. */
export function sqlitePing(db: Db): () => Promise<void> {
  const select = db.prepare('SELECT 1');
  return async () => {
    select.get();
  };
}
