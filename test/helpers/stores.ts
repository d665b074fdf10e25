import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, Store } from '../../src/storage/open-store';
import { openSqlite, SqliteEngine } from '../../src/storage/sqlite-engine';
import { watchStoreOf } from '../../src/slack/store-wiring';
import type { WatchStore } from '../../src/watch/watch-store';
import { createTestDatabase, describePostgres } from './postgres';

export type Backend = 'sqlite' | 'postgres';

/** A fresh, migrated store of one backend; `again()` is a second handle on the same database (another replica; on SQLite, another app instance in the process). */
export interface TestStore {
  backend: Backend;
  store: Store;
  watches: WatchStore;
  again(): Promise<Store>;
  /**
   * A new process's handle on the same database after a crash: every handle so far is dropped without
   * goodbye (SQLite's file closed under them, PostgreSQL's pools ended), whatever they had committed stays.
   */
  reopen(): Promise<Store>;
  close(): Promise<void>;
}

export async function openTestStore(backend: Backend): Promise<TestStore> {
  const handles: Store[] = [];
  const open = async (options: Parameters<typeof openStore>[0]) => {
    const store = await openStore(options);
    handles.push(store);
    return store;
  };
  const dropAll = async () => {
    for (const h of handles.splice(0)) await dropHandle(h);
  };
  if (backend === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'starttls-store-'));
    const store = await open({ dataDir });
    return {
      backend,
      store,
      watches: watchStoreOf(store),
      // One process owns a SQLite file (better-sqlite3 is synchronous: a second connection in the same
      // process would wait on the first one's lock while holding the thread); its "replicas" share the engine.
      again: async () => new Store(handles[handles.length - 1].engine),
      reopen: async () => {
        await dropAll();
        return open({ dataDir });
      },
      close: async () => {
        await dropAll();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const db = await createTestDatabase();
  const store = await open({ dataDir: ':unused:', databaseUrl: db.url, poolSize: 4 });
  return {
    backend,
    store,
    watches: watchStoreOf(store),
    again: () => open({ dataDir: ':unused:', databaseUrl: db.url, poolSize: 4 }),
    reopen: async () => {
      await dropAll();
      return open({ dataDir: ':unused:', databaseUrl: db.url, poolSize: 4 });
    },
    close: async () => {
      await dropAll();
      await db.drop();
    },
  };
}

/** Close a handle, once: a SQLite file a crash already closed (a test's doing) is left alone. */
async function dropHandle(store: Store): Promise<void> {
  if (store.engine instanceof SqliteEngine && !store.engine.db.open) return;
  await store.close();
}

/**
 * The same tests on SQLite and on PostgreSQL (the latter skipped without a
 * server, failing under CI=true: see describePostgres). `current()` is the
 * store of the test under way, fresh for each test.
 */
export function describeEachStore(name: string, body: (current: () => TestStore, backend: Backend) => void): void {
  for (const backend of ['sqlite', 'postgres'] as const) {
    const describeOn = backend === 'postgres' ? describePostgres : describe;
    describeOn(`${name} (${backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`, () => {
      let store: TestStore | undefined;
      beforeEach(async () => {
        store = await openTestStore(backend);
      });
      afterEach(async () => {
        await store?.close();
        store = undefined;
      });
      body(() => store!, backend);
    });
  }
}

export type TestWatchStore = WatchStore & { close(): Promise<void> };

/** The watch store on SQLite (a directory, or ':memory:'), opened synchronously for the scheduler and dispatcher tests. */
export function sqliteWatchStore(dataDir = ':memory:'): TestWatchStore {
  const store = new Store(openSqlite(dataDir));
  return Object.assign(watchStoreOf(store), { close: () => store.close() });
}
