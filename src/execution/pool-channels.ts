import { randomUUID } from 'node:crypto';
import { BroadcastChannel } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import type { PortReport } from '../report/types';
import { CheckSlots } from './check-slots';
import { isPortMessage, PROGRESS, type PoolLink } from './worker-protocol';

/**
 * What a pool shares with its workers for the life of the threads, instead of a MessageChannel
 * created, transferred and closed per check: the check slots, progress arriving on each worker's
 * parentPort (routed by check id), and one BroadcastChannel for requests to stop a check.
 */
export class PoolChannels {
  readonly slots: CheckSlots;
  readonly link: PoolLink;
  private readonly progress = new Map<number, (report: PortReport) => void>();
  private aborts: BroadcastChannel | undefined;
  private lastId = 0;

  constructor(slotCount: number) {
    this.slots = CheckSlots.create(slotCount);
    this.link = { slots: this.slots.buffer, abortChannel: `starttls-check-pool-abort-${randomUUID()}` };
  }

  /** Route the progress messages of a piscina's workers. */
  listen(piscina: Piscina): void {
    piscina.on('message', (message: unknown) => {
      if (isPortMessage(message)) this.progress.get(message[PROGRESS])?.(message.port);
    });
  }

  nextId(): number {
    return ++this.lastId;
  }

  onProgress(id: number, onPort: (report: PortReport) => void): void {
    this.progress.set(id, onPort);
  }

  offProgress(id: number): void {
    this.progress.delete(id);
  }

  /** The flag covers a check not started yet; the message, one already running. */
  abort(slot: number, id: number): void {
    this.slots.requestAbort(slot);
    if (!this.aborts) {
      this.aborts = new BroadcastChannel(this.link.abortChannel);
      this.aborts.unref();
    }
    this.aborts.postMessage(id);
  }

  close(): void {
    this.aborts?.close();
  }
}
