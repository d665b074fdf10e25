import type { Watch } from '../../watch/watch-model';
import { formatDuration } from '../../watch/duration';
import { inlineCode, mrkdwn, userMention } from './escape';
import { clip, context, LIMITS, section } from './limits';
import type { SlackMessage } from './message';

/** A channel mention from Slack's own id (never from user text). */
export function channelMention(channelId: string): string {
  return /^[CGD][A-Z0-9]{2,30}$/.test(channelId) ? `<#${channelId}>` : mrkdwn(channelId);
}

export function watchStartedMessage(watch: Watch, alertChannel: string, userId: string): SlackMessage {
  const servername = watch.servername ? ` as ${inlineCode(watch.servername)} (SNI, and the name the certificate must cover)` : '';
  const names = watch.expectNames.length > 0 ? ` · certificate must also name ${watch.expectNames.map(inlineCode).join(', ')}` : '';
  return {
    text: clip(`Watching ${mrkdwn(watch.host)} every ${formatDuration(watch.intervalMs)}`, LIMITS.fallbackText),
    blocks: [
      section(
        clip(
          `👁 ${userMention(userId)} is watching ${inlineCode(watch.host)}${servername} ports ${watch.ports.join(', ')} every ${formatDuration(watch.intervalMs)}${names}.\nAlerts go to ${channelMention(alertChannel)} when something changes; each incident is worked in its alert's thread.`,
          LIMITS.sectionText,
        ),
      ),
      context(['`/starttls watches` lists the watches · `/starttls history <host>` shows recent runs · `/starttls unwatch <host>` stops']),
    ],
  };
}

export function unwatchedMessage(host: string, userId: string): SlackMessage {
  return { text: `Stopped watching ${mrkdwn(host)}`, blocks: [section(`🛑 ${userMention(userId)} stopped watching ${inlineCode(host)}.`)] };
}
