import type { App } from '@slack/bolt';
import type { BotDeps } from '../bot-deps';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import { registerEvents } from './events';

export function registerListeners(app: App, deps: BotDeps): void {
  registerCommands(app, deps);
  registerActions(app, deps);
  registerEvents(app, deps);
}
