import type { BotDeps } from '../../bot-deps';
import { errorMessage } from '../../blocks/help-blocks';
import { actionKey } from '../../flows/action-context';
import { requestContext } from '../../flows/flow-context';
import { reportFailure, tellUser } from '../../flows/reply';
import { alertClick, type AlertClick, type AlertClickContext } from '../../flows/watch-action-context';
import { ackOnceThenRun } from '../ack-once';
import type { ButtonArgs } from './button-listener';

export type WatchButtonFlow = (ctx: AlertClickContext) => Promise<void>;

/** Shared by the alert's buttons: ack, run each click once, then the flow in the background. */
export function watchButtonListener(deps: BotDeps, name: string, flow: WatchButtonFlow) {
  return ({ body, action, ack, respond, client }: ButtonArgs): Promise<void> =>
    ackOnceThenRun(deps, ack, actionKey(body, action), name, async () => {
      const watches = deps.watches;
      if (!watches) return tellUser(respond, errorMessage('watches are not enabled on this bot'), deps.logger);
      let click: AlertClick;
      try {
        click = alertClick(body, action);
      } catch (err) {
        return reportFailure(respond, err, deps.logger, { action: name });
      }
      try {
        await flow({ ...requestContext(deps, client, respond), watches, ...click });
      } catch (err) {
        await reportFailure(respond, err, deps.logger, { action: name, incident: click.incidentId });
      }
    });
}
