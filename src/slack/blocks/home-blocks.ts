import type { types } from '@slack/bolt';
import { helpMessage, type HelpFacts } from './help-blocks';
import { header } from './limits';

/** The App Home tab: what the bot does and the limits it runs under. */
export function homeView(facts: HelpFacts): types.HomeView {
  return { type: 'home', blocks: [header('STARTTLS checks for mail servers'), ...helpMessage(facts).blocks] };
}
