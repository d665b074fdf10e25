import type { CheckRequest } from '../check/check-request';
import type { CheckHooks } from '../check/check-target';
import type { Checker } from '../check/checker';
import type { Report } from '../report/types';
import { CheckGate } from './check-gate';
import { PoolClosedError } from './errors';
import { PoolJob, type JobPool, type PoolThreads } from './pool-job';
import { poolSettings, type CheckPoolOptions, type PoolSettings } from './pool-options';
import { defaultWorkerFile } from './worker-file';

export interface PoolStats {
  running: number;
  queued: number;
  threads: number;
}

export interface CloseOptions {
  /** Refuse queued checks and stop running ones now, instead of letting them finish. */
  cancel?: boolean;
}

/**
 * The one executor front ends submit checks to: whole checks (probe, certificate
 * analysis, diagnosis) run in worker threads, admitted by pool-wide and
 * per-host limits through a bounded queue.
 */
export class CheckPool {
  /** The pool as a Checker: the same contract as running checkTarget in-process. */
  readonly check: Checker = (request, hooks) => this.submit(request, hooks ?? {});
  private readonly settings: PoolSettings;
  private readonly gate: CheckGate;
  /** Absent in inline mode. */
  private readonly threads?: PoolThreads;
  /** Every accepted check until it holds nothing: close() waits for them, and a cancelling close stops them. */
  private readonly jobs = new Set<PoolJob>();
  private readonly jobPool: JobPool;
  private closed = false;

  constructor(options: CheckPoolOptions = {}) {
    this.settings = poolSettings(options);
    const s = this.settings;
    this.gate = new CheckGate(s);
    if (!options.inline) this.threads = startThreads(s, options.workerFile ?? defaultWorkerFile());
    this.jobPool = { gate: this.gate, threads: this.threads, watchdogGraceMs: s.watchdogGraceMs, forget: (job) => this.jobs.delete(job) };
  }

  stats(): PoolStats {
    return { running: this.gate.runningCount, queued: this.gate.queuedCount, threads: this.threads?.workers.threads.length ?? 0 };
  }

  /** Stop taking checks; finish (or with `cancel`, stop) those accepted; then end the threads. */
  async close(options: CloseOptions = {}): Promise<void> {
    this.closed = true;
    if (options.cancel) {
      this.gate.rejectWaiting();
      for (const job of this.jobs) job.stop(new PoolClosedError());
    }
    await Promise.all([...this.jobs].map((job) => job.finished));
    if (this.threads) {
      await Promise.all([this.threads.workers.destroy(), this.threads.isolation.destroy()]);
      this.threads.channels.close();
    }
  }

  private submit(request: CheckRequest, hooks: CheckHooks): Promise<Report> {
    if (this.closed) return Promise.reject(new PoolClosedError());
    const job = new PoolJob(this.jobPool, request, hooks);
    this.jobs.add(job);
    job.start();
    return job.answer;
  }
}

const WORKER_YOUNG_GENERATION_MB = 8;

function startThreads(s: PoolSettings, filename: string): PoolThreads {
  // Loaded here so that an inline pool (a one-shot CLI run) does not pay for them (node:worker_threads
  // alone is about 3 ms of a CLI run).
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded lazily, see above */
  const { Piscina: Pool } = require('piscina') as typeof import('piscina');
  const { PoolChannels } = require('./pool-channels') as typeof import('./pool-channels');
  /* eslint-enable @typescript-eslint/no-require-imports */
  // Checks are I/O-bound and async, so each thread runs many; atomics would stall their sockets between tasks.
  const perThread = Math.ceil(s.concurrency / s.threads);
  // One slot per check the admission lets run at once.
  const channels = new PoolChannels(s.concurrency);
  const workers = new Pool({
    filename,
    minThreads: s.threads,
    maxThreads: s.threads,
    concurrentTasksPerWorker: perThread,
    idleTimeout: Infinity,
    maxQueue: s.concurrency,
    atomics: 'disabled',
    workerData: channels.link,
    // Per-task run/wait histograms nobody reads: bookkeeping on every check.
    recordTiming: false,
    // V8 otherwise grows a worker's young generation to several times this in a burst of completing checks, and keeps it:
    // 8 MB cut the bench's 1,000 checks completing at once by about 45 MB resident, at no measurable CPU (4 MB cost ~10%).
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  // Re-runs, one per thread, the checks that shared a worker with a crash, so a crash costs only its own check.
  const isolation = new Pool({ filename, minThreads: 0, maxThreads: s.isolationThreads, concurrentTasksPerWorker: 1, idleTimeout: 2000, atomics: 'disabled', workerData: channels.link, recordTiming: false });
  // A worker that dies with no check on it has cost nothing; piscina replaces it.
  for (const pool of [workers, isolation]) {
    pool.on('error', () => undefined);
    channels.listen(pool);
  }
  return { workers, isolation, channels };
}
