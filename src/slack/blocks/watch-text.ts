import type { Incident } from '../../watch/watch-model';
import { formatDuration } from '../../watch/duration';
import type { Notice } from '../../watch/notices';
import { describeNotice } from '../../watch/notices';
import type { ProblemSummary } from '../../watch/problems';
import { inlineCode, prose, userMention, verbatim } from './escape';
import { SEVERITY_LABEL, slackDate } from './labels';
import { impactLine } from './finding-blocks';
import { clip } from './limits';

/** Pieces of mrkdwn shared by the watch messages; everything from a server is escaped here. */

const LINE_MAX = 240;

/** Bulleted lines: our sentences as prose; observed changes (which quote server text) as `verbatim` code. */
export function bullets(lines: string[], max: number, more = 'more', render: (text: string) => string = prose): string {
  const shown = lines.slice(0, max).map((l) => `• ${render(clip(l, LINE_MAX))}`);
  if (lines.length > max) shown.push(`• … and ${lines.length - max} ${more}`);
  return shown.join('\n');
}

export function problemLine(p: ProblemSummary, evidenceLines = 0): string {
  const head = `${SEVERITY_LABEL[p.severity]} · *${prose(clip(p.title, 200))}* (port${p.ports.length > 1 ? 's' : ''} ${p.ports.join(', ')})`;
  const evidence = p.evidence.slice(0, evidenceLines).map((e) => `\n    ${verbatim(clip(e, LINE_MAX))}`);
  const impact = p.impact && evidenceLines > 0 ? `\n    ${impactLine(p.impact)}` : '';
  return head + impact + evidence.join('');
}

/** ` as `NAME`` after a host, when a watch (or a run) sends a --servername; nothing otherwise. */
export function asServername(servername: string | null | undefined): string {
  return servername ? ` as ${inlineCode(clip(servername, 120))}` : '';
}

export function noticeLines(notices: Notice[]): string[] {
  return notices.map(describeNotice);
}

export function when(ms: number): string {
  return slackDate(new Date(ms).toISOString());
}

export const STATUS_ICON: Record<Incident['status'], string> = { open: '🔴', acknowledged: '👀', resolved: '✅' };

/** The incident's status line: open since, acknowledged by whom, resolved and how long it lasted. */
export function statusLine(incident: Incident, now: number): string {
  const since = `since ${when(incident.openedAt)}`;
  switch (incident.status) {
    case 'open':
      return `${STATUS_ICON.open} *Open* ${since} (${formatDuration(now - incident.openedAt)})`;
    case 'acknowledged':
      return `${STATUS_ICON.acknowledged} *Acknowledged* by ${userMention(incident.acknowledgedBy ?? '')} ${when(incident.acknowledgedAt ?? now)} · open ${since}`;
    case 'resolved': {
      const lasted = formatDuration((incident.resolvedAt ?? now) - incident.openedAt);
      return incident.resolution === 'unwatched'
        ? `🛑 *Closed* ${when(incident.resolvedAt ?? now)}: the watch was removed · lasted ${lasted}`
        : `${STATUS_ICON.resolved} *Resolved* automatically ${when(incident.resolvedAt ?? now)}: a run came back clean · lasted ${lasted}`;
    }
  }
}
