import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { homeView } from '../../blocks/home-blocks';
import type { BotDeps } from '../../bot-deps';
import { helpFacts } from '../../config';
import { SlackApi } from '../../slack-api';

export function appHomeOpened(deps: BotDeps) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    try {
      await new SlackApi(client).publishHome(event.user, homeView(helpFacts(deps.config), await deps.watches?.list()));
    } catch (err) {
      deps.logger.warn('could not publish the Home tab', { err });
    }
  };
}
