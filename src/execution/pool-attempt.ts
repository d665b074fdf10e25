import type { Piscina } from 'piscina';
import type { CheckRequest } from '../check/check-request';
import type { PortReport } from '../report/types';
import type { PoolChannels } from './pool-channels';
import type { CheckOutcome, CheckTask } from './worker-protocol';

export type Attempt =
  | { kind: 'done'; outcome: CheckOutcome }
  /** The worker died under the check (it or a neighbour crashed, or was terminated as hung). */
  | { kind: 'lost'; error: Error }
  | { kind: 'hung' };

/**
 * One check on one of the pool's workers. Its start and a request to stop go through a shared
 * slot and the pool's channels, not a channel per check. piscina's own AbortSignal is not used:
 * piscina gives an abortable task a worker to itself, and checks must share threads.
 *
 * Held by the pool for as long as a check runs (a thousand at once is normal), so its state lives
 * in fields and its timer calls a shared function: no closure, listener or promise of its own.
 */
export class PoolAttempt {
  private readonly slot: number;
  private readonly id: number;
  private watchdog: NodeJS.Timeout | undefined;
  private hung = false;
  private finished = false;

  constructor(
    private readonly piscina: Piscina,
    private readonly channels: PoolChannels,
    /** After this long the worker is presumed hung and terminated, with whatever else it runs. */
    private readonly watchdogMs: number,
  ) {
    this.slot = channels.slots.acquire();
    this.id = channels.nextId();
  }

  /** `onPort`, when given, receives the worker's per-port progress; without it the worker posts none. */
  async run(request: CheckRequest, onPort?: (report: PortReport) => void): Promise<Attempt> {
    // The watchdog counts from when the worker started the check: time spent queued or starting a thread is not the check's.
    this.watchdog = setTimeout(watchdogFired, this.watchdogMs, this);
    if (onPort) this.channels.onProgress(this.id, onPort);
    try {
      const task: CheckTask = { request, id: this.id, slot: this.slot, progress: onPort !== undefined };
      return { kind: 'done', outcome: (await this.piscina.run(task)) as CheckOutcome };
    } catch (err) {
      return this.hung ? { kind: 'hung' } : { kind: 'lost', error: err as Error };
    } finally {
      this.finished = true;
      clearTimeout(this.watchdog);
      if (onPort) this.channels.offProgress(this.id);
      this.channels.slots.release(this.slot);
    }
  }

  /** Ask the worker to stop the check early (cooperatively: its probes end as cancelled); before run() too. */
  stop(): void {
    // Once settled, the slot may already serve another attempt.
    if (!this.finished) this.channels.abort(this.slot, this.id);
  }

  /** @internal the watchdog's tick: re-armed until the check has run watchdogMs, then the worker is replaced. */
  checkWatchdog(): void {
    const runner = this.channels.slots.runner(this.slot);
    const elapsed = runner ? Date.now() - runner.startedAt : 0;
    if (!runner || elapsed < this.watchdogMs) {
      this.watchdog = setTimeout(watchdogFired, this.watchdogMs - elapsed, this);
      return;
    }
    const worker = this.piscina.threads.find((t) => t.threadId === runner.threadId);
    if (!worker) return;
    this.hung = true;
    // piscina sees the exit, fails every check on that worker and starts a replacement.
    void worker.terminate();
  }
}

function watchdogFired(attempt: PoolAttempt): void {
  attempt.checkWatchdog();
}
