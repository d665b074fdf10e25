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
}

const CONCURRENCY = 16;

export async function cpuPerCheck(port: number, runs: number): Promise<CpuPerCheck> {
  const request = checkRequest('127.0.0.1', [port], { timeoutMs: 10_000 });
  const withProtocols = checkRequest('127.0.0.1', [port], { timeoutMs: 10_000, protocols: true });
  const pool = new CheckPool({ concurrency: CONCURRENCY, perDestination: CONCURRENCY, maxQueue: 0 });
  try {
    return {
      runs,
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

async function cpuMs(runs: number, run: () => Promise<unknown>): Promise<number> {
  const lanes = (n: number) => {
    let left = n;
    return Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) await run();
    }));
  };
  await lanes(Math.min(100, runs));
  const before = process.cpuUsage();
  await lanes(runs);
  const used = process.cpuUsage(before);
  return round((used.user + used.system) / 1000 / runs, 2);
}
