import { checkRequest } from '../../check/check-request';
import type { PortReport, Report } from '../../report/types';
import { progressMessage } from '../blocks/progress-blocks';
import type { FlowContext } from './flow-context';

export interface ProgressTarget {
  channel: string;
  /** The visible "probing…" message to keep up to date. */
  ts: string;
  host: string;
  /** The address the policy approved. */
  address: string;
  ports: number[];
  /** Asked for as smtps://. */
  implicitTls?: boolean;
  servername?: string;
  requestedBy: string;
  trigger: 'command' | 'rerun';
}

/**
 * Runs the check, updating the progress message as each port finishes. Updates
 * go out one at a time, in order, and all are done before this returns, so the
 * caller's final update always lands last. A failed progress update is only logged.
 */
export async function checkWithProgress(ctx: FlowContext, target: ProgressTarget): Promise<Report> {
  const done: PortReport[] = [];
  let updates = Promise.resolve();
  const onPort = (port: PortReport) => {
    done.push(port);
    const message = progressMessage({ ...target, done: [...done] });
    updates = updates.then(() => ctx.api.update(target.channel, target.ts, message)).catch((err) => ctx.logger.warn('progress update failed', { err }));
  };
  try {
    const named = target.servername ? { servername: target.servername } : {};
    return await ctx.checker(checkRequest(target.host, target.ports, { address: target.address, implicitTls: target.implicitTls === true, protocols: true, ...named }), { onPort });
  } finally {
    await updates;
  }
}
