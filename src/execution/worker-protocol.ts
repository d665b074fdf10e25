import type { CheckRequest } from '../check/check-request';
import type { PortReport, Report } from '../report/types';

/**
 * Given to every worker of a pool at start (piscina's workerData), so that no check needs a
 * channel of its own: the shared check slots, and the name of the pool's BroadcastChannel on
 * which it tells a worker to stop a running check (by slot).
 */
export interface PoolLink {
  slots: SharedArrayBuffer;
  abortChannel: string;
}

/** What the pool posts to a worker for one check. */
export interface CheckTask {
  request: CheckRequest;
  /** Unique per attempt in the pool: progress and abort messages carry it. */
  id: number;
  /** This attempt's slot in the pool's CheckSlots. */
  slot: number;
  /** Whether anyone listens for per-port progress; if not, the worker posts none (each is a structured clone). */
  progress?: boolean;
}

/** Marks a worker's own message (on its parentPort, surfacing as piscina's 'message' event) as a check's progress. */
export const PROGRESS = 'starttls-check-progress';

/** Worker to main thread, over the worker's parentPort, as each port of the host finishes. */
export interface PortMessage {
  [PROGRESS]: number;
  port: PortReport;
}

export function isPortMessage(message: unknown): message is PortMessage {
  return typeof message === 'object' && message !== null && PROGRESS in message;
}

/** A check either produced a report or threw; a worker that dies produces neither. */
export type CheckOutcome = { report: Report } | { failure: string };

/** The outcome of a check that threw, on a worker or inline. */
export function failedOutcome(err: unknown): CheckOutcome {
  return { failure: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
}
