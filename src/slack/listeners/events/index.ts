import type { App } from '@slack/bolt';
import type { BotDeps } from '../../bot-deps';
import { appHomeOpened } from './app-home-opened';
import { threadMessage } from './thread-message';

export function registerEvents(app: App, deps: BotDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
  app.event('message', threadMessage(deps));
}
