import type { MessagePort } from 'node:worker_threads';
import type { CheckRequest } from '../check/check-request';
import type { PortReport, Report } from '../report/types';

/** What the pool posts to a worker for one check; `port` is transferred and private to the job. */
export interface CheckTask {
  request: CheckRequest;
  port: MessagePort;
  /** Whether anyone listens for per-port progress; if not, the worker posts none (each is a structured clone). */
  progress?: boolean;
}

/** Main thread to worker, over the job's port. */
export interface AbortMessage {
  type: 'abort';
}

/** Worker to main thread, over the job's port, first thing: which thread to terminate if the check hangs. */
export interface StartedMessage {
  type: 'started';
  threadId: number;
}

/** Worker to main thread, over the job's port, as each port of the host finishes. */
export interface PortMessage {
  type: 'port';
  port: PortReport;
}

export type FromWorker = StartedMessage | PortMessage;

/** A check either produced a report or threw; a worker that dies produces neither. */
export type CheckOutcome = { report: Report } | { failure: string };
