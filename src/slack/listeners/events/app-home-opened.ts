import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { BotDeps } from '../../bot-deps';
import { flowContext } from '../../flows/flow-context';
import { homeFlow } from '../../flows/home-flow';

export function appHomeOpened(deps: BotDeps) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    await homeFlow({ ...flowContext(deps, client), user: event.user });
  };
}
