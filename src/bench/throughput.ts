import { checkRequest } from '../check/check-request';
import { CheckPool } from '../execution/check-pool';
import { floorProbe } from './floor-probe';
import { closedLoopRaw, summarize, type LoopBounds, type RawSample, type Sample } from './measure';

const WARM_UP = 20;
/** Floor and engine take turns this many times each, so that a change in the machine's load mid-run falls on both. */
const TURNS = 2;

export interface FloorAndEngine {
  floor: Sample;
  engine: Sample & { threads: number };
}

/**
 * The floor (in this process's main thread) and the engine through the pool (whole checks: probe,
 * certificate analysis, diagnosis) against one port at one concurrency, in alternating turns that
 * share the bounds; each side's turns are pooled. One loopback destination, so the engine's
 * per-destination limit is raised to the concurrency.
 */
export async function floorAndEngine(port: number, concurrency: number, bounds: LoopBounds): Promise<FloorAndEngine> {
  const pool = new CheckPool({ concurrency, perDestination: concurrency, maxQueue: 0 });
  const request = checkRequest('127.0.0.1', [port], { timeoutMs: 10_000 });
  const floor = () => floorProbe('127.0.0.1', port);
  const engine = async () => {
    const report = await pool.check(request);
    if (!report.ports[0].starttls.succeeded) throw new Error(report.ports[0].error?.message ?? 'STARTTLS failed');
  };
  const turn: LoopBounds = { maxRuns: Math.ceil(bounds.maxRuns / TURNS), maxMs: bounds.maxMs / TURNS };
  try {
    for (const run of [floor, engine]) await closedLoopRaw(Math.min(concurrency, WARM_UP), run, { maxRuns: WARM_UP, maxMs: 5000 });
    const turns: { floor: RawSample[]; engine: RawSample[] } = { floor: [], engine: [] };
    for (let i = 0; i < TURNS; i++) {
      turns.floor.push(await closedLoopRaw(concurrency, floor, turn));
      turns.engine.push(await closedLoopRaw(concurrency, engine, turn));
    }
    return { floor: pooled(turns.floor), engine: { ...pooled(turns.engine), threads: pool.stats().threads } };
  } finally {
    await pool.close();
  }
}

function pooled(samples: RawSample[]): Sample {
  return summarize(
    samples.flatMap((s) => s.latencies),
    samples.reduce((n, s) => n + s.failed, 0),
    samples.reduce((n, s) => n + s.seconds, 0),
  );
}
