import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The PostgreSQL server the tests may use: DATABASE_URL, as exported by
 * scripts/with-postgres.sh (which .ci/run wraps around `npm test`).
 */
export const postgresUrl: string | undefined = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL : undefined;

const HOW = 'run them with scripts/with-postgres.sh (e.g. scripts/with-postgres.sh npx jest test/storage), or set DATABASE_URL=postgres://…';

/**
 * describe() for tests that need PostgreSQL. Without a server they are skipped, saying why;
 * under CI=true they fail instead: CI must never pass with the PostgreSQL half unrun.
 */
export function describePostgres(name: string, body: () => void): void {
  if (postgresUrl) return describe(name, body);
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a PostgreSQL server to run on', () => {
        throw new Error(`CI=true but DATABASE_URL is not a postgres:// URL: the PostgreSQL tests cannot run; ${HOW}`);
      });
    });
    return;
  }
  // Skipped on purpose, outside CI only: a plain `npm test` on a machine without PostgreSQL still runs
  // the SQLite half of every store test; the name says how to run the rest. CI (above) never skips.
  describe.skip(`${name} [skipped: no DATABASE_URL; ${HOW}]`, body);
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A database of its own for one test file (jest runs files in parallel), dropped by drop(). */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!postgresUrl) throw new Error(`no PostgreSQL server: ${HOW}`);
  const name = `starttls_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
