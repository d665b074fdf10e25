import type { Db } from '../storage/database';
import { IncidentStore } from '../storage/incident-store';
import { OutboxStore } from '../storage/outbox-store';
import { ResultStore } from '../storage/result-store';
import { WatchStateStore } from '../storage/watch-state-store';
import { WatchStore } from '../storage/watch-store';

/** Every store the watch feature uses, over one database (so they share transactions). */
export interface WatchStores {
  db: Db;
  watches: WatchStore;
  results: ResultStore;
  states: WatchStateStore;
  incidents: IncidentStore;
  outbox: OutboxStore;
}

export function watchStores(db: Db): WatchStores {
  return {
    db,
    watches: new WatchStore(db),
    results: new ResultStore(db),
    states: new WatchStateStore(db),
    incidents: new IncidentStore(db),
    outbox: new OutboxStore(db),
  };
}
