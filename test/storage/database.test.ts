import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase } from '../../src/storage/database';
import { MIGRATIONS } from '../../src/storage/migrations';

describe('openDatabase', () => {
  it('creates the file in the data directory, migrates it, and reopens without re-running migrations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'starttls-db-'));
    try {
      const db = openDatabase(join(dir, 'nested'));
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      db.prepare("INSERT INTO results (host, started_at, verdict, report) VALUES ('a.test', 1, 'ok', '{}')").run();
      db.close();
      const again = openDatabase(join(dir, 'nested'));
      expect(again.prepare('SELECT COUNT(*) AS n FROM results').get()).toEqual({ n: 1 });
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies only the migrations not yet run', () => {
    const db = new Database(':memory:');
    migrate(db, ['SELECT 1']);
    expect(migrate(db, ['CREATE TABLE skipped (x)', 'CREATE TABLE extra (x)'])).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'skipped'").get()).toBeUndefined();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toEqual({ name: 'extra' });
  });

  it('refuses a database written by a newer version', () => {
    const db = openDatabase(':memory:');
    db.pragma('user_version = 99');
    expect(() => migrate(db)).toThrow(/newer than this program/);
  });
});
