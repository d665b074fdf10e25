import type { Decision } from './alert-policy';
import type { Incident, NewOutboxMessage, Watch } from './watch-model';
import type { WatchTables } from './watch-store';

export interface ApplyContext {
  watch: Watch;
  /** Where new alerts go: the ops channel, or the channel the watch was made in. */
  alertChannel: string;
  resultId: number;
  now: number;
  /** The watch's live incident the decision was made against. */
  incident: Incident | undefined;
}

/**
 * Writes a decision: watch state, incident row and the Slack messages that
 * announce it; returns how many messages it queued. Call inside the
 * transaction that saved the result, so the messages exist exactly when the
 * change does.
 */
export async function applyDecision(tx: WatchTables, decision: Decision, ctx: ApplyContext): Promise<number> {
  const { incidents } = tx;
  let queued = 0;
  const outbox = {
    enqueue: (message: NewOutboxMessage, at: number) => (queued++, tx.outbox.enqueue(message, at)),
    enqueueStatusUpdate: (incidentId: number, channel: string, at: number) => (queued++, enqueueStatusUpdate(tx, incidentId, channel, at)),
  };
  const { watch, now, resultId, incident } = ctx;
  await tx.states.put(watch.id, decision.state);
  const action = decision.incident;
  const notices = decision.notices;
  const { unreachableRuns } = decision;
  // The alert shows the incident row; what else this run saw goes in its thread, so a refresh of the parent loses nothing.
  const announce = async (incidentId: number, channel: string) => {
    await outbox.enqueue({ incidentId, channel, op: 'post', payload: { kind: 'alert', resultId, unreachableRuns } }, now);
    if (notices.length > 0) await outbox.enqueue({ incidentId, channel, op: 'reply', payload: { kind: 'notices', host: watch.host, notices, resultId } }, now);
  };

  if (action?.kind === 'open') {
    const opened = await incidents.open({ watchId: watch.id, host: watch.host, servername: watch.servername, channel: ctx.alertChannel, problems: action.problems, changes: action.changes, resultId, announced: action.announce }, now);
    if (action.announce) await announce(opened.id, opened.channel);
    return queued;
  }
  if (action && incident) {
    switch (action.kind) {
      case 'announce':
        await incidents.setProblems(incident.id, action.problems, action.changes, resultId, now);
        await incidents.announce(incident.id, ctx.alertChannel, now);
        await announce(incident.id, ctx.alertChannel);
        return queued;
      case 'update':
        await incidents.setProblems(incident.id, action.problems, action.sinceGood, resultId, now);
        if (incident.announced) {
          await outbox.enqueue(
            { incidentId: incident.id, channel: incident.channel, op: 'reply', payload: { kind: 'incident-changed', problems: action.problems, changes: action.changes, notices, resultId, unreachableRuns } },
            now,
          );
          await outbox.enqueueStatusUpdate(incident.id, incident.channel, now);
        }
        return queued;
      case 'resolve':
        await incidents.resolve(incident.id, 'clean', now);
        if (incident.announced) {
          await outbox.enqueue({ incidentId: incident.id, channel: incident.channel, op: 'reply', payload: { kind: 'incident-resolved', changes: action.changes, notices, durationMs: action.durationMs, resultId } }, now);
          await outbox.enqueueStatusUpdate(incident.id, incident.channel, now);
        }
        return queued;
    }
  }
  if (notices.length === 0) return queued;
  const payload = { kind: 'notices' as const, host: watch.host, notices, resultId };
  if (decision.noticesTo === 'incident-thread' && incident) await outbox.enqueue({ incidentId: incident.id, channel: incident.channel, op: 'reply', payload }, now);
  else if (decision.noticesTo === 'channel') await outbox.enqueue({ incidentId: null, channel: ctx.alertChannel, op: 'post', payload }, now);
  return queued;
}

/** A refresh of the incident's parent message, unless one is already waiting. */
export function enqueueStatusUpdate(tx: Pick<WatchTables, 'outbox'>, incidentId: number, channel: string, now: number): Promise<number | undefined> {
  return tx.outbox.enqueueStatusUpdate(incidentId, channel, now, { kind: 'status' });
}
