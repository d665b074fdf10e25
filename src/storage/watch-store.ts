import type { Db } from './database';

export interface Watch {
  id: number;
  host: string;
  ports: number[];
  /** --servername: sent as SNI and the name the certificate must cover; null means the host itself. */
  servername: string | null;
  expectNames: string[];
  intervalMs: number;
  channel: string;
  createdBy: string;
  createdAt: number;
  nextRunAt: number;
  lastRunAt: number | null;
  runningSince: number | null;
  mutedUntil: number | null;
}

export type NewWatch = Pick<Watch, 'host' | 'ports' | 'expectNames' | 'intervalMs' | 'channel' | 'createdBy'> & { servername?: string | null };

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

/** The endpoints being watched and their schedule. */
export class WatchStore {
  constructor(private readonly db: Db) {}

  /** Add or replace the watch for a host; the first run is due at `firstRunAt`. */
  upsert(watch: NewWatch, now: number, firstRunAt: number): Watch {
    this.db
      .prepare(
        `INSERT INTO watches (host, ports, servername, expect_names, interval_ms, channel, created_by, created_at, next_run_at)
         VALUES (@host, @ports, @servername, @expectNames, @intervalMs, @channel, @createdBy, @now, @firstRunAt)
         ON CONFLICT(host) DO UPDATE SET ports = excluded.ports, servername = excluded.servername, expect_names = excluded.expect_names,
           interval_ms = excluded.interval_ms, channel = excluded.channel, next_run_at = excluded.next_run_at`,
      )
      .run({ ...watch, ports: JSON.stringify(watch.ports), servername: watch.servername ?? null, expectNames: JSON.stringify(watch.expectNames), now, firstRunAt });
    return this.byHost(watch.host)!;
  }

  remove(host: string): boolean {
    return this.db.prepare('DELETE FROM watches WHERE host = ?').run(host).changes > 0;
  }

  byHost(host: string): Watch | undefined {
    const row = this.db.prepare('SELECT * FROM watches WHERE host = ?').get(host) as Row | undefined;
    return row && toWatch(row);
  }

  byId(id: number): Watch | undefined {
    const row = this.db.prepare('SELECT * FROM watches WHERE id = ?').get(id) as Row | undefined;
    return row && toWatch(row);
  }

  list(): Watch[] {
    return (this.db.prepare('SELECT * FROM watches ORDER BY host').all() as Row[]).map(toWatch);
  }

  /** Due watches not already running, atomically marked as running so no run starts twice. */
  claimDue(now: number, limit: number): Watch[] {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare('SELECT * FROM watches WHERE next_run_at <= ? AND running_since IS NULL ORDER BY next_run_at LIMIT ?')
        .all(now, limit) as Row[];
      const mark = this.db.prepare('UPDATE watches SET running_since = ? WHERE id = ?');
      for (const r of rows) mark.run(now, r.id);
      return rows.map((r) => ({ ...toWatch(r), runningSince: now }));
    })();
  }

  finishRun(id: number, finishedAt: number, nextRunAt: number): void {
    this.db.prepare('UPDATE watches SET running_since = NULL, last_run_at = ?, next_run_at = ? WHERE id = ?').run(finishedAt, nextRunAt, id);
  }

  /** End a claim without a run (the executor refused the check): due again at `nextRunAt`, last run unchanged. */
  release(id: number, nextRunAt: number): void {
    this.db.prepare('UPDATE watches SET running_since = NULL, next_run_at = ? WHERE id = ?').run(nextRunAt, id);
  }

  /** After a crash, runs marked as running never finished: make them due again. */
  releaseStale(now: number): number {
    return this.db.prepare('UPDATE watches SET running_since = NULL, next_run_at = MIN(next_run_at, ?) WHERE running_since IS NOT NULL').run(now).changes;
  }

  /** Make a watch due now (a re-run), unless it is running; false when there is no such watch or it is running. */
  runNow(host: string, now: number): boolean {
    return this.db.prepare('UPDATE watches SET next_run_at = MIN(next_run_at, ?) WHERE host = ? AND running_since IS NULL').run(now, host).changes > 0;
  }

  /** When the earliest watch not running is due; undefined with none. */
  nextDueAt(): number | undefined {
    const row = this.db.prepare('SELECT MIN(next_run_at) AS at FROM watches WHERE running_since IS NULL').get() as { at: number | null };
    return row.at ?? undefined;
  }

  mute(host: string, until: number | null): boolean {
    return this.db.prepare('UPDATE watches SET muted_until = ? WHERE host = ?').run(until, host).changes > 0;
  }
}

function toWatch(r: Row): Watch {
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
