import { checkRequest } from '../check/check-request';
import { CheckPool } from '../execution/check-pool';
import { floorProbe } from './floor-probe';
import { closedLoopRaw, summarize, type LoopBounds, type RawSample, type Sample } from './measure';

/** Floor and engine take turns this many times each, so that a change in the machine's load mid-run falls on both. */
const TURNS = 2;
/** The concurrency the warm-up runs at (both sides). */
const WARM_UP_CONCURRENCY = 16;

/** Per concurrency, as bench-results.json keeps them. */
export interface FloorAndEngine {
  floor: (Sample & { concurrency: number })[];
  engine: (Sample & { concurrency: number; threads: number })[];
}

/**
 * The floor (in this process's main thread) and the engine through one pool (whole checks: probe,
 * certificate analysis, diagnosis) against one port, at each concurrency in alternating turns that
 * share the bounds; each side's turns are pooled.
 *
 * The pool is the one the Slack bot runs (the defaults: 64 checks at once, two threads here), kept for
 * every concurrency as a bot keeps it; one loopback destination, so its per-destination limit is raised.
 * Both sides first run `warmUp` at concurrency 16: a fresh worker isolate compiles the engine's code for
 * its first few thousand checks (V8's optimising compilers cost a cold check 1.5 - 2 ms more CPU than a
 * warm one), while the floor's few functions are hot within a few hundred. Without it the bench measured
 * the JIT's warm-up against a warm floor. The cold cost is measured on its own (`cpuPerCheck`'s `poolColdMs`).
 */
export async function floorAndEngine(port: number, concurrencies: number[], bounds: LoopBounds, warmUp: LoopBounds): Promise<FloorAndEngine> {
  const highest = Math.max(...concurrencies);
  const pool = new CheckPool({ concurrency: Math.max(64, highest), perDestination: Math.max(64, highest), maxQueue: 0 });
  const request = checkRequest('127.0.0.1', [port], { timeoutMs: 10_000 });
  const floor = () => floorProbe('127.0.0.1', port);
  const engine = async () => {
    const report = await pool.check(request);
    if (!report.ports[0].starttls.succeeded) throw new Error(report.ports[0].error?.message ?? 'STARTTLS failed');
  };
  try {
    for (const run of [floor, engine]) await closedLoopRaw(WARM_UP_CONCURRENCY, run, warmUp);
    const samples: FloorAndEngine = { floor: [], engine: [] };
    for (const concurrency of concurrencies) {
      const turns = await inTurns(concurrency, floor, engine, bounds);
      samples.floor.push({ concurrency, ...turns.floor });
      samples.engine.push({ concurrency, ...turns.engine, threads: pool.stats().threads });
    }
    return samples;
  } finally {
    await pool.close();
  }
}

async function inTurns(concurrency: number, floor: () => Promise<unknown>, engine: () => Promise<unknown>, bounds: LoopBounds): Promise<{ floor: Sample; engine: Sample }> {
  const turn: LoopBounds = { maxRuns: Math.ceil(bounds.maxRuns / TURNS), maxMs: bounds.maxMs / TURNS };
  const turns: { floor: RawSample[]; engine: RawSample[] } = { floor: [], engine: [] };
  for (let i = 0; i < TURNS; i++) {
    turns.floor.push(await closedLoopRaw(concurrency, floor, turn));
    turns.engine.push(await closedLoopRaw(concurrency, engine, turn));
  }
  return { floor: pooled(turns.floor), engine: pooled(turns.engine) };
}

function pooled(samples: RawSample[]): Sample {
  return summarize(
    samples.flatMap((s) => s.latencies),
    samples.reduce((n, s) => n + s.failed, 0),
    samples.reduce((n, s) => n + s.seconds, 0),
  );
}
