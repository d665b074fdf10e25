import type { BlockAction, ButtonAction } from '@slack/bolt';

/** A click on a watch alert's button: where, by whom, about which incident. */
export interface WatchActionContext {
  channel: string;
  user: string;
  incidentId: number;
}

/** Throws SyntaxError for a click that is not on one of our alerts. */
export function watchActionContext(body: BlockAction, action: ButtonAction): WatchActionContext {
  const channel = body.channel?.id ?? body.container?.channel_id;
  if (typeof channel !== 'string') throw new SyntaxError('button click without a channel');
  if (!/^[0-9]{1,12}$/.test(action.value ?? '')) throw new SyntaxError('not a watch alert button value');
  return { channel, user: body.user.id, incidentId: Number(action.value) };
}
