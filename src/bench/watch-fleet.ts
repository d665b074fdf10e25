import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { openStore } from '../storage/open-store';
import { Child } from './child';
import { percentile, round } from './measure';
import type { FromReplica, ReplicaStart } from './watch-replica';
import { startWebApiStandIn } from './web-api-stand-in';

export interface FleetPlan {
  watches: number;
  /** Every watch falls due once within this window, evenly spread. */
  windowMs: number;
  /** After the window, how long stragglers may still start before the scenario is cut off. */
  graceMs: number;
  /** STARTTLS_WATCH_CONCURRENCY per replica. */
  concurrency: number;
}

export interface FleetScenario {
  backend: 'postgres' | 'sqlite';
  replicas: number;
  watches: number;
  windowMs: number;
  concurrency: number;
  /** Watches whose check started before the cut-off, and how many ran more than once (must be 0). */
  started: number;
  ranTwice: number;
  /** How late each check started against its watch's due time; a watch never started counts as late as the cut-off. */
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** Checks finished per second from the first due time to the last finish; the offered rate is watches / window. */
  checksPerSecond: number;
  offeredPerSecond: number;
  /** Wall time of a check (the pool, and on PostgreSQL the shared per-host slot), mean. */
  checkMsMean: number;
  /**
   * Wall time of a whole run (claim, check, recording), mean, by Little's law from the runs held at once
   * (replicas x concurrency) and the rate: valid while the replicas were saturated (lag growing).
   */
  runMsMean: number;
  /** CPU of every replica process (all threads), per check. */
  replicaCpuMsPerCheck: number;
  /** node-postgres round trips per check, all replicas (PostgreSQL only), and the most frequent statements per check. */
  queriesPerCheck: number | null;
  queriesPerCheckByStatement?: Record<string, number>;
  /** Slack messages the runs queued (0: every run was clean, as meant). */
  outboxRows: number;
  /** Whether every replica was up before the first watch fell due (else the lag includes start-up). */
  readyBeforeFirstDue: boolean;
  seconds: number;
  target: null;
}

const BENCH_NAME = 'bench.starttls.test';
/** Time to start the replicas (store, worker pool) before the first watch is due. */
const START_MARGIN_MS = 6_000;

/**
 * One scenario: `watches` watches of distinct names (all resolving, for the bench, to the loopback fast
 * server), due evenly within the window, run by `replicas` separate processes over one store.
 */
export async function fleetScenario(plan: FleetPlan, target: { backend: 'postgres'; adminUrl: string } | { backend: 'sqlite' }, replicas: number, serverPort: number, caPem: string): Promise<FleetScenario> {
  const t0 = Date.now();
  const db = target.backend === 'postgres' ? await freshDatabase(target.adminUrl) : sqliteDir();
  const slack = await startWebApiStandIn();
  const children: Child[] = [];
  try {
    const firstDue = Date.now() + START_MARGIN_MS;
    await insertWatches(db, plan, firstDue, serverPort);
    const start: Omit<ReplicaStart, 'type'> = { dataDir: db.dataDir, ...(db.url ? { databaseUrl: db.url } : {}), slackApiUrl: slack.apiUrl, caPem, address: '127.0.0.1', concurrency: plan.concurrency };
    for (let i = 0; i < replicas; i++) children.push(new Child('watch-replica.js'));
    const ready = children.map((c) => c.next('ready', 60_000));
    for (const c of children) c.send({ type: 'start', ...start } satisfies ReplicaStart);
    await Promise.all(ready);
    const readyBeforeFirstDue = Date.now() < firstDue;
    const cutOff = firstDue + plan.windowMs + plan.graceMs;
    while (Date.now() < cutOff) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const counts = await Promise.all(children.map((c) => c.ask<Extract<FromReplica, { type: 'count' }>>({ type: 'count' })));
      if (counts.reduce((n, c) => n + c.finished, 0) >= plan.watches) break;
    }
    const stopped = await Promise.all(children.map((c) => c.ask<Extract<FromReplica, { type: 'stop' }>>({ type: 'stop' }, 60_000)));
    const outboxRows = await countOutbox(db);
    return summarize(plan, target.backend, stopped, firstDue, cutOff, { outboxRows, readyBeforeFirstDue, seconds: round((Date.now() - t0) / 1000, 1) });
  } finally {
    for (const c of children) c.stop();
    await slack.close();
    await db.drop();
  }
}

