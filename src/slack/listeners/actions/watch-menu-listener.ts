import type { AllMiddlewareArgs, BlockAction, OverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { BotDeps } from '../../bot-deps';
import { reportFailure } from '../../flows/reply';
import { watchMenuFlow } from '../../flows/watch-menu-flow';
import { SlackApi } from '../../slack-api';

type MenuArgs = SlackActionMiddlewareArgs<BlockAction<OverflowAction>> & AllMiddlewareArgs;

/** The overflow menu on each watch (Home tab and `/starttls watches`). */
export function watchMenuListener(deps: BotDeps) {
  return async ({ body, action, ack, respond, client }: MenuArgs): Promise<void> => {
    await ack();
    if (!(await deps.seen.firstTime(`menu:${action.action_ts}:${body.user.id}`))) return;
    deps.tasks.run('watch menu', async () => {
      const service = deps.watches;
      if (!service) return;
      const channel = body.channel?.id ?? body.container?.channel_id;
      const ctx = { user: body.user.id, value: action.selected_option.value, onHome: body.view?.type === 'home', ...(typeof channel === 'string' ? { channel } : {}) };
      try {
        await watchMenuFlow(deps, service, new SlackApi(client), respond, ctx);
      } catch (err) {
        if (ctx.onHome) deps.logger.warn('watch menu failed on the Home tab', { err });
        else await reportFailure(respond, err, deps.logger, { action: 'watch menu' });
      }
    });
  };
}
