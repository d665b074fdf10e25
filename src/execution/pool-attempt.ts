import { MessageChannel } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import type { CheckRequest } from '../check/check-request';
import type { PortReport } from '../report/types';
import type { AbortMessage, CheckOutcome, CheckTask, FromWorker } from './worker-protocol';

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
 * Run one check on one of the pool's workers, with a private channel for progress
 * and cancellation. piscina's own AbortSignal is not used: piscina gives an abortable
 * task a worker to itself, and checks must share threads.
 */
export async function runAttempt(piscina: Piscina, request: CheckRequest, ctx: AttemptContext): Promise<Attempt> {
  const { port1, port2 } = new MessageChannel();
  let threadId: number | undefined;
  let hung = false;
  let watchdog: NodeJS.Timeout | undefined;
  // Armed when the worker starts the check: time spent queued or starting a thread is not the check's.
  const armWatchdog = () => {
    watchdog = setTimeout(() => {
      const worker = piscina.threads.find((t) => t.threadId === threadId);
      if (!worker) return;
      hung = true;
      // piscina sees the exit, fails every check on that worker and starts a replacement.
      void worker.terminate();
    }, ctx.watchdogMs);
  };
  port1.on('message', (message: FromWorker) => {
    if (message.type === 'started') {
      threadId = message.threadId;
      armWatchdog();
    } else ctx.onPort(message.port);
  });
  const askToStop = () => port1.postMessage({ type: 'abort' } satisfies AbortMessage);
  if (ctx.cancel.aborted) askToStop();
  else ctx.cancel.addEventListener('abort', askToStop, { once: true });
  try {
    const task: CheckTask = { request, port: port2, progress: ctx.progress };
    const outcome = (await piscina.run(task, { transferList: [port2] })) as CheckOutcome;
    return { kind: 'done', outcome };
  } catch (err) {
    return hung ? { kind: 'hung' } : { kind: 'lost', error: err as Error };
  } finally {
    clearTimeout(watchdog);
    ctx.cancel.removeEventListener('abort', askToStop);
    port1.close();
  }
}
