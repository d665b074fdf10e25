import { availableParallelism } from 'node:os';

export interface CheckPoolOptions {
  /** Checks running at once, pool-wide (each check probes its host's ports in parallel). Default 64. */
  concurrency?: number;
  /** Checks of one host running at once, so no mail server is hammered. Default 2. */
  perDestination?: number;
  /** Checks waiting for a slot; beyond this new checks are refused with PoolBusyError. Default 1000. */
  maxQueue?: number;
  /** Worker threads. Default: two, then one per 32 concurrent checks; never more than the CPUs or the concurrency. */
  threads?: number;
  /** How long past its own deadline a check may run before its worker is presumed hung and replaced. Default 10 s. */
  watchdogGraceMs?: number;
  /** Threads that re-run, one check each, the checks that shared a worker with a crash. Default 2. */
  isolationThreads?: number;
  /**
   * Run checks on the calling thread, with the same limits and queue: for a one-shot CLI
   * probe, where starting a thread and loading the engine into it would cost more than the probe.
   */
  inline?: boolean;
  /** Module the workers run (default: the compiled check-worker); tests substitute a misbehaving one. */
  workerFile?: string;
}

export type PoolSettings = Required<Omit<CheckPoolOptions, 'workerFile' | 'inline'>>;

export function poolSettings(options: CheckPoolOptions): PoolSettings {
  const concurrency = atLeastOne(options.concurrency ?? 64);
  const cpus = availableParallelism();
  return {
    concurrency,
    perDestination: atLeastOne(options.perDestination ?? 2),
    maxQueue: Math.max(0, options.maxQueue ?? 1000),
    threads: atLeastOne(options.threads ?? defaultThreads(concurrency, cpus)),
    watchdogGraceMs: options.watchdogGraceMs ?? 10_000,
    isolationThreads: atLeastOne(options.isolationThreads ?? 2),
  };
}

function atLeastOne(n: number): number {
  return Math.max(1, Math.floor(n));
}

/**
 * Checks wait on the network most of the time, so a thread runs many; but a burst of handshakes on a
 * fast network is CPU work, and with one thread a 2-core machine would leave a core idle under 33
 * checks at once (one thread held the bench's 16 to 0.6 - 0.7 of the floor's throughput). So two
 * threads from two checks up, then one per 32.
 */
function defaultThreads(concurrency: number, cpus: number): number {
  return Math.min(cpus, concurrency, Math.max(2, Math.ceil(concurrency / 32)));
}