function summarize(plan: FleetPlan, backend: FleetScenario['backend'], stopped: Extract<FromReplica, { type: 'stop' }>[], firstDue: number, cutOff: number, extra: Pick<FleetScenario, 'outboxRows' | 'readyBeforeFirstDue' | 'seconds'>): FleetScenario {
  const firstStart = new Map<string, number>();
  let ranTwice = 0;
  for (const [host, at] of stopped.flatMap((s) => s.starts)) {
    if (firstStart.has(host)) ranTwice += 1;
    else firstStart.set(host, at);
  }
  const lags = Array.from({ length: plan.watches }, (_, i) => {
    const due = firstDue + Math.floor((i * stepMicros(plan)) / 1000);
    return (firstStart.get(watchName(i)) ?? cutOff) - due;
  });
  const finished = stopped.reduce((n, s) => n + s.finished, 0);
  const lastFinish = Math.max(...stopped.map((s) => s.lastFinishAt));
  const cpuMs = stopped.reduce((n, s) => n + s.cpuMs, 0);
  const queries = stopped.reduce((n, s) => n + s.queries, 0);
  return {
    backend,
    replicas: stopped.length,
    watches: plan.watches,
    windowMs: plan.windowMs,
    concurrency: plan.concurrency,
    started: firstStart.size,
    ranTwice,
    lagP50Ms: round(percentile(lags, 50), 0),
    lagP99Ms: round(percentile(lags, 99), 0),
    lagMaxMs: Math.max(...lags),
    checksPerSecond: round(finished / Math.max(0.001, (lastFinish - firstDue) / 1000), 0),
    offeredPerSecond: round(plan.watches / (plan.windowMs / 1000), 0),
    checkMsMean: round(stopped.reduce((n, s) => n + s.checkMs, 0) / Math.max(1, finished), 1),
    runMsMean: round((stopped.length * plan.concurrency * (lastFinish - firstDue)) / Math.max(1, finished), 1),
    replicaCpuMsPerCheck: round(cpuMs / Math.max(1, finished), 2),
    queriesPerCheck: backend === 'postgres' ? round(queries / Math.max(1, finished), 1) : null,
    ...(backend === 'postgres' ? { queriesPerCheckByStatement: statementsPerCheck(stopped, finished) } : {}),
    ...extra,
    target: null,
  };
}

function statementsPerCheck(stopped: Extract<FromReplica, { type: 'stop' }>[], finished: number): Record<string, number> {
  const total = new Map<string, number>();
  for (const [key, n] of stopped.flatMap((s) => s.byStatement)) total.set(key, (total.get(key) ?? 0) + n);
  const top = [...total].sort((a, b) => b[1] - a[1]).slice(0, 12);
  return Object.fromEntries(top.map(([key, n]) => [key, round(n / Math.max(1, finished), 2)]));
}

/** The spacing of due times, in whole microseconds as the insert computes it. */
function stepMicros(plan: FleetPlan): number {
  return Math.round((plan.windowMs * 1000) / plan.watches);
}

function watchName(i: number): string {
  return `w${String(i).padStart(5, '0')}.${BENCH_NAME}`;
}

interface FleetDatabase {
  url?: string;
  dataDir: string;
  drop(): Promise<void>;
}

async function freshDatabase(adminUrl: string): Promise<FleetDatabase> {
  const name = `starttls_bench_${process.pid}_${Date.now()}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.href, dataDir: ':unused:', drop: () => admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

function sqliteDir(): FleetDatabase {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'starttls-bench-fleet-'));
  return { dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The fleet in one statement (both engines know recursive CTEs): names w00000…, due evenly from firstDue, hourly after. */
async function insertWatches(db: FleetDatabase, plan: FleetPlan, firstDue: number, port: number): Promise<void> {
  const store = await openStore({ dataDir: db.dataDir, ...(db.url ? { databaseUrl: db.url } : {}) });
  try {
    await store.engine.sql.run(
      `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
       INSERT INTO watches (host, ports, servername, expect_names, interval_ms, channel, created_by, created_at, next_run_at)
       SELECT 'w' || substr(CAST(100000 + i AS TEXT), 2) || '.${BENCH_NAME}', ?, ?, '[]', 3600000, 'CBENCH', 'UBENCH', CAST(? AS BIGINT),
              CAST(? AS BIGINT) + (i * ?) / 1000
       FROM seq`,
      [plan.watches - 1, JSON.stringify([port]), BENCH_NAME, Date.now(), firstDue, stepMicros(plan)],
    );
  } finally {
    await store.close();
  }
}

async function countOutbox(db: FleetDatabase): Promise<number> {
  const store = await openStore({ dataDir: db.dataDir, ...(db.url ? { databaseUrl: db.url } : {}) });
  try {
    const row = await store.engine.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox');
    return Number(row?.n ?? 0);
  } finally {
    await store.close();
  }
}
