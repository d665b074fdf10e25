import type { AllMiddlewareArgs, BlockAction, ButtonAction, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WatchService } from '../../../watch/watch-service';
import type { BotDeps } from '../../bot-deps';
import { actionKey } from '../../flows/action-context';
import { reportFailure, tellUser } from '../../flows/reply';
import { watchActionContext, type WatchActionContext } from '../../flows/watch-action-context';
import { errorMessage } from '../../blocks/help-blocks';
import { SlackApi } from '../../slack-api';
import { ackOnceThenRun } from '../ack-once';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
export type WatchButtonFlow = (deps: BotDeps, service: WatchService, api: SlackApi, respond: RespondFn, ctx: WatchActionContext) => Promise<void>;

/** Shared by the alert's buttons: ack, run each click once, then the flow in the background. */
export function watchButtonListener(deps: BotDeps, name: string, flow: WatchButtonFlow) {
  return ({ body, action, ack, respond, client }: ButtonArgs): Promise<void> =>
    ackOnceThenRun(deps, ack, actionKey(body, action), name, async () => {
      const service = deps.watches;
      if (!service) return tellUser(respond, errorMessage('watches are not enabled on this bot'), deps.logger);
      let ctx: WatchActionContext;
      try {
        ctx = watchActionContext(body, action);
      } catch (err) {
        return reportFailure(respond, err, deps.logger, { action: name });
      }
      try {
        await flow(deps, service, new SlackApi(client), respond, ctx);
      } catch (err) {
        await reportFailure(respond, err, deps.logger, { action: name, incident: ctx.incidentId });
      }
    });
}
