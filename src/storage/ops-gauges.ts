import type { StoreGauges } from '../metrics/store-gauges';
import type { Store } from './open-store';

/** The metrics' view of the store (either backend): schedule lag and outbox backlog, one indexed query each. */
export function storeGauges(store: Store): StoreGauges {
  const tables = store.watchStore<unknown, unknown, unknown>();
  return {
    scheduleLagMs: (now) => tables.watches.scheduleLag(now),
    async outboxBacklog(now) {
      const { pending, oldestAgeMs } = await tables.outbox.backlog(now);
      return { rows: pending, oldestAgeMs };
    },
  };
}
