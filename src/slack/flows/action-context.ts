import type { BlockAction, ButtonAction } from '@slack/bolt';
import { decodeButtonValue, type ButtonTarget } from '../button-value';
import { messageKey } from '../report-store';
import type { RequestContext } from './flow-context';

/** Where a click on a report's button happened and what it asks for. */
export interface ReportClick {
  channel: string;
  user: string;
  /** The report message the buttons belong to: replies go to its thread. */
  parentTs: string;
  parentKey: string;
  target: ButtonTarget;
}

/** What a report button's flow is handed. */
export interface ReportClickContext extends RequestContext, ReportClick {}

/** Throws TargetError/SyntaxError for a value that is not ours. */
export function reportClick(body: BlockAction, action: ButtonAction): ReportClick {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const ts = body.message?.thread_ts ?? body.message?.ts ?? body.container?.message_ts;
  if (typeof channel !== 'string' || typeof ts !== 'string') throw new SyntaxError('button click without a channel or message');
  return { channel, user: body.user.id, parentTs: ts, parentKey: messageKey(channel, ts), target: decodeButtonValue(action.value ?? '') };
}

/** Slack redelivers a click it thinks was lost with the same action_ts: the key to run it once. */
export function actionKey(body: BlockAction, action: ButtonAction): string {
  return `action:${body.container?.message_ts ?? ''}:${action.action_id}:${action.action_ts}:${body.user.id}`;
}
