import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { BotDeps } from '../../bot-deps';
import { actionKey, reportClick, type ReportClick, type ReportClickContext } from '../../flows/action-context';
import { requestContext } from '../../flows/flow-context';
import { reportFailure } from '../../flows/reply';
import { ackOnceThenRun } from '../ack-once';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
export type ReportButtonFlow = (ctx: ReportClickContext) => Promise<void>;

/** Shared by the report's buttons: ack, run each click once, then the flow in the background. */
export function buttonListener(deps: BotDeps, name: string, flow: ReportButtonFlow) {
  return ({ body, action, ack, respond, client }: ButtonArgs): Promise<void> =>
    ackOnceThenRun(deps, ack, actionKey(body, action), name, async () => {
      let click: ReportClick;
      try {
        click = reportClick(body, action);
      } catch (err) {
        return reportFailure(respond, err, deps.logger, { action: name });
      }
      await flow({ ...requestContext(deps, client, respond), ...click });
    });
}
