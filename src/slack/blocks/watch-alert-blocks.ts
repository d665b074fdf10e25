import type { Incident } from '../../watch/watch-model';
import { ACTION } from '../action-ids';
import { inlineCode, mrkdwn, plainText, prose, verbatim } from './escape';
import { asServername, bullets, problemLine, statusLine } from './watch-text';
import { blockTextLength, clip, context, fitBlocks, header, LIMITS, section, type Block, type Ranked } from './limits';
import type { SlackMessage } from './message';
import { button } from './button';

const PROBLEMS_SHOWN = 8;
const CHANGES_SHOWN = 12;

/**
 * The incident's parent message: its current status, what is wrong, the diff
 * against the last good run, and the buttons. Rendered afresh for every status
 * change (chat.update), so it always shows the incident as it is.
 */
export function alertMessage(incident: Incident, now: number, unreachableRuns = 0): SlackMessage {
  const resolved = incident.status === 'resolved';
  const as = incident.servername ? ` as ${incident.servername}` : '';
  const head: Block[] = [header(plainText(`${resolved ? '✅ Resolved' : '🚨 STARTTLS alert'} · ${incident.host}${as}`)), section(statusLine(incident, now))];
  const tail: Block[] = [
    ...(resolved ? [] : [alertActions(incident)]),
    context([`Watch of ${inlineCode(incident.host)}${asServername(incident.servername)} · incident #${incident.id} · later changes go to this thread`]),
  ];
  const body: Ranked[] = [];
  if (resolved) {
    body.push({ block: section(clip(`*What was wrong*\n${incident.problems.map((p) => `• ${prose(clip(p.title, 200))}`).join('\n')}`, LIMITS.sectionText)), priority: 1 });
  } else {
    body.push(...incident.problems.slice(0, PROBLEMS_SHOWN).map((p, i) => ({ block: section(problemLine(p, 2)), priority: 1 + i })));
    if (unreachableRuns > 1) body.push({ block: context([`Unreachable for ${unreachableRuns} runs in a row before this alert.`]), priority: 0 });
  }
  if (incident.changes.length > 0) {
    body.push({ block: section(clip(`*What changed since the last good run*\n${bullets(incident.changes, CHANGES_SHOWN, 'more changes', verbatim)}`, LIMITS.sectionText)), priority: 2 });
  }
  const fitted = fitBlocks(body, LIMITS.blocksPerMessage - head.length - tail.length - 1, LIMITS.messageTextBudget - 200 - blockTextLength([...head, ...tail]));
  const hidden = fitted.omitted + Math.max(0, incident.problems.length - PROBLEMS_SHOWN);
  const note = !resolved && hidden > 0 ? [context([`… ${hidden} more left out to fit: *Show remediation* lists every problem.`])] : [];
  return {
    text: clip(`${resolved ? 'Resolved' : 'STARTTLS alert'}: ${mrkdwn(`${incident.host}${as}`)}: ${prose(incident.problems[0]?.title ?? 'problems found')}`, LIMITS.fallbackText),
    blocks: [...head, ...fitted.blocks, ...note, ...tail],
  };
}

export const ALERT_ACTIONS_BLOCK_ID = 'starttls_watch_alert_actions';

/** Acknowledge (while open), Show remediation, Re-run, Mute: each carries the incident id. */
export function alertActions(incident: Incident): Block {
  const value = String(incident.id);
  return {
    type: 'actions',
    block_id: ALERT_ACTIONS_BLOCK_ID,
    elements: [
      ...(incident.status === 'open' ? [button('👀 Acknowledge', ACTION.watchAcknowledge, value, 'primary')] : []),
      button('🛠 Show remediation', ACTION.watchRemediation, value),
      button('🔁 Re-run', ACTION.watchRerun, value),
      button('🔕 Mute for a while', ACTION.watchMute, value),
    ],
  };
}
