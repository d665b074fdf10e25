import type { Engine } from './sql';

export interface WindowHit {
  /** False when the window was already full: nothing was counted. */
  taken: boolean;
  /** Hits inside the window, this one included when taken. */
  count: number;
  /** The oldest hit inside the window (when the next slot frees up, plus the window). */
  oldest: number;
}

/**
 * Sliding windows of hits per key (checks per Slack user), shared by every
 * replica: the row is locked (FOR UPDATE; SQLite's write lock) while read and
 * rewritten, so two replicas cannot both take the last slot.
 */
export class SqlRateWindows {
  constructor(private readonly engine: Engine) {}

  hit(key: string, now: number, windowMs: number, max: number): Promise<WindowHit> {
    return this.engine.transaction(async (sql) => {
      await sql.run('INSERT INTO rate_windows (key, hits, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING', [key, '[]', now]);
      const row = await sql.get<{ hits: string }>(`SELECT hits FROM rate_windows WHERE key = ?${this.engine.dialect.forUpdate}`, [key]);
      const hits = (JSON.parse(row!.hits) as number[]).filter((t) => now - t < windowMs);
      const taken = hits.length < max;
      if (taken) hits.push(now);
      await sql.run('UPDATE rate_windows SET hits = ?, updated_at = ? WHERE key = ?', [JSON.stringify(hits), now, key]);
      return { taken, count: hits.length, oldest: hits[0] ?? now };
    });
  }

  static prune(engine: Engine, before: number): Promise<number> {
    return engine.sql.run('DELETE FROM rate_windows WHERE updated_at < ?', [before]);
  }
}
