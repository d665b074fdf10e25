import type { Sql } from './sql';

/**
 * At most N probes of one destination at once across every replica: N numbered
 * rows per destination, each taken by a holder with a lease (a holder that died
 * frees its slot when the lease ends).
 */
export class SqlDestinationSlots {
  constructor(private readonly sql: Sql) {}

  /** The slot number taken, or undefined when all `limit` are held. */
  async tryAcquire(destination: string, holder: string, limit: number, now: number, leaseMs: number): Promise<number | undefined> {
    for (let slot = 0; slot < limit; slot++) {
      const changed = await this.sql.run(
        `INSERT INTO destination_slots (destination, slot, holder, lease_until) VALUES (?, ?, ?, ?)
         ON CONFLICT (destination, slot) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
         WHERE destination_slots.lease_until <= ?`,
        [destination, slot, holder, now + leaseMs, now],
      );
      if (changed > 0) return slot;
    }
    return undefined;
  }

  async release(destination: string, slot: number, holder: string): Promise<void> {
    await this.sql.run('DELETE FROM destination_slots WHERE destination = ? AND slot = ? AND holder = ?', [destination, slot, holder]);
  }

  /** Holders of a destination's live slots (for tests and diagnostics). */
  async held(destination: string, now: number): Promise<number> {
    const row = await this.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM destination_slots WHERE destination = ? AND lease_until > ?', [destination, now]);
    return Number(row?.n ?? 0);
  }

  static prune(sql: Sql, before: number): Promise<number> {
    return sql.run('DELETE FROM destination_slots WHERE lease_until < ?', [before]);
  }
}
