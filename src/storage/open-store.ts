import { SqlDestinationSlots } from './destination-slots-store';
import { SqlDocuments } from './document-store';
import { SqlIncidents } from './incident-store';
import { SqlOutbox } from './outbox-store';
import { openPostgres } from './postgres-engine';
import { SqlRateWindows } from './rate-window-store';
import { SqlResults } from './result-store';
import { SqlSeenKeys } from './seen-key-store';
import type { Dialect, Engine, Sql } from './sql';
import { openSqlite } from './sqlite-engine';
import { SqlWatchStates } from './watch-state-store';
import { SqlWatches } from './watch-store';

export interface StoreOptions {
  /** postgres://…: PostgreSQL, shared by every replica; unset: SQLite in dataDir. */
  databaseUrl?: string;
  /** SQLite's directory, or ':memory:'. */
  dataDir: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

/** The watch tables over one connection (or one transaction), JSON columns typed by the caller. */
export interface WatchTables<P, O, S> {
  watches: SqlWatches;
  results: SqlResults;
  states: SqlWatchStates<S>;
  incidents: SqlIncidents<P>;
  outbox: SqlOutbox<O>;
}

export class SqlWatchStore<P, O, S> implements WatchTables<P, O, S> {
  readonly watches: SqlWatches;
  readonly results: SqlResults;
  readonly states: SqlWatchStates<S>;
  readonly incidents: SqlIncidents<P>;
  readonly outbox: SqlOutbox<O>;

  constructor(
    private readonly engine: Engine,
    /** True for SQLite: one process owns the file, so claims it finds at start were its own, interrupted. */
    readonly exclusive: boolean,
  ) {
    const tables = watchTables<P, O, S>(engine.sql, engine.dialect);
    this.watches = tables.watches;
    this.results = tables.results;
    this.states = tables.states;
    this.incidents = tables.incidents;
    this.outbox = tables.outbox;
  }

  transaction<T>(fn: (tx: WatchTables<P, O, S>) => Promise<T>): Promise<T> {
    return this.engine.transaction((sql) => fn(watchTables<P, O, S>(sql, this.engine.dialect)));
  }
}

function watchTables<P, O, S>(sql: Sql, dialect: Dialect): WatchTables<P, O, S> {
  return {
    watches: new SqlWatches(sql, dialect),
    results: new SqlResults(sql),
    states: new SqlWatchStates<S>(sql),
    incidents: new SqlIncidents<P>(sql),
    outbox: new SqlOutbox<O>(sql, dialect),
  };
}

/** How long shared Slack state is kept (see prune). */
const KEEP = { documentsMs: 90 * 86_400_000, seenKeysMs: 86_400_000, rateWindowsMs: 86_400_000 };

/** One database for everything the bot keeps: watches, Slack reports, seen deliveries, rate windows, destination slots. */
export class Store {
  readonly backend: Dialect['name'];
  readonly rateWindows: SqlRateWindows;
  readonly destinationSlots: SqlDestinationSlots;

  constructor(readonly engine: Engine) {
    this.backend = engine.dialect.name;
    this.rateWindows = new SqlRateWindows(engine);
    this.destinationSlots = new SqlDestinationSlots(engine.sql);
  }

  watchStore<P, O, S>(): SqlWatchStore<P, O, S> {
    return new SqlWatchStore<P, O, S>(this.engine, this.backend === 'sqlite');
  }

  documents<T>(namespace: string, now?: () => number): SqlDocuments<T> {
    return new SqlDocuments<T>(this.engine.sql, namespace, now);
  }

  seenKeys(ttlMs: number, now?: () => number): SqlSeenKeys {
    return new SqlSeenKeys(this.engine.sql, ttlMs, now);
  }

  /** A cheap round trip: is the database reachable? (readiness) */
  ping(): Promise<void> {
    return this.engine.ping();
  }

  /** Drops shared state nobody can use any more: reports older than 90 days, deliveries and idle windows older than a day, ended slots. */
  async prune(now: number): Promise<void> {
    const sql = this.engine.sql;
    await SqlDocuments.prune(sql, now - KEEP.documentsMs);
    await SqlSeenKeys.prune(sql, now - KEEP.seenKeysMs);
    await SqlRateWindows.prune(this.engine, now - KEEP.rateWindowsMs);
    await SqlDestinationSlots.prune(sql, now);
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}

/** PostgreSQL when databaseUrl is a postgres:// URL, SQLite otherwise; migrated either way. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const url = options.databaseUrl;
  const engine = url ? await openPostgres(url, options.poolSize !== undefined ? { max: options.poolSize } : {}) : openSqlite(options.dataDir);
  return new Store(engine);
}

export function isPostgresUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text);
}
