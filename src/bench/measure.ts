import { performance } from 'node:perf_hooks';

export interface Sample {
  completed: number;
  failed: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LoopBounds {
  /** Stop starting new runs after this many... */
  maxRuns: number;
  /** ...or after this long, whichever comes first. */
  maxMs: number;
}

/** What a closed loop saw, before summarizing: samples of one measurement taken in turns are pooled from these. */
export interface RawSample {
  latencies: number[];
  failed: number;
  seconds: number;
}

/** `concurrency` lanes each running `run` back to back until the bounds are reached: throughput and latency. */
export async function closedLoop(concurrency: number, run: () => Promise<unknown>, bounds: LoopBounds): Promise<Sample> {
  const raw = await closedLoopRaw(concurrency, run, bounds);
  return summarize(raw.latencies, raw.failed, raw.seconds);
}

export async function closedLoopRaw(concurrency: number, run: () => Promise<unknown>, bounds: LoopBounds): Promise<RawSample> {
  const latencies: number[] = [];
  let started = 0;
  let failed = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (started < bounds.maxRuns && performance.now() - t0 < bounds.maxMs) {
      started += 1;
      const s = performance.now();
      try {
        await run();
        latencies.push(performance.now() - s);
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { latencies, failed, seconds: (performance.now() - t0) / 1000 };
}

export function summarize(latencies: number[], failed: number, seconds: number): Sample {
  return {
    completed: latencies.length,
    failed,
    seconds: round(seconds, 2),
    perSecond: round(latencies.length / seconds, 0),
    p50Ms: round(percentile(latencies, 50), 1),
    p99Ms: round(percentile(latencies, 99), 1),
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
