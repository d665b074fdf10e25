import { initialWatchState, type WatchState } from '../watch/watch-state';
import type { Db } from './database';

/** Each watch's memory between runs; removed with the watch. */
export class WatchStateStore {
  constructor(private readonly db: Db) {}

  get(watchId: number): WatchState {
    const row = this.db.prepare('SELECT state FROM watch_states WHERE watch_id = ?').get(watchId) as { state: string } | undefined;
    return row ? { ...initialWatchState(), ...(JSON.parse(row.state) as Partial<WatchState>) } : initialWatchState();
  }

  put(watchId: number, state: WatchState): void {
    this.db
      .prepare('INSERT INTO watch_states (watch_id, state) VALUES (?, ?) ON CONFLICT(watch_id) DO UPDATE SET state = excluded.state')
      .run(watchId, JSON.stringify(state));
  }
}
