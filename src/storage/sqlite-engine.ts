import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';
import { pendingMigrations, SQLITE, type Engine, type Migration, type Sql, type SqlValue } from './sql';

export const SQLITE_FILE = 'starttls-bot.sqlite';

/**
 * SQLite through better-sqlite3: one connection, synchronous underneath. A
 * transaction holds the connection from BEGIN to COMMIT, so statements from
 * outside it wait (a mutex) instead of slipping into it between its awaits.
 */
export class SqliteEngine implements Engine {
  readonly dialect = SQLITE;
  readonly sql: Sql;
  private tail: Promise<void> = Promise.resolve();
  private inTransaction = false;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {
    const direct = this.direct();
    this.sql = {
      all: (text, params) => this.outside(() => direct.all(text, params)),
      get: (text, params) => this.outside(() => direct.get(text, params)),
      run: (text, params) => this.outside(() => direct.run(text, params)),
    };
  }

  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.inTransaction = true;
      // IMMEDIATE: take the write lock up front, so a second process waits (busy_timeout) rather than failing at COMMIT.
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.direct());
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      } finally {
        this.inTransaction = false;
      }
    });
  }

  async ping(): Promise<void> {
    await this.sql.get('SELECT 1');
  }

  async close(): Promise<void> {
    await this.exclusive(async () => this.db.close());
  }

  /** Statements straight on the connection (inside a transaction, or when none is open). */
  private direct(): Sql {
    return {
      all: async <T>(text: string, params: SqlValue[] = []) => this.prepare(text).all(...params) as T[],
      get: async <T>(text: string, params: SqlValue[] = []) => this.prepare(text).get(...params) as T | undefined,
      run: async (text: string, params: SqlValue[] = []) => this.prepare(text).run(...params).changes,
    };
  }

  private outside<T>(fn: () => Promise<T>): Promise<T> {
    return this.inTransaction ? this.exclusive(fn) : fn();
  }

  private async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const before = this.tail;
    let done!: () => void;
    this.tail = new Promise<void>((resolve) => (done = resolve));
    await before;
    try {
      return await fn();
    } finally {
      done();
    }
  }

  private prepare(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }
}

/** Open (creating if needed) the database in dataDir, or in memory for ':memory:', and migrate it. */
export function openSqlite(dataDir: string, migrations: Migration[] = SQLITE_MIGRATIONS): SqliteEngine {
  const file = dataDir === ':memory:' ? ':memory:' : join(ensureDir(dataDir), SQLITE_FILE);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrateSqlite(db, migrations);
  return new SqliteEngine(db);
}

/**
 * PRAGMA user_version counts the migrations applied. Each runs in its own
 * IMMEDIATE transaction, the version re-read under the lock, so two processes
 * opening the same file at once do not both apply it.
 */
export function migrateSqlite(db: Database.Database, migrations: Migration[] = SQLITE_MIGRATIONS): number {
  for (;;) {
    const step = db.transaction(() => {
      const next = pendingMigrations(migrations, db.pragma('user_version', { simple: true }) as number)[0];
      if (!next) return false;
      db.exec(next.sql);
      db.pragma(`user_version = ${next.version}`);
      return true;
    });
    if (!step.immediate()) return db.pragma('user_version', { simple: true }) as number;
  }
}

function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
