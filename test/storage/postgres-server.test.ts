import { Client } from 'pg';
import { createTestDatabase, describePostgres } from '../helpers/postgres';

describePostgres('the throwaway PostgreSQL server', () => {
  it('gives each test file a database of its own and drops it afterwards', async () => {
    const db = await createTestDatabase();
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ db: string; addr: string | null }>('SELECT current_database() AS db, host(inet_server_addr()) AS addr');
    await client.end();
    expect(rows[0].db).toBe(new URL(db.url).pathname.slice(1));
    // Loopback only: the tests never reach anything else.
    expect(rows[0].addr).toBe('127.0.0.1');
    await db.drop();
    const again = new Client({ connectionString: db.url });
    await expect(again.connect()).rejects.toThrow(/does not exist/);
    await again.end().catch(() => undefined);
  });
});
