import { BroadcastChannel, parentPort, threadId, workerData } from 'node:worker_threads';
import type { Checker } from '../check/checker';
import { CheckSlots } from './check-slots';
import type { CheckOutcome, CheckTask, PoolLink, PortMessage } from './worker-protocol';
import { failedOutcome, PROGRESS } from './worker-protocol';

/** The task function a pool worker runs: one check, its start and cancellation through the pool's shared slots. */
export function checkWorker(check: Checker): (task: CheckTask) => Promise<CheckOutcome> {
  const link = workerData as PoolLink | undefined;
  if (!link?.slots || !parentPort) throw new Error('checkWorker runs in a CheckPool worker thread (workerData carries the pool link)');
  const port = parentPort;
  const slots = new CheckSlots(link.slots);
  const running = new Map<number, AbortController>();
  const aborts = new BroadcastChannel(link.abortChannel);
  aborts.onmessage = (event) => running.get((event as { data: number }).data)?.abort();
  // piscina decides when the thread ends, not this listener.
  aborts.unref();

  return async function runCheck({ request, id, slot, progress = true }: CheckTask): Promise<CheckOutcome> {
    const controller = new AbortController();
    running.set(id, controller);
    slots.start(slot, threadId, Date.now());
    // Read after registering: an abort requested before this point is seen here, one after it arrives as a message.
    if (slots.abortRequested(slot)) controller.abort();
    try {
      const onPort = (report: PortMessage['port']) => port.postMessage({ [PROGRESS]: id, port: report } satisfies PortMessage);
      return { report: await check(request, { signal: controller.signal, ...(progress ? { onPort } : {}) }) };
    } catch (err) {
      return failedOutcome(err);
    } finally {
      running.delete(id);
    }
  };
}
