import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { caIssuedCertificate } from './server-certificate';
import { ServerChild } from './server-child';
import { fleetScenario, type FleetPlan, type FleetScenario } from './watch-fleet';

export interface WatchFleet {
  plan: FleetPlan;
  scenarios: FleetScenario[];
  /** Why the PostgreSQL scenarios did not run (no server binaries, the cluster did not start, …). */
  postgresSkipped?: string;
}

/** What the PostgreSQL half (run under scripts/with-postgres.sh) is handed, as JSON in its environment. */
export interface FleetInput {
  plan: FleetPlan;
  serverPort: number;
  caPem: string;
  replicas: number[];
}

/**
 * 10,000 watches falling due within the window (well within a minute), against the loopback fast
 * server: on PostgreSQL with 1 and 3 replica processes, under a throwaway cluster that
 * scripts/with-postgres.sh starts and removes, and on SQLite with 1.
 */
export const FLEET_PLAN: FleetPlan = { watches: 10_000, windowMs: 35_000, graceMs: 5_000, concurrency: 8 };
const POSTGRES_BOUND_MS = 150_000;

export async function watchFleet(log: (text: string) => void, plan = FLEET_PLAN): Promise<WatchFleet> {
  // Its own fast server, with a certificate from a CA the replicas trust: every run is clean.
  const certificate = caIssuedCertificate();
  const server = await ServerChild.start(certificate, false);
  try {
    const scenarios: FleetScenario[] = [];
    log(`watch fleet: ${plan.watches} watches due within ${plan.windowMs / 1000} s on PostgreSQL, 1 and 3 replicas`);
    const postgres = await underPostgres({ plan, serverPort: server.port, caPem: certificate.caPem, replicas: [1, 3] });
    scenarios.push(...postgres.scenarios);
    log(`watch fleet: the same on SQLite, 1 replica`);
    scenarios.push(await fleetScenario(plan, { backend: 'sqlite' }, 1, server.port, certificate.caPem));
    return { plan, scenarios, ...(postgres.skipped ? { postgresSkipped: postgres.skipped } : {}) };
  } finally {
    server.stop();
  }
}

/** Runs watch-fleet-postgres.js under scripts/with-postgres.sh; its stdout is the scenarios as JSON. */
function underPostgres(input: FleetInput): Promise<{ scenarios: FleetScenario[]; skipped?: string }> {
  const script = path.resolve(__dirname, '..', '..', 'scripts', 'with-postgres.sh');
  const child = spawn(script, [process.execPath, path.join(__dirname, 'watch-fleet-postgres.js')], {
    env: { ...process.env, STARTTLS_BENCH_FLEET: JSON.stringify(input) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    process.stderr.write(d);
  });
  const timer = setTimeout(() => child.kill('SIGTERM'), POSTGRES_BOUND_MS);
  return new Promise((resolve) => {
    child.on('error', (err) => resolve({ scenarios: [], skipped: `could not run ${script}: ${err.message}` }));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve({ scenarios: JSON.parse(stdout) as FleetScenario[] });
      const why = stderr.trim().split('\n').pop() ?? '';
      resolve({ scenarios: [], skipped: signal ? `stopped after ${POSTGRES_BOUND_MS / 1000} s` : why || `exit ${code}` });
    });
  });
}
