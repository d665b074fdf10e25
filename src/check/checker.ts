import type { Report } from '../report/types';
import { StarttlsError } from '../starttls-error';
import type { CheckRequest } from './check-request';
import type { CheckHooks } from './check-target';

/**
 * The one way front ends run a check. In-process it is `checkTarget`; the worker
 * pool provides another implementation with the same contract. Never rejects for
 * anything the server did: those are findings. Rejects only for cancellation or
 * when the executor itself refuses the work (e.g. a full queue: PoolBusyError).
 */
export type Checker = (request: CheckRequest, hooks?: CheckHooks) => Promise<Report>;

/** The checker's queue is full: the caller should say "busy, try again" rather than wait. */
export class PoolBusyError extends StarttlsError {
  static override readonly codes = ['POOL_BUSY'] as const;
  readonly code = 'POOL_BUSY';
  readonly userVisible = true;
  constructor(readonly maxQueue: number) {
    super(`the check queue is full (${maxQueue} waiting): busy, try again shortly`);
  }

  override get userMessage(): string {
    return 'the bot is busy with other checks right now: try again in a minute';
  }
}
