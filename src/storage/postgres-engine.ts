import { Pool, types, type PoolClient, type PoolConfig, type QueryResultRow } from 'pg';
import { POSTGRES_MIGRATIONS } from './migrations/postgres';
import { pendingMigrations, POSTGRES, type Engine, type Migration, type Sql, type SqlValue } from './sql';

/** Any fixed number that is ours: the advisory lock every replica takes to migrate, one at a time. */
const MIGRATION_LOCK = 7_353_836_101;

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Timestamps (milliseconds) and ids are BIGINT; node-postgres returns those as
 * strings by default. Every value we store fits in a double, so they come back as numbers.
 */
const numberTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID ? (value: string) => Number(value) : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  max?: number;
  migrations?: Migration[];
}

/** PostgreSQL through a node-postgres pool; a transaction holds one client from BEGIN to COMMIT. */
export class PostgresEngine implements Engine {
  readonly dialect = POSTGRES;
  readonly sql: Sql;

  constructor(private readonly pool: Pool) {
    this.sql = over((text, params) => pool.query(text, params));
  }

  async transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(over((text, params) => client.query(text, params)));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Connect, migrate under an advisory lock (replicas starting together take turns), and hand back the engine. */
export async function openPostgres(connectionString: string, options: PostgresOptions = {}): Promise<PostgresEngine> {
  const config: PoolConfig = { connectionString, max: options.max ?? 10, types: numberTypes, connectionTimeoutMillis: 10_000 };
  const pool = new Pool(config);
  // An idle client losing its connection must not take the process down; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client, options.migrations ?? POSTGRES_MIGRATIONS);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return new PostgresEngine(pool);
}

/** Applies what schema_migrations does not list yet, each version in its own transaction, holding the lock throughout. */
export async function migratePostgres(client: PoolClient, migrations: Migration[]): Promise<number> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    const applied = rows[0].v ?? 0;
    for (const m of pendingMigrations(migrations, applied)) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
    return Math.max(applied, ...migrations.map((m) => m.version));
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}

type Query = (text: string, params: SqlValue[]) => Promise<{ rows: QueryResultRow[]; rowCount: number | null }>;

function over(query: Query): Sql {
  return {
    all: async <T>(text: string, params: SqlValue[] = []) => (await query(numbered(text), params)).rows as T[],
    get: async <T>(text: string, params: SqlValue[] = []) => (await query(numbered(text), params)).rows[0] as T | undefined,
    run: async (text: string, params: SqlValue[] = []) => (await query(numbered(text), params)).rowCount ?? 0,
  };
}

const numberedCache = new Map<string, string>();

/** `?` placeholders as `$1, $2, …` (the stores' SQL has no `?` inside literals). */
export function numbered(text: string): string {
  let out = numberedCache.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/\?/g, () => `$${++n}`);
    numberedCache.set(text, out);
  }
  return out;
}
