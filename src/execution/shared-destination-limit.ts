import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Checker } from '../check/checker';
import { CheckCancelledError, DestinationBusyError } from './errors';

/** Numbered slots per destination, each held with a lease; the store's are shared by every replica. */
export interface DestinationSlots {
  /** The slot number taken, or undefined when all `limit` are held. */
  tryAcquire(destination: string, holder: string, limit: number, now: number, leaseMs: number): Promise<number | undefined>;
  release(destination: string, slot: number, holder: string): Promise<void>;
}

export interface SharedLimitOptions {
  /** Checks of one destination at once across all replicas. */
  perDestination: number;
  /** How often a waiting check looks for a free slot (default 250 ms). */
  pollMs?: number;
  /** How long a check waits for a slot before it is refused as busy (default 60 s). */
  maxWaitMs?: number;
  /** Added to the check's own timeout for the slot's lease: a replica that dies frees it then (default 15 s). */
  leaseGraceMs?: number;
  now?: () => number;
}

/**
 * Politeness across replicas: a check first takes one of `perDestination` slots
 * for its host in the store, and gives it back when done. The pool's own
 * per-destination limit still applies inside each replica.
 */
export function sharedDestinationLimit(checker: Checker, slots: DestinationSlots, options: SharedLimitOptions): Checker {
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 250;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  return async (request, hooks) => {
    const destination = request.host.toLowerCase();
    const holder = randomUUID();
    const leaseMs = request.timeoutMs + (options.leaseGraceMs ?? 15_000);
    const giveUpAt = now() + maxWaitMs;
    let slot = await slots.tryAcquire(destination, holder, options.perDestination, now(), leaseMs);
    while (slot === undefined) {
      if (now() >= giveUpAt) throw new DestinationBusyError(destination);
      // A little jitter, so waiters on several replicas do not look in lockstep.
      await sleep(pollMs * (0.75 + Math.random() / 2), undefined, hooks?.signal ? { signal: hooks.signal } : {}).catch(() => {
        throw new CheckCancelledError();
      });
      slot = await slots.tryAcquire(destination, holder, options.perDestination, now(), leaseMs);
    }
    try {
      return await checker(request, hooks);
    } finally {
      await slots.release(destination, slot, holder).catch(() => undefined);
    }
  };
}
