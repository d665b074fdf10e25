import { openDatabase } from '../../src/storage/database';
import { WatchStateStore } from '../../src/storage/watch-state-store';
import { WatchStore } from '../../src/storage/watch-store';
import { initialWatchState } from '../../src/watch/watch-state';

describe('WatchStateStore', () => {
  it('starts from the initial state, keeps what is put, and goes with its watch', () => {
    const db = openDatabase(':memory:');
    const watches = new WatchStore(db);
    const states = new WatchStateStore(db);
    const w = watches.upsert({ host: 'a.test', ports: [25], expectNames: [], intervalMs: 60_000, channel: 'C1', createdBy: 'U1' }, 0, 0);
    expect(states.get(w.id)).toEqual(initialWatchState());
    const state = { ...initialWatchState(), consecutiveUnreachable: 2, expiryFired: { AB: [30] } };
    states.put(w.id, state);
    expect(states.get(w.id)).toEqual(state);
    watches.remove('a.test');
    expect(db.prepare('SELECT COUNT(*) AS n FROM watch_states').get()).toEqual({ n: 0 });
  });
});
