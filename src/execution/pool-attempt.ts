import type { Piscina } from 'piscina';
import type { CheckRequest } from '../check/check-request';
import type { PortReport } from '../report/types';
import type { PoolChannels } from './pool-channels';
import type { CheckOutcome, CheckTask } from './worker-protocol';

export interface AttemptContext {
  onPort: (report: PortReport) => void;
  /** The caller listens for per-port progress (onPort above does nothing otherwise). */
  progress: boolean;
  /** Fires to ask the worker to stop the check early (cooperatively: its probes end as cancelled). */
  cancel: AbortSignal;
  /** After this long the worker is presumed hung and terminated, with whatever else it runs. */
  watchdogMs: number;
}

export type Attempt =
  | { kind: 'done'; outcome: CheckOutcome }
  /** The worker died under the check (it or a neighbour crashed, or was terminated as hung). */
  | { kind: 'lost'; error: Error }
  | { kind: 'hung' };

/**
 * Run one check on one of the pool's workers. Its start and a request to stop go through a
 * shared slot and the pool's channels, not a channel per check. piscina's own AbortSignal is not
 * used: piscina gives an abortable task a worker to itself, and checks must share threads.
 */
export async function runAttempt(piscina: Piscina, channels: PoolChannels, request: CheckRequest, ctx: AttemptContext): Promise<Attempt> {
  const { slots } = channels;
  const slot = slots.acquire();
  const id = channels.nextId();
  let hung = false;
  // The watchdog counts from when the worker started the check: time spent queued or starting a thread is not the check's.
  const watch = (waitMs: number): NodeJS.Timeout =>
    setTimeout(() => {
      const runner = slots.runner(slot);
      const elapsed = runner ? Date.now() - runner.startedAt : 0;
      if (!runner || elapsed < ctx.watchdogMs) {
        watchdog = watch(ctx.watchdogMs - elapsed);
        return;
      }
      const worker = piscina.threads.find((t) => t.threadId === runner.threadId);
      if (!worker) return;
      hung = true;
      // piscina sees the exit, fails every check on that worker and starts a replacement.
      void worker.terminate();
    }, waitMs);
  let watchdog = watch(ctx.watchdogMs);
  if (ctx.progress) channels.onProgress(id, ctx.onPort);
  const askToStop = () => channels.abort(slot, id);
  if (ctx.cancel.aborted) askToStop();
  else ctx.cancel.addEventListener('abort', askToStop, { once: true });
  try {
    const task: CheckTask = { request, id, slot, progress: ctx.progress };
    const outcome = (await piscina.run(task)) as CheckOutcome;
    return { kind: 'done', outcome };
  } catch (err) {
    return hung ? { kind: 'hung' } : { kind: 'lost', error: err as Error };
  } finally {
    clearTimeout(watchdog);
    ctx.cancel.removeEventListener('abort', askToStop);
    channels.offProgress(id);
    slots.release(slot);
  }
}
