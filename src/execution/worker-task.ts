import { threadId } from 'node:worker_threads';
import type { Checker } from '../check/checker';
import type { AbortMessage, CheckOutcome, CheckTask, FromWorker, PortMessage } from './worker-protocol';

/** The task function a pool worker runs: one check, with progress and cancellation over the job's port. */
export function checkWorker(check: Checker): (task: CheckTask) => Promise<CheckOutcome> {
  return async function runCheck({ request, port, progress = true }: CheckTask): Promise<CheckOutcome> {
    port.postMessage({ type: 'started', threadId } satisfies FromWorker);
    const controller = new AbortController();
    port.on('message', (message: AbortMessage) => {
      if (message.type === 'abort') controller.abort();
    });
    try {
      const onPort = (report: PortMessage['port']) => port.postMessage({ type: 'port', port: report } satisfies FromWorker);
      return { report: await check(request, { signal: controller.signal, ...(progress ? { onPort } : {}) }) };
    } catch (err) {
      return { failure: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    } finally {
      port.close();
    }
  };
}
