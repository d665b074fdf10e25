// The PostgreSQL half of the watch-fleet bench, run under scripts/with-postgres.sh (which exports
// DATABASE_URL for a throwaway cluster): each scenario in a database of its own; JSON on stdout.
import { fleetScenario, type FleetScenario } from './watch-fleet';
import type { FleetInput } from './watch-fleet-section';

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is not set: run under scripts/with-postgres.sh');
  const input = JSON.parse(process.env.STARTTLS_BENCH_FLEET ?? '') as FleetInput;
  const scenarios: FleetScenario[] = [];
  for (const replicas of input.replicas) {
    process.stderr.write(`bench: watch fleet on PostgreSQL, ${replicas} replica(s)\n`);
    scenarios.push(await fleetScenario(input.plan, { backend: 'postgres', adminUrl }, replicas, input.serverPort, input.caPem));
  }
  process.stdout.write(JSON.stringify(scenarios));
}

main().catch((err: Error) => {
  process.stderr.write(`watch fleet on PostgreSQL failed: ${err.message}\n`);
  process.exitCode = 1;
});
