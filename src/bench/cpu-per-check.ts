import { checkRequest } from '../check/check-request';
import { checkTarget } from '../check/check-target';
import { CheckPool } from '../execution/check-pool';
import { probePort } from '../probe/probe-port';
import { floorProbe } from './floor-probe';
import { round } from './measure';

/** Process CPU time (user + system, every thread) per probe or check at concurrency 16: less noisy than throughput on a shared machine. */
export interface CpuPerCheck {
  runs: number;
  floorMs: number;
  /** probePort alone: the SMTP/TLS session as the engine runs it (peer chain collected). */
  probeMs: number;
  /** checkTarget in this thread: probe, certificate analysis (cached per chain), diagnosis, report. */
  checkMs: number;
  /** The same with the TLS-version scan (`--protocols`; the Slack bot always scans). */
  checkWithProtocolsMs: number;
  /** Through the pool: the check in a worker thread, plus the hop there and back. */
  poolMs: number;
  /**
   * The first 1,000 checks through a fresh pool (after one round that loads the engine into its threads):
   * what a short CLI run pays while V8 compiles the engine's hot code in each worker isolate.
   */
  poolColdMs: number;
}

const CONCURRENCY = 16;
const COLD_RUNS = 1000;
/** Checks before the measured runs, each side: enough for V8 to have compiled the hot code (see throughput.ts). */
const WARM_UP = { inProcess: 3000, pool: 5000, floor: 1000 };

export async function cpuPerCheck(port: number, runs: number): Promise<CpuPerCheck> {
  const request = checkRequest('127.0.0.1', [port], { timeoutMs: 10_000 });
  const withProtocols = checkRequest('127.0.0.1', [port], { timeoutMs: 10_000, protocols: true });
  const pool = new CheckPool({ concurrency: CONCURRENCY, perDestination: CONCURRENCY, maxQueue: 0 });
  try {
    const poolColdMs = await cpuMs(COLD_RUNS, () => pool.check(request), CONCURRENCY);
    await lanes(WARM_UP.floor, () => floorProbe('127.0.0.1', port));
    await lanes(WARM_UP.inProcess, () => checkTarget(request));
    await lanes(WARM_UP.inProcess / 10, () => checkTarget(withProtocols));
    await lanes(WARM_UP.pool, () => pool.check(request));
    return {
      runs,
      poolColdMs,
      floorMs: await cpuMs(runs, () => floorProbe('127.0.0.1', port)),
      probeMs: await cpuMs(runs, () => probePort('127.0.0.1', port, { address: '127.0.0.1', ehloName: 'bench.starttls.test', implicitTls: false })),
      checkMs: await cpuMs(runs, () => checkTarget(request)),
      checkWithProtocolsMs: await cpuMs(Math.ceil(runs / 3), () => checkTarget(withProtocols)),
      poolMs: await cpuMs(runs, () => pool.check(request)),
    };
  } finally {
    await pool.close();
  }
}

async function cpuMs(runs: number, run: () => Promise<unknown>, warmUp = 100): Promise<number> {
  await lanes(warmUp, run);
  const before = process.cpuUsage();
  await lanes(runs, run);
  const used = process.cpuUsage(before);
  return round((used.user + used.system) / 1000 / runs, 2);
}

/** `n` runs, CONCURRENCY at a time. */
async function lanes(n: number, run: () => Promise<unknown>): Promise<void> {
  let left = n;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (left-- > 0) await run();
  }));
}
