import { setMaxListeners } from 'node:events';
import type { Piscina } from 'piscina';
import type { CheckRequest } from '../check/check-request';
import type { CheckHooks } from '../check/check-target';
import type { Checker } from '../check/checker';
import type { PortReport, Report } from '../report/types';
import { CheckGate } from './check-gate';
import { CheckCancelledError, PoolClosedError } from './errors';
import { failedCheckReport } from './failed-report';
import { runAttempt, type Attempt, type AttemptContext } from './pool-attempt';
import { PoolChannels } from './pool-channels';
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
  private readonly threads?: { workers: Piscina; isolation: Piscina; channels: PoolChannels };
  private readonly jobs = new Set<Promise<unknown>>();
  private readonly shutdown = new AbortController();
  private closed = false;

  constructor(options: CheckPoolOptions = {}) {
    this.settings = poolSettings(options);
    const s = this.settings;
    this.gate = new CheckGate(s);
    if (!options.inline) this.threads = startThreads(s, options.workerFile ?? defaultWorkerFile());
    // Every running check listens for shutdown.
    setMaxListeners(0, this.shutdown.signal);
  }

  stats(): PoolStats {
    return { running: this.gate.runningCount, queued: this.gate.queuedCount, threads: this.threads?.workers.threads.length ?? 0 };
  }

  /** Stop taking checks; finish (or with `cancel`, stop) those accepted; then end the threads. */
  async close(options: CloseOptions = {}): Promise<void> {
    this.closed = true;
    if (options.cancel) {
      this.gate.rejectWaiting();
      this.shutdown.abort();
    }
    await Promise.allSettled([...this.jobs]);
    if (this.threads) {
      await Promise.all([this.threads.workers.destroy(), this.threads.isolation.destroy()]);
      this.threads.channels.close();
    }
  }

  private submit(request: CheckRequest, hooks: CheckHooks): Promise<Report> {
    if (this.closed) return Promise.reject(new PoolClosedError());
    const job = this.admitAndRun(request, hooks);
    this.jobs.add(job);
    const forget = () => this.jobs.delete(job);
    job.then(forget, forget);
    return untilStopped(job, hooks.signal, this.shutdown.signal);
  }

  private async admitAndRun(request: CheckRequest, hooks: CheckHooks): Promise<Report> {
    const release = await this.gate.acquire(request.host.toLowerCase(), hooks.signal);
    try {
      return await this.execute(request, hooks);
    } finally {
      // Held until the worker is really done, even when the caller stopped waiting.
      release();
    }
  }

  private async execute(request: CheckRequest, hooks: CheckHooks): Promise<Report> {
    const startedAt = new Date();
    const ctx: AttemptContext = {
      onPort: oncePerPort(hooks.onPort),
      progress: hooks.onPort !== undefined,
      cancel: hooks.signal ? AbortSignal.any([hooks.signal, this.shutdown.signal]) : this.shutdown.signal,
      watchdogMs: request.timeoutMs + this.settings.watchdogGraceMs,
    };
    const threads = this.threads;
    let attempt = threads ? await runAttempt(threads.workers, threads.channels, request, ctx) : await runInline(request, ctx);
    if (attempt.kind === 'lost' && threads && !ctx.cancel.aborted) attempt = await runAttempt(threads.isolation, threads.channels, request, ctx);
    const report = reportOf(attempt, request, startedAt, ctx.watchdogMs);
    // Progress messages still in transit when the result came are delivered from the report.
    for (const port of report.ports) ctx.onPort(port);
    return report;
  }
}

const WORKER_YOUNG_GENERATION_MB = 8;

function startThreads(s: PoolSettings, filename: string): { workers: Piscina; isolation: Piscina; channels: PoolChannels } {
  // Loaded here so that an inline pool (a one-shot CLI run) does not pay for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, see above
  const { Piscina: Pool } = require('piscina') as typeof import('piscina');
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

/** Inline mode: the same gate, the check on this thread. */
async function runInline(request: CheckRequest, ctx: AttemptContext): Promise<Attempt> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- only inline mode runs checks on this thread
  const { checkTarget } = require('../check/check-target') as typeof import('../check/check-target');
  try {
    return { kind: 'done', outcome: { report: await checkTarget(request, { signal: ctx.cancel, onPort: ctx.onPort }) } };
  } catch (err) {
    return { kind: 'done', outcome: { failure: err instanceof Error ? `${err.name}: ${err.message}` : String(err) } };
  }
}

function reportOf(attempt: Attempt, request: CheckRequest, startedAt: Date, watchdogMs: number): Report {
  switch (attempt.kind) {
    case 'done':
      return 'report' in attempt.outcome
        ? attempt.outcome.report
        : failedCheckReport(request, `check failed: ${attempt.outcome.failure}`, startedAt);
    case 'lost':
      return failedCheckReport(request, `worker crashed: ${attempt.error.message}`, startedAt);
    case 'hung':
      return failedCheckReport(request, `worker unresponsive: no result within ${watchdogMs} ms; the worker was replaced`, startedAt);
  }
}

function oncePerPort(onPort: CheckHooks['onPort']): (report: PortReport) => void {
  const delivered = new Set<number>();
  return (report) => {
    if (!onPort || delivered.has(report.port)) return;
    delivered.add(report.port);
    onPort(report);
  };
}

/**
 * The caller's promise settles at once when the caller cancels or the pool is closed
 * with `cancel`; the check itself winds down in the background, holding its slot.
 */
function untilStopped<T>(job: Promise<T>, caller: AbortSignal | undefined, shutdown: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onCancel = () => reject(new CheckCancelledError());
    const onClose = () => reject(new PoolClosedError());
    if (caller?.aborted) return onCancel();
    caller?.addEventListener('abort', onCancel, { once: true });
    shutdown.addEventListener('abort', onClose, { once: true });
    job.then(resolve, reject).finally(() => {
      caller?.removeEventListener('abort', onCancel);
      shutdown.removeEventListener('abort', onClose);
    });
  });
}
