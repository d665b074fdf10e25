import type { Report } from '../report/types';
import type { CheckRequest } from './check-request';
import type { CheckHooks } from './check-target';

/**
 * The one way front ends run a check. In-process it is `checkTarget`; the worker
 * pool provides another implementation with the same contract. Never rejects for
 * anything the server did: those are findings. Rejects only for cancellation or
 * when the executor itself refuses the work (e.g. a full queue).
 */
export type Checker = (request: CheckRequest, hooks?: CheckHooks) => Promise<Report>;
