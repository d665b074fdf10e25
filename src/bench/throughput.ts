import { checkRequest } from '../check/check-request';
import { CheckPool } from '../execution/check-pool';
import { floorProbe } from './floor-probe';
import { closedLoop, type LoopBounds, type Sample } from './measure';

const WARM_UP = 20;

/** The floor, in this process's main thread. */
export async function floorSample(port: number, concurrency: number, bounds: LoopBounds): Promise<Sample> {
  const run = () => floorProbe('127.0.0.1', port);
  await closedLoop(Math.min(concurrency, WARM_UP), run, { maxRuns: WARM_UP, maxMs: 5000 });
  return closedLoop(concurrency, run, bounds);
}

/**
 * The engine through the pool: whole checks (probe, certificate analysis, diagnosis).
 * One loopback destination, so the per-destination limit is raised to the concurrency.
 */
export async function engineSample(port: number, concurrency: number, bounds: LoopBounds): Promise<Sample & { threads: number }> {
  const pool = new CheckPool({ concurrency, perDestination: concurrency, maxQueue: 0 });
  const request = checkRequest('127.0.0.1', [port], { timeoutMs: 10_000 });
  const run = async () => {
    const report = await pool.check(request);
    if (!report.ports[0].starttls.succeeded) throw new Error(report.ports[0].error?.message ?? 'STARTTLS failed');
  };
  try {
    await closedLoop(Math.min(concurrency, WARM_UP), run, { maxRuns: WARM_UP, maxMs: 5000 });
    return { ...(await closedLoop(concurrency, run, bounds)), threads: pool.stats().threads };
  } finally {
    await pool.close();
  }
}
