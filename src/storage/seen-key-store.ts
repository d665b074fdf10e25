import type { Sql } from './sql';

/**
 * Deliveries seen recently (Slack retries a command, click or event it thinks
 * was not acknowledged, possibly to another replica): the first insert of a key
 * wins, in one statement, so exactly one replica runs it.
 */
export class SqlSeenKeys {
  constructor(
    private readonly sql: Sql,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time a key is offered within the TTL. */
  async firstTime(key: string): Promise<boolean> {
    const now = this.now();
    const changed = await this.sql.run(
      'INSERT INTO seen_keys (key, seen_at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at WHERE seen_keys.seen_at <= ?',
      [key, now, now - this.ttlMs],
    );
    return changed > 0;
  }

  static prune(sql: Sql, before: number): Promise<number> {
    return sql.run('DELETE FROM seen_keys WHERE seen_at < ?', [before]);
  }
}
