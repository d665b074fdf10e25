import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { WatchService } from '../../watch/watch-service';
import type { RequestContext } from './flow-context';

/** A click on a watch alert's button: where, by whom, about which incident. */
export interface AlertClick {
  channel: string;
  user: string;
  incidentId: number;
}

/** What an alert button's flow is handed: the click, on a bot that has watches. */
export interface AlertClickContext extends RequestContext, AlertClick {
  watches: WatchService;
}

/** Throws SyntaxError for a click that is not on one of our alerts. */
export function alertClick(body: BlockAction, action: ButtonAction): AlertClick {
  const channel = body.channel?.id ?? body.container?.channel_id;
  if (typeof channel !== 'string') throw new SyntaxError('button click without a channel');
  if (!/^[0-9]{1,12}$/.test(action.value ?? '')) throw new SyntaxError('not a watch alert button value');
  return { channel, user: body.user.id, incidentId: Number(action.value) };
}
