import { formatDuration } from '../../watch/duration';
import type { Notice } from '../../watch/notices';
import type { ProblemSummary } from '../../watch/problems';
import { inlineCode, mrkdwn, prose, userMention, verbatim } from './escape';
import { clip, context, LIMITS, section, type Block } from './limits';
import type { SlackMessage } from './message';
import { bullets, noticeLines, problemLine, when } from './watch-text';

const SHOWN = 12;

function message(fallback: string, blocks: Block[]): SlackMessage {
  return { text: clip(fallback, LIMITS.fallbackText), blocks };
}

function changesSection(title: string, changes: string[]): Block[] {
  return changes.length > 0 ? [section(clip(`*${title}*\n${bullets(changes, SHOWN, 'more changes', verbatim)}`, LIMITS.sectionText))] : [];
}

function noticesSection(notices: Notice[]): Block[] {
  return notices.length > 0 ? [section(clip(`🔔 ${bullets(noticeLines(notices), SHOWN, 'more')}`, LIMITS.sectionText))] : [];
}

export function incidentChangedMessage(host: string, problems: ProblemSummary[], changes: string[], notices: Notice[], unreachableRuns: number): SlackMessage {
  const now = problems.slice(0, SHOWN).map((p) => problemLine(p, 1));
  return message(`Changed: ${mrkdwn(host)}`, [
    section(clip(`🔄 *Changed.* Now:\n${now.join('\n')}`, LIMITS.sectionText)),
    ...changesSection('What changed since the previous run', changes),
    ...noticesSection(notices),
    ...(unreachableRuns > 1 ? [context([`Unreachable for ${unreachableRuns} runs in a row.`])] : []),
  ]);
}

export function incidentResolvedMessage(host: string, changes: string[], notices: Notice[], durationMs: number): SlackMessage {
  return message(`Resolved: ${mrkdwn(host)} after ${formatDuration(durationMs)}`, [
    section(`✅ *Resolved.* The last run of ${inlineCode(host)} came back clean; the incident lasted ${formatDuration(durationMs)}.`),
    ...changesSection('What changed since the previous run', changes),
    ...noticesSection(notices),
  ]);
}

export function acknowledgedMessage(userId: string): SlackMessage {
  return message('Acknowledged', [section(`👀 ${userMention(userId)} acknowledged this incident.`)]);
}

export function incidentClosedMessage(host: string, userId: string): SlackMessage {
  return message(`Closed: ${mrkdwn(host)} is no longer watched`, [section(`🛑 ${userMention(userId)} stopped watching ${inlineCode(host)}; this incident is closed.`)]);
}

export function mutedMessage(host: string, userId: string, until: number): SlackMessage {
  return message(`Muted: ${mrkdwn(host)}`, [section(`🔕 ${userMention(userId)} muted new alerts for ${inlineCode(host)} until ${when(until)}. This thread still gets updates.`)]);
}

/** Renewals, expiry thresholds and capability changes: in the channel, or in a live incident's thread. */
export function noticesMessage(host: string, notices: Notice[], standalone: boolean): SlackMessage {
  const lines = noticeLines(notices);
  return message(`${mrkdwn(host)}: ${prose(lines[0] ?? 'change seen')}`, [
    section(clip(`🔔 *${inlineCode(host)}*\n${bullets(lines, SHOWN)}`, LIMITS.sectionText)),
    ...(standalone ? [context([`Watch of ${inlineCode(host)} · \`/starttls history ${mrkdwn(host)}\` shows the recent runs`])] : []),
  ]);
}
