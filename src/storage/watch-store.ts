import type { ClaimRecord, NewWatchRecord, WatchRecord } from './records';
import type { Dialect, Sql } from './sql';

interface Row {
  id: number;
  host: string;
  ports: string;
  servername: string | null;
  expect_names: string;
  interval_ms: number;
  channel: string;
  created_by: string;
  created_at: number;
  next_run_at: number;
  last_run_at: number | null;
  running_since: number | null;
  muted_until: number | null;
}

/**
 * The endpoints being watched and their schedule. A run is a claim: running_since,
 * a random token and a lease; a claim not finished when its lease ends (its
 * replica died) is void and the watch can be claimed again. (A claim written
 * before leases existed has none: it holds nothing.)
 */
export class SqlWatches {
  constructor(
    private readonly sql: Sql,
    private readonly dialect: Dialect,
  ) {}

  /** Add or replace the watch for a host; the first run is due at `firstRunAt`. */
  async upsert(watch: NewWatchRecord, now: number, firstRunAt: number): Promise<WatchRecord> {
    const row = await this.sql.get<Row>(
      `INSERT INTO watches (host, ports, servername, expect_names, interval_ms, channel, created_by, created_at, next_run_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (host) DO UPDATE SET ports = excluded.ports, servername = excluded.servername, expect_names = excluded.expect_names,
         interval_ms = excluded.interval_ms, channel = excluded.channel, next_run_at = excluded.next_run_at
       RETURNING *`,
      [watch.host, JSON.stringify(watch.ports), watch.servername ?? null, JSON.stringify(watch.expectNames), watch.intervalMs, watch.channel, watch.createdBy, now, firstRunAt],
    );
    return toWatch(row!);
  }

  async remove(host: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM watches WHERE host = ?', [host])) > 0;
  }

  async byHost(host: string): Promise<WatchRecord | undefined> {
    const row = await this.sql.get<Row>('SELECT * FROM watches WHERE host = ?', [host]);
    return row && toWatch(row);
  }

  async byId(id: number): Promise<WatchRecord | undefined> {
    const row = await this.sql.get<Row>('SELECT * FROM watches WHERE id = ?', [id]);
    return row && toWatch(row);
  }

  async list(): Promise<WatchRecord[]> {
    return (await this.sql.all<Row>('SELECT * FROM watches ORDER BY host')).map(toWatch);
  }

  /** Due watches nobody holds a live claim on, claimed in one statement (across replicas: rows being claimed elsewhere are skipped). */
  async claimDue(now: number, limit: number, claim: ClaimRecord): Promise<WatchRecord[]> {
    const rows = await this.sql.all<Row>(
      `UPDATE watches SET running_since = ?, lease_until = ?, claim_token = ?
       WHERE id IN (
         SELECT id FROM watches
         WHERE next_run_at <= ? AND COALESCE(lease_until, 0) <= ?
         ORDER BY next_run_at, id LIMIT ?${this.dialect.skipLocked})
       RETURNING *`,
      [now, now + claim.leaseMs, claim.token, now, now, limit],
    );
    return rows.map(toWatch).sort((a, b) => a.nextRunAt - b.nextRunAt || a.id - b.id);
  }

  /** Extends the claims a live process still holds (its runs are under way), so they outlast a slow check. */
  async renew(tokens: readonly string[], leaseUntil: number): Promise<number> {
    if (tokens.length === 0) return 0;
    const marks = tokens.map(() => '?').join(', ');
    return this.sql.run(`UPDATE watches SET lease_until = ? WHERE claim_token IN (${marks})`, [leaseUntil, ...tokens]);
  }

  /** Ends a run; false (and nothing changed) when the claim was lost (its lease ended and another run took the watch). */
  async finishRun(id: number, token: string, finishedAt: number, nextRunAt: number): Promise<boolean> {
    const changed = await this.sql.run(
      'UPDATE watches SET running_since = NULL, lease_until = NULL, claim_token = NULL, last_run_at = ?, next_run_at = ? WHERE id = ? AND claim_token = ?',
      [finishedAt, nextRunAt, id, token],
    );
    return changed > 0;
  }

  /** Ends a claim without a run (the executor refused the check): due again at `nextRunAt`, last run unchanged. */
  async release(id: number, token: string, nextRunAt: number): Promise<void> {
    await this.sql.run('UPDATE watches SET running_since = NULL, lease_until = NULL, claim_token = NULL, next_run_at = ? WHERE id = ? AND claim_token = ?', [
      nextRunAt,
      id,
      token,
    ]);
  }

  /** Every claim void now: for a store one process owns, whose claims a restart interrupted. */
  async releaseAll(now: number): Promise<number> {
    return this.sql.run(
      `UPDATE watches SET running_since = NULL, lease_until = NULL, claim_token = NULL,
         next_run_at = CASE WHEN next_run_at < ? THEN next_run_at ELSE ? END
       WHERE running_since IS NOT NULL`,
      [now, now],
    );
  }

  /** Make a watch due now (a re-run), unless a live claim holds it; false when there is no such watch or it is running. */
  async runNow(host: string, now: number): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE watches SET next_run_at = CASE WHEN next_run_at < ? THEN next_run_at ELSE ? END
       WHERE host = ? AND COALESCE(lease_until, 0) <= ?`,
      [now, now, host, now],
    );
    return changed > 0;
  }

  /** When a watch next becomes claimable: the earliest due time, or a lease's end; undefined with none. */
  async nextDueAt(): Promise<number | undefined> {
    const row = await this.sql.get<{ at: number | null }>(
      'SELECT MIN(CASE WHEN lease_until IS NULL THEN next_run_at ELSE lease_until END) AS at FROM watches',
    );
    return row?.at ?? undefined;
  }

  async mute(host: string, until: number | null): Promise<boolean> {
    return (await this.sql.run('UPDATE watches SET muted_until = ? WHERE host = ?', [until, host])) > 0;
  }

  /** How overdue the most overdue unclaimed watch is, in ms (0 when none is). */
  async scheduleLag(now: number): Promise<number> {
    const row = await this.sql.get<{ at: number | null }>('SELECT MIN(next_run_at) AS at FROM watches WHERE COALESCE(lease_until, 0) <= ?', [now]);
    return row?.at == null ? 0 : Math.max(0, now - row.at);
  }
}

function toWatch(r: Row): WatchRecord {
  return {
    id: r.id,
    host: r.host,
    ports: JSON.parse(r.ports) as number[],
    servername: r.servername,
    expectNames: JSON.parse(r.expect_names) as string[],
    intervalMs: r.interval_ms,
    channel: r.channel,
    createdBy: r.created_by,
    createdAt: r.created_at,
    nextRunAt: r.next_run_at,
    lastRunAt: r.last_run_at,
    runningSince: r.running_since,
    mutedUntil: r.muted_until,
  };
}
