import type { Incident } from '../../watch/watch-model';
import { formatDuration } from '../../watch/duration';
import type { HistoryEntry } from '../../watch/history';
import { inlineCode, mrkdwn, plainText, prose, verbatim } from './escape';
import { VERDICT_LABEL } from './labels';
import { clip, context, fitBlocks, header, LIMITS, section, type Block } from './limits';
import type { SlackMessage } from './message';
import { asServername, bullets, STATUS_ICON, when } from './watch-text';

const CHANGES_PER_RUN = 6;

function incidentLine(i: Incident, now: number): string {
  const lasted = formatDuration((i.resolvedAt ?? now) - i.openedAt);
  const what = i.problems.map((p) => p.title).slice(0, 2).join('; ');
  const status = i.status === 'resolved' ? `resolved after ${lasted}` : `${i.status} for ${lasted}`;
  return `${STATUS_ICON[i.status]} #${i.id}${asServername(i.servername)} opened ${when(i.openedAt)}, ${status}: ${prose(clip(what, 300))}`;
}

/** `/starttls history <host>`: recent incidents, then recent runs each with what changed since the one before. */
export function historyMessage(host: string, runs: HistoryEntry[], incidents: Incident[], now: number): SlackMessage {
  const head: Block[] = [header(plainText(`History · ${host}`))];
  if (runs.length === 0) {
    return { text: `No runs recorded for ${mrkdwn(host)}`, blocks: [...head, section(`No runs recorded for ${inlineCode(host)} yet.`)] };
  }
  const items = [
    ...(incidents.length > 0 ? [{ block: section(clip(`*Incidents*\n${incidents.map((i) => incidentLine(i, now)).join('\n')}`, LIMITS.sectionText)), priority: 0 }] : []),
    ...runs.map((r, i) => ({
      block: section(
        clip(
          `${when(r.startedAt)}${asServername(r.servername)} · ${VERDICT_LABEL[r.verdict]}${r.changes.length > 0 ? `\n${bullets(r.changes, CHANGES_PER_RUN, 'more changes', verbatim)}` : i === runs.length - 1 ? '' : ' · no change'}`,
          LIMITS.sectionText,
        ),
      ),
      priority: 1 + i,
    })),
  ];
  const fitted = fitBlocks(items, LIMITS.blocksPerMessage - 2, LIMITS.messageTextBudget - 500);
  return {
    text: `History of ${mrkdwn(host)}: ${runs.length} runs`,
    blocks: [...head, ...fitted.blocks, context([`Newest first · ${runs.length} runs shown${fitted.omitted ? `, ${fitted.omitted} left out to fit` : ''}`])],
  };
}
