import type { AllMiddlewareArgs, BlockAction, OverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { BotDeps } from '../../bot-deps';
import { requestContext } from '../../flows/flow-context';
import { watchMenuFlow } from '../../flows/watch-menu-flow';

type MenuArgs = SlackActionMiddlewareArgs<BlockAction<OverflowAction>> & AllMiddlewareArgs;

/** The overflow menu on each watch (Home tab and `/starttls watches`). */
export function watchMenuListener(deps: BotDeps) {
  return async ({ body, action, ack, respond, client }: MenuArgs): Promise<void> => {
    await ack();
    if (!(await deps.seen.firstTime(`menu:${action.action_ts}:${body.user.id}`))) return;
    const channel = body.channel?.id ?? body.container?.channel_id;
    const choice = { user: body.user.id, value: action.selected_option.value, onHome: body.view?.type === 'home', ...(typeof channel === 'string' ? { channel } : {}) };
    deps.tasks.run('watch menu', () => watchMenuFlow({ ...requestContext(deps, client, respond), ...choice }));
  };
}
