/** The pool's queue is full: the caller should say "busy, try again" rather than wait. */
export class PoolBusyError extends Error {
  readonly code = 'POOL_BUSY';
  constructor(readonly maxQueue: number) {
    super(`the check queue is full (${maxQueue} waiting): busy, try again shortly`);
    this.name = 'PoolBusyError';
  }
}

/** The pool was closed: it accepts no new work and its queued work was dropped. */
export class PoolClosedError extends Error {
  readonly code = 'POOL_CLOSED';
  constructor() {
    super('the check pool is closed');
    this.name = 'PoolClosedError';
  }
}

/** The caller's AbortSignal fired before the check finished. */
export class CheckCancelledError extends Error {
  readonly code = 'CHECK_CANCELLED';
  constructor() {
    super('check cancelled');
    this.name = 'CheckCancelledError';
  }
}

/** The compiled worker module is missing: run `npm run build` first. */
export class WorkerFileMissingError extends Error {
  readonly code = 'POOL_WORKER_MISSING';
  constructor(readonly tried: string[]) {
    super(`the check worker is not built (looked for ${tried.join(', ')}): run \`npm run build\``);
    this.name = 'WorkerFileMissingError';
  }
}

/** Every replica's slots for this destination stayed taken for as long as a check may wait: busy, try again. */
export class DestinationBusyError extends Error {
  readonly code = 'DESTINATION_BUSY';
  constructor(readonly destination: string) {
    super(`${destination} is being probed as often as it may be at once (by this bot's replicas): busy, try again shortly`);
    this.name = 'DestinationBusyError';
  }
}
