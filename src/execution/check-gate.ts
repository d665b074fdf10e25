import { PoolBusyError } from '../check/checker';
import { CheckCancelledError, PoolClosedError } from './errors';

export interface GateLimits {
  /** Checks running at once, pool-wide. */
  concurrency: number;
  /** Checks of one destination running at once. */
  perDestination: number;
  /** Checks waiting for a slot; one more is refused with PoolBusyError. */
  maxQueue: number;
}

/** Gives the slot back; calling it twice is harmless. */
export type Release = () => void;

interface Waiter {
  key: string;
  grant: (release: Release) => void;
  fail: (err: Error) => void;
}

/**
 * Who may run now: a pool-wide limit, a per-destination limit and a bounded
 * FIFO queue. A waiter whose destination is at its limit lets later waiters
 * for other destinations pass, so one slow host does not hold up the rest.
 */
export class CheckGate {
  private running = 0;
  private readonly perKey = new Map<string, number>();
  private readonly waiting: Waiter[] = [];

  constructor(private readonly limits: GateLimits) {}

  get runningCount(): number {
    return this.running;
  }

  get queuedCount(): number {
    return this.waiting.length;
  }

  /** Resolves with a release once the check may run; rejects at once when the queue is full. */
  acquire(key: string, signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(new CheckCancelledError());
    // Whoever still waits is blocked by the global limit or by its own destination, so room here means go.
    if (this.hasRoom(key)) return Promise.resolve(this.take(key));
    if (this.waiting.length >= this.limits.maxQueue) return Promise.reject(new PoolBusyError(this.limits.maxQueue));
    return this.enqueue(key, signal);
  }

  /** Refuse everyone still waiting (on shutdown). */
  rejectWaiting(): void {
    for (const waiter of this.waiting.splice(0)) waiter.fail(new PoolClosedError());
  }

  private enqueue(key: string, signal?: AbortSignal): Promise<Release> {
    return new Promise<Release>((resolve, reject) => {
      const onAbort = () => {
        this.remove(waiter);
        reject(new CheckCancelledError());
      };
      const waiter: Waiter = {
        key,
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
        fail: (err) => {
          signal?.removeEventListener('abort', onAbort);
          reject(err);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private hasRoom(key: string): boolean {
    return this.running < this.limits.concurrency && (this.perKey.get(key) ?? 0) < this.limits.perDestination;
  }

  private take(key: string): Release {
    this.running += 1;
    this.perKey.set(key, (this.perKey.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.give(key);
      this.admitWaiting();
    };
  }

  private give(key: string): void {
    this.running -= 1;
    const left = (this.perKey.get(key) ?? 1) - 1;
    if (left === 0) this.perKey.delete(key);
    else this.perKey.set(key, left);
  }

  private admitWaiting(): void {
    for (let i = 0; i < this.waiting.length && this.running < this.limits.concurrency; ) {
      const waiter = this.waiting[i];
      if (!this.hasRoom(waiter.key)) {
        i += 1;
        continue;
      }
      this.waiting.splice(i, 1);
      waiter.grant(this.take(waiter.key));
    }
  }

  private remove(waiter: Waiter): void {
    const i = this.waiting.indexOf(waiter);
    if (i >= 0) this.waiting.splice(i, 1);
  }
}
