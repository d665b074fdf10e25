import type { Notice } from './notices';
import type { ProblemSummary } from './problems';

/**
 * What a queued Slack message says, as data: it is rendered when sent, so a
 * parent-message update always shows the incident as it is at that moment.
 */
export type OutboxPayload =
  /** The incident's parent message (op post); it shows the incident row as it is when sent, so it can be re-rendered by a status update. */
  | { kind: 'alert'; resultId: number; unreachableRuns: number }
  /** A reply in the incident's thread: the problems changed. */
  | { kind: 'incident-changed'; problems: ProblemSummary[]; changes: string[]; notices: Notice[]; resultId: number; unreachableRuns: number }
  | { kind: 'incident-resolved'; changes: string[]; notices: Notice[]; durationMs: number; resultId: number }
  | { kind: 'incident-acknowledged'; userId: string }
  | { kind: 'incident-closed'; userId: string; reason: 'unwatched' }
  | { kind: 'watch-muted'; userId: string; until: number }
  /** Notices on their own: a post in the channel, or a reply in a live incident's thread. */
  | { kind: 'notices'; host: string; notices: Notice[]; resultId: number }
  /** chat.update of the incident's parent message to its current status (op update). */
  | { kind: 'status' };

export type OutboxOp = 'post' | 'reply' | 'update';
