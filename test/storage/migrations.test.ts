import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { POSTGRES_MIGRATIONS } from '../../src/storage/migrations/postgres';
import { SQLITE_MIGRATIONS } from '../../src/storage/migrations/sqlite';
import { openStore } from '../../src/storage/open-store';
import { openPostgres } from '../../src/storage/postgres-engine';
import { migrateSqlite, openSqlite, SQLITE_FILE } from '../../src/storage/sqlite-engine';
import { createTestDatabase, describePostgres } from '../helpers/postgres';

const latest = (m: { version: number }[]) => m[m.length - 1].version;

describe('SQLite migrations', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'starttls-migrate-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file in the data directory, migrates it, and reopens without re-running migrations', async () => {
    const engine = openSqlite(join(dir, 'nested'));
    expect(engine.db.pragma('user_version', { simple: true })).toBe(latest(SQLITE_MIGRATIONS));
    await engine.sql.run("INSERT INTO results (host, started_at, verdict, report) VALUES ('a.test', 1, 'ok', '{}')");
    await engine.close();
    const again = openSqlite(join(dir, 'nested'));
    expect(await again.sql.get('SELECT COUNT(*) AS n FROM results')).toEqual({ n: 1 });
    await again.close();
  });

  it('upgrades a database an older version wrote, keeping its watches', async () => {
    const db = new Database(join(dir, SQLITE_FILE));
    migrateSqlite(db, SQLITE_MIGRATIONS.slice(0, 2));
    db.prepare("INSERT INTO watches (host, ports, interval_ms, channel, created_by, created_at, next_run_at, running_since) VALUES ('a.test', '[25]', 60000, 'C1', 'U1', 0, 10, 5)").run();
    db.close();
    const store = await openStore({ dataDir: dir });
    const watches = store.watchStore().watches;
    expect(await watches.byHost('a.test')).toMatchObject({ ports: [25], runningSince: 5 });
    // A claim from before leases existed is void at once: nothing holds it.
    expect((await watches.claimDue(10, 10, { token: 't', leaseMs: 1000 })).map((w) => w.host)).toEqual(['a.test']);
    await store.close();
  });

  it('applies only the migrations not yet run', () => {
    const db = new Database(':memory:');
    migrateSqlite(db, [{ version: 1, name: 'one', sql: 'SELECT 1' }]);
    expect(
      migrateSqlite(db, [
        { version: 1, name: 'skipped', sql: 'CREATE TABLE skipped (x)' },
        { version: 2, name: 'extra', sql: 'CREATE TABLE extra (x)' },
      ]),
    ).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'skipped'").get()).toBeUndefined();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toEqual({ name: 'extra' });
  });

  it('refuses a database written by a newer version', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 99');
    expect(() => migrateSqlite(db)).toThrow(/schema version 99 is newer than this program/);
  });
});

describePostgres('PostgreSQL migrations', () => {
  it('lets five replicas start at once: each version applied exactly once, under the advisory lock', async () => {
    const db = await createTestDatabase();
    try {
      const engines = await Promise.all([1, 2, 3, 4, 5].map(() => openPostgres(db.url, { max: 2 })));
      const client = new Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
      await client.end();
      await Promise.all(engines.map((e) => e.close()));
    } finally {
      await db.drop();
    }
  });

  it('refuses a database written by a newer version', async () => {
    const db = await createTestDatabase();
    try {
      (await openPostgres(db.url)).close();
      const client = new Client({ connectionString: db.url });
      await client.connect();
      await client.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')");
      await client.end();
      await expect(openPostgres(db.url)).rejects.toThrow(/schema version 99 is newer than this program/);
    } finally {
      await db.drop();
    }
  });
});
