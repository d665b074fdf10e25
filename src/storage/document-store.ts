import type { Sql } from './sql';

/** JSON values by key within a namespace (Slack reports by message), for any replica and after a restart. */
export class SqlDocuments<T> {
  constructor(
    private readonly sql: Sql,
    private readonly namespace: string,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string): Promise<T | undefined> {
    const row = await this.sql.get<{ body: string }>('SELECT body FROM documents WHERE namespace = ? AND key = ?', [this.namespace, key]);
    return row && (JSON.parse(row.body) as T);
  }

  async put(key: string, value: T): Promise<void> {
    await this.sql.run(
      'INSERT INTO documents (namespace, key, body, saved_at) VALUES (?, ?, ?, ?) ON CONFLICT (namespace, key) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at',
      [this.namespace, key, JSON.stringify(value), this.now()],
    );
  }

  /** Values saved before `before` (any namespace): buttons under messages that old stop working. */
  static prune(sql: Sql, before: number): Promise<number> {
    return sql.run('DELETE FROM documents WHERE saved_at < ?', [before]);
  }
}
