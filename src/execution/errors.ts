import { StarttlsError } from '../starttls-error';

/** The pool was closed: it accepts no new work and its queued work was dropped. */
export class PoolClosedError extends StarttlsError {
  static override readonly codes = ['POOL_CLOSED'] as const;
  readonly code = 'POOL_CLOSED';
  readonly userVisible = false;
  constructor() {
    super('the check pool is closed');
  }
}

/** The caller's AbortSignal fired before the check finished. */
export class CheckCancelledError extends StarttlsError {
  static override readonly codes = ['CHECK_CANCELLED'] as const;
  readonly code = 'CHECK_CANCELLED';
  readonly userVisible = false;
  constructor() {
    super('check cancelled');
  }
}

/** The compiled worker module is missing: run `npm run build` first. */
export class WorkerFileMissingError extends StarttlsError {
  static override readonly codes = ['POOL_WORKER_MISSING'] as const;
  readonly code = 'POOL_WORKER_MISSING';
  readonly userVisible = false;
  constructor(readonly tried: string[]) {
    super(`the check worker is not built (looked for ${tried.join(', ')}): run \`npm run build\``);
  }
}

/** Every replica's slots for this destination stayed taken for as long as a check may wait: busy, try again. */
export class DestinationBusyError extends StarttlsError {
  static override readonly codes = ['DESTINATION_BUSY'] as const;
  readonly code = 'DESTINATION_BUSY';
  readonly userVisible = true;
  constructor(readonly destination: string) {
    super(`${destination} is being probed as often as it may be at once (by this bot's replicas): busy, try again shortly`);
  }

  override get userMessage(): string {
    return 'that host is already being checked as often as the bot allows at once: try again in a minute';
  }
}
