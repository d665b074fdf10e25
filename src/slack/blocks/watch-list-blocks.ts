import type { Block } from './limits';
import { blockTextLength, clip, context, header, LIMITS, section } from './limits';
import type { SlackMessage } from './message';
import { inlineCode, mrkdwn } from './escape';
import { plural, VERDICT_LABEL } from './labels';
import { ACTION } from '../action-ids';
import { formatDuration } from '../../watch/duration';
import type { WatchStatus, WatchSummary } from '../../watch/watch-summary';
import { asServername, when } from './watch-text';

export const WATCH_STATUS_LABEL: Record<WatchStatus, string> = {
  incident: '🔴 incident open',
  acknowledged: '👀 acknowledged',
  warning: '⚠️ warnings',
  pending: '⏳ first run pending',
  ok: '✅ OK',
};

/** What the overflow menu of a watch carries: the action and the watch id (option values are capped at 150 characters). */
export function encodeMenuValue(action: 'rerun' | 'unwatch', watchId: number): string {
  return `${action}:${watchId}`;
}

export function decodeMenuValue(value: string): { action: 'rerun' | 'unwatch'; watchId: number } {
  const m = /^(rerun|unwatch):([0-9]{1,12})$/.exec(value);
  if (!m) throw new SyntaxError('not a watch menu value');
  return { action: m[1] as 'rerun' | 'unwatch', watchId: Number(m[2]) };
}

/** One watch: status, host, ports, schedule, last run, certificate days left; the menu re-runs or unwatches it. */
export function watchLine(s: WatchSummary): Block {
  const w = s.watch;
  const facts = [
    `${WATCH_STATUS_LABEL[s.status]}${s.muted ? ' · 🔕 muted' : ''}`,
    s.lastRun ? `last run ${when(s.lastRun.at)} ${VERDICT_LABEL[s.lastRun.verdict]}` : 'not run yet',
    s.certificateDaysLeft !== undefined ? `certificate ${s.certificateDaysLeft < 0 ? '*expired*' : `${plural(s.certificateDaysLeft, 'day')} left`}` : undefined,
  ].filter(Boolean);
  const text = `*${inlineCode(clip(w.host, 120))}*${asServername(w.servername)} ports ${w.ports.join(', ')} · every ${formatDuration(w.intervalMs)}\n${facts.join(' · ')}`;
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) },
    accessory: {
      type: 'overflow',
      action_id: ACTION.watchMenu,
      options: [
        { text: { type: 'plain_text', text: '🔁 Re-run now', emoji: true }, value: encodeMenuValue('rerun', w.id) },
        { text: { type: 'plain_text', text: '🗑 Unwatch', emoji: true }, value: encodeMenuValue('unwatch', w.id) },
      ],
    },
  };
}

export function watchTotals(list: WatchSummary[]): string {
  if (list.length === 0) return 'No watches yet. Start one with `/starttls watch <host> [port ...] [every 15m]`.';
  const count = (st: WatchStatus) => list.filter((s) => s.status === st).length;
  const expiring = list.filter((s) => s.certificateDaysLeft !== undefined && s.certificateDaysLeft <= 14).length;
  const parts = [
    `${list.length} watch${list.length === 1 ? '' : 'es'}`,
    count('incident') ? `🔴 ${count('incident')} open` : '',
    count('acknowledged') ? `👀 ${count('acknowledged')} acknowledged` : '',
    count('warning') ? `⚠️ ${count('warning')} with warnings` : '',
    expiring ? `⏰ ${expiring} certificate${expiring === 1 ? '' : 's'} within 14 days of expiry` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

const REST_NOTE_CHARS = 1900;

/**
 * The watch list in at most `maxBlocks` blocks and `maxChars` of text (messages
 * have a budget, views do not): worst first (the summaries come sorted), one
 * block per watch, and one line naming those left out.
 */
export function watchListBlocks(list: WatchSummary[], maxBlocks: number, maxChars = Infinity): Block[] {
  const blocks: Block[] = [section(watchTotals(list))];
  let chars = blockTextLength(blocks) + REST_NOTE_CHARS;
  const shown: WatchSummary[] = [];
  for (const [i, s] of list.entries()) {
    const line = watchLine(s);
    const last = i === list.length - 1;
    // The last block slot is kept for the note about the rest, unless this is the last watch.
    if (blocks.length >= maxBlocks - (last ? 0 : 1) || chars + blockTextLength(line) > maxChars) break;
    blocks.push(line);
    shown.push(s);
    chars += blockTextLength(line);
  }
  const rest = list.slice(shown.length);
  if (rest.length > 0) {
    const names = rest.map((s) => mrkdwn(s.watch.host)).join(', ');
    blocks.push(context([clip(`…and ${rest.length} more (${rest.every((s) => s.status === 'ok') ? 'all OK' : 'see `/starttls watches`'}): ${names}`, REST_NOTE_CHARS)]));
  }
  return blocks;
}

/** `/starttls watches`, as an ephemeral message. */
export function watchListMessage(list: WatchSummary[]): SlackMessage {
  const blocks = [header('Watches'), ...watchListBlocks(list, LIMITS.blocksPerMessage - 1, LIMITS.messageTextBudget - 100)];
  return { text: clip(watchTotals(list), LIMITS.fallbackText), blocks };
}
