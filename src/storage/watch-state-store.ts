import type { Sql } from './sql';

/** Each watch's memory between runs, as JSON of the caller's type; removed with the watch. */
export class SqlWatchStates<S> {
  constructor(private readonly sql: Sql) {}

  /** Undefined for a watch that has not run yet. */
  async get(watchId: number): Promise<S | undefined> {
    const row = await this.sql.get<{ state: string }>('SELECT state FROM watch_states WHERE watch_id = ?', [watchId]);
    return row && (JSON.parse(row.state) as S);
  }

  async put(watchId: number, state: S): Promise<void> {
    await this.sql.run('INSERT INTO watch_states (watch_id, state) VALUES (?, ?) ON CONFLICT (watch_id) DO UPDATE SET state = excluded.state', [
      watchId,
      JSON.stringify(state),
    ]);
  }
}
