import type { Piscina } from 'piscina';
import type { CheckRequest } from '../check/check-request';
import type { CheckHooks } from '../check/check-target';
import type { PortReport, Report } from '../report/types';
import type { CheckGate, Release } from './check-gate';
import { CheckCancelledError } from './errors';
import { failedCheckReport } from './failed-report';
import { PoolAttempt, type Attempt } from './pool-attempt';
import type { PoolChannels } from './pool-channels';
import { failedOutcome } from './worker-protocol';

export interface PoolThreads {
  workers: Piscina;
  /** Re-runs, one per thread, the checks that shared a worker with a crash. */
  isolation: Piscina;
  channels: PoolChannels;
}

/** What a job needs from its pool. */
export interface JobPool {
  gate: CheckGate;
  /** Absent in inline mode. */
  threads?: PoolThreads;
  watchdogGraceMs: number;
  /** The job holds nothing any more (its slot is released). */
  forget(job: PoolJob): void;
}

/**
 * One accepted check on the pool's side, from admission until its worker is done with it. The
 * caller's promise settles at once when the caller cancels or the pool is closed with `cancel`;
 * the check itself then winds down in the background, holding its slot.
 *
 * A pool holds a thousand of these at once under load, so the state is in fields: the caller's
 * AbortSignal gets the job itself as its listener, and a cancelling close reaches every job through
 * the pool's set of them instead of a listener per check on a pool-wide signal.
 */
export class PoolJob {
  readonly answer: Promise<Report>;
  /** Settles (never rejects) once the check holds nothing: what close() waits for. */
  finished: Promise<void> = Promise.resolve();
  private resolve!: (report: Report) => void;
  private reject!: (err: Error) => void;
  private settled = false;
  private stopped = false;
  private attempt: PoolAttempt | undefined;
  private inline: AbortController | undefined;
  private delivered: Set<number> | undefined;

  constructor(
    private readonly pool: JobPool,
    private readonly request: CheckRequest,
    private readonly hooks: CheckHooks,
  ) {
    this.answer = new Promise<Report>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  start(): void {
    this.finished = this.run();
  }

  /** Answer the caller with `reason` now and ask the check to stop; its slot is released when it has. */
  stop(reason: Error): void {
    this.fail(reason);
    this.stopped = true;
    this.attempt?.stop();
    this.inline?.abort();
  }

  /** The caller's AbortSignal fired. */
  handleEvent(): void {
    this.stop(new CheckCancelledError());
  }

  private async run(): Promise<void> {
    const signal = this.hooks.signal;
    signal?.addEventListener('abort', this, { once: true });
    let release: Release | undefined;
    try {
      release = await this.pool.gate.acquire(this.request.host.toLowerCase(), signal);
      const startedAt = new Date();
      const threads = this.pool.threads;
      let attempt = await this.attemptOn(threads?.workers);
      if (attempt.kind === 'lost' && threads && !this.stopped) attempt = await this.attemptOn(threads.isolation);
      const report = reportOf(attempt, this.request, startedAt, this.watchdogMs());
      // Progress messages still in transit when the result came are delivered from the report.
      if (this.hooks.onPort) for (const port of report.ports) this.deliver(port);
      this.settle(report);
    } catch (err) {
      this.fail(err as Error);
    } finally {
      // Held until the worker is really done, even when the caller stopped waiting.
      release?.();
      signal?.removeEventListener('abort', this);
      this.pool.forget(this);
    }
  }

  /** On a worker of `piscina`, or (inline mode) on this thread. */
  private attemptOn(piscina: Piscina | undefined): Promise<Attempt> {
    const onPort = this.hooks.onPort ? (port: PortReport) => this.deliver(port) : undefined;
    const threads = this.pool.threads;
    if (!piscina || !threads) return this.runInline(onPort);
    this.attempt = new PoolAttempt(piscina, threads.channels, this.watchdogMs());
    if (this.stopped) this.attempt.stop();
    return this.attempt.run(this.request, onPort);
  }

  private async runInline(onPort: ((port: PortReport) => void) | undefined): Promise<Attempt> {
    this.inline = new AbortController();
    if (this.stopped) this.inline.abort();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- only inline mode runs checks on this thread
    const { checkTarget } = require('../check/check-target') as typeof import('../check/check-target');
    try {
      return { kind: 'done', outcome: { report: await checkTarget(this.request, { signal: this.inline.signal, ...(onPort ? { onPort } : {}) }) } };
    } catch (err) {
      return { kind: 'done', outcome: failedOutcome(err) };
    }
  }

  private watchdogMs(): number {
    return this.request.timeoutMs + this.pool.watchdogGraceMs;
  }

  /** Each port once, whether it came as progress or only with the report. */
  private deliver(port: PortReport): void {
    this.delivered ??= new Set();
    if (this.delivered.has(port.port)) return;
    this.delivered.add(port.port);
    this.hooks.onPort?.(port);
  }

  private settle(report: Report): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve(report);
  }

  private fail(err: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(err);
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
