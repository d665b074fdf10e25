import type { App } from '@slack/bolt';
import type { BotDeps } from '../../bot-deps';
import { starttlsCommand } from './starttls-command';

export function registerCommands(app: App, deps: BotDeps): void {
  app.command('/starttls', starttlsCommand(deps));
}
