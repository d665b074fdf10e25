import type { AllMiddlewareArgs, BlockAction, ButtonAction, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { BotDeps } from '../../bot-deps';
import { actionContext, actionKey, type ActionContext } from '../../flows/action-context';
import { reportFailure } from '../../flows/reply';
import { SlackApi } from '../../slack-api';
import { ackOnceThenRun } from '../ack-once';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
type ButtonFlow = (deps: BotDeps, api: SlackApi, respond: RespondFn, ctx: ActionContext) => Promise<void>;

/** Shared by the report's buttons: ack, run each click once, then the flow in the background. */
export function buttonListener(deps: BotDeps, name: string, flow: ButtonFlow) {
  return ({ body, action, ack, respond, client }: ButtonArgs): Promise<void> =>
    ackOnceThenRun(deps, ack, actionKey(body, action), name, async () => {
      let ctx: ActionContext;
      try {
        ctx = actionContext(body, action);
      } catch (err) {
        return reportFailure(respond, err, deps.logger, { action: name });
      }
      await flow(deps, new SlackApi(client), respond, ctx);
    });
}
