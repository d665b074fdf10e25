// Child-process entry for the watch-fleet bench: one replica's watch service (scheduler, outbox,
// checks through the worker pool) over the shared store, wired as src/slack/main.ts wires it.
// It notes when each watch's check starts; the parent compares that with the watch's due time.
import { Client } from 'pg';
import type { Checker } from '../check/checker';
import { CheckPool } from '../execution/check-pool';
import { sharedDestinationLimit } from '../execution/shared-destination-limit';
import { renderOutboxMessage } from '../slack/blocks/watch-outbox-blocks';
import { watchStoreOf } from '../slack/store-wiring';
import { webClientPoster } from '../slack/web-client-poster';
import { openStore } from '../storage/open-store';
import { createWatchRuntime } from '../watch/watch-runtime';

export interface ReplicaStart {
  type: 'start';
  /** PostgreSQL shared by the replicas; absent: SQLite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  slackApiUrl: string;
  /** The CA of the fast server's certificate, trusted, so every run is clean (no alerts). */
  caPem: string;
  /** What the watches' names resolve to: the loopback fast server (the bench's stand-in for DNS). */
  address: string;
  /** STARTTLS_WATCH_CONCURRENCY. */
  concurrency: number;
}

export type FromReplica =
  | { type: 'ready' }
  | { type: 'count'; started: number; finished: number }
  | { type: 'stop'; starts: [string, number][]; finished: number; lastFinishAt: number; checkMs: number; cpuMs: number; queries: number; byStatement: [string, number][] };

/** node-postgres round trips of this process (pool.query goes through Client#query too), by statement. */
let queries = 0;
const byStatement = new Map<string, number>();
const query = Client.prototype.query;
Client.prototype.query = function (this: Client, ...args: unknown[]) {
  queries += 1;
  const text = typeof args[0] === 'string' ? args[0] : '(other)';
  const key = text.replace(/\s+/g, ' ').slice(0, 48);
  byStatement.set(key, (byStatement.get(key) ?? 0) + 1);
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof Client.prototype.query;

process.once('message', async (start: ReplicaStart) => {
  const store = await openStore({ dataDir: start.dataDir, ...(start.databaseUrl ? { databaseUrl: start.databaseUrl } : {}) });
  const pool = new CheckPool();
  const polite = store.backend === 'postgres' ? sharedDestinationLimit(pool.check, store.destinationSlots, { perDestination: 2 }) : pool.check;
  const starts: [string, number][] = [];
  let finished = 0;
  let lastFinishAt = 0;
  let checkMs = 0;
  const checker: Checker = async (request, hooks) => {
    const at = Date.now();
    starts.push([request.host, at]);
    try {
      return await polite(request, hooks);
    } finally {
      finished += 1;
      lastFinishAt = Date.now();
      checkMs += lastFinishAt - at;
    }
  };
  const runtime = createWatchRuntime({
    store: watchStoreOf(store),
    checker,
    poster: webClientPoster('xoxb-bench-token', { slackApiUrl: start.slackApiUrl }),
    render: renderOutboxMessage,
    settings: { maxConcurrentRuns: start.concurrency, requestOverrides: { caPems: [start.caPem], address: start.address, timeoutMs: 10_000 } },
  });
  const cpu0 = process.cpuUsage();
  await runtime.start();
  process.send!({ type: 'ready' } satisfies FromReplica);
  process.on('message', async (m: { type: string }) => {
    if (m.type === 'count') process.send!({ type: 'count', started: starts.length, finished } satisfies FromReplica);
    if (m.type !== 'stop') return;
    await runtime.stop();
    await pool.close({ cancel: true });
    await store.close();
    const cpu = process.cpuUsage(cpu0);
    process.send!({ type: 'stop', starts, finished, lastFinishAt, checkMs, cpuMs: Math.round((cpu.user + cpu.system) / 1000), queries, byStatement: [...byStatement] } satisfies FromReplica);
  });
  process.on('disconnect', () => process.exit(0));
});
