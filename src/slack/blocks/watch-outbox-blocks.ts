import { StarttlsError } from '../../starttls-error';
import type { Incident } from '../../watch/watch-model';
import type { OutboxMessage } from '../../watch/watch-model';
import { alertMessage } from './watch-alert-blocks';
import type { SlackMessage } from './message';
import { acknowledgedMessage, incidentChangedMessage, incidentClosedMessage, incidentResolvedMessage, mutedMessage, noticesMessage } from './watch-thread-blocks';

export class RenderError extends StarttlsError {
  static override readonly codes = ['WATCH_RENDER_NO_INCIDENT'] as const;
  readonly code = 'WATCH_RENDER_NO_INCIDENT';
  readonly userVisible = false;
}

/** The outbox's renderer (RenderOutbox): a queued message as Block Kit, from the incident as it is now. */
export function renderOutboxMessage(message: OutboxMessage, incident: Incident | undefined, now: number): SlackMessage {
  const p = message.payload;
  if (p.kind === 'notices') return noticesMessage(p.host, p.notices, message.op === 'post');
  if (!incident) throw new RenderError(`outbox message ${message.id} (${p.kind}) has no incident`);
  switch (p.kind) {
    case 'alert':
      return alertMessage(incident, now, p.unreachableRuns);
    case 'status':
      return alertMessage(incident, now);
    case 'incident-changed':
      return incidentChangedMessage(incident.host, p.problems, p.changes, p.notices, p.unreachableRuns);
    case 'incident-resolved':
      return incidentResolvedMessage(incident.host, p.changes, p.notices, p.durationMs);
    case 'incident-acknowledged':
      return acknowledgedMessage(p.userId);
    case 'incident-closed':
      return incidentClosedMessage(incident.host, p.userId);
    case 'watch-muted':
      return mutedMessage(incident.host, p.userId, p.until);
  }
}
