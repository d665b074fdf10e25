import type { Incident } from '../storage/incident-store';
import type { Watch } from '../storage/watch-store';
import type { Decision } from './alert-policy';
import type { WatchStores } from './watch-stores';

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
export function applyDecision(stores: WatchStores, decision: Decision, ctx: ApplyContext): number {
  const { incidents } = stores;
  let queued = 0;
  const outbox = {
    enqueue: (...args: Parameters<WatchStores['outbox']['enqueue']>) => (queued++, stores.outbox.enqueue(...args)),
    enqueueStatusUpdate: (...args: Parameters<WatchStores['outbox']['enqueueStatusUpdate']>) => (queued++, stores.outbox.enqueueStatusUpdate(...args)),
  };
  const { watch, now, resultId, incident } = ctx;
  stores.states.put(watch.id, decision.state);
  const action = decision.incident;
  const notices = decision.notices;
  const { unreachableRuns } = decision;
  // The alert shows the incident row; what else this run saw goes in its thread, so a refresh of the parent loses nothing.
  const announce = (incidentId: number, channel: string) => {
    outbox.enqueue({ incidentId, channel, op: 'post', payload: { kind: 'alert', resultId, unreachableRuns } }, now);
    if (notices.length > 0) outbox.enqueue({ incidentId, channel, op: 'reply', payload: { kind: 'notices', host: watch.host, notices, resultId } }, now);
  };

  if (action?.kind === 'open') {
    const opened = incidents.open({ watchId: watch.id, host: watch.host, channel: ctx.alertChannel, problems: action.problems, changes: action.changes, resultId, announced: action.announce }, now);
    if (action.announce) announce(opened.id, opened.channel);
    return queued;
  }
  if (action && incident) {
    switch (action.kind) {
      case 'announce':
        incidents.setProblems(incident.id, action.problems, action.changes, resultId, now);
        incidents.announce(incident.id, ctx.alertChannel, now);
        announce(incident.id, ctx.alertChannel);
        return queued;
      case 'update':
        incidents.setProblems(incident.id, action.problems, action.sinceGood, resultId, now);
        if (incident.announced) {
          outbox.enqueue(
            { incidentId: incident.id, channel: incident.channel, op: 'reply', payload: { kind: 'incident-changed', problems: action.problems, changes: action.changes, notices, resultId, unreachableRuns } },
            now,
          );
          outbox.enqueueStatusUpdate(incident.id, incident.channel, now);
        }
        return queued;
      case 'resolve':
        incidents.resolve(incident.id, 'clean', now);
        if (incident.announced) {
          outbox.enqueue({ incidentId: incident.id, channel: incident.channel, op: 'reply', payload: { kind: 'incident-resolved', changes: action.changes, notices, durationMs: action.durationMs, resultId } }, now);
          outbox.enqueueStatusUpdate(incident.id, incident.channel, now);
        }
        return queued;
    }
  }
  if (notices.length === 0) return queued;
  const payload = { kind: 'notices' as const, host: watch.host, notices, resultId };
  if (decision.noticesTo === 'incident-thread' && incident) outbox.enqueue({ incidentId: incident.id, channel: incident.channel, op: 'reply', payload }, now);
  else if (decision.noticesTo === 'channel') outbox.enqueue({ incidentId: null, channel: ctx.alertChannel, op: 'post', payload }, now);
  return queued;
}
