import type { types } from '@slack/bolt';
import { helpMessage, type HelpFacts } from './help-blocks';
import type { WatchSummary } from '../../watch/watch-summary';
import { header, LIMITS } from './limits';
import { watchHomeBlocks } from './watch-home-blocks';

/** The App Home tab: what the bot does and the limits it runs under, then (when watching) the watch list. */
export function homeView(facts: HelpFacts, watches?: WatchSummary[]): types.HomeView {
  const blocks = [header('STARTTLS checks for mail servers'), ...helpMessage(facts).blocks];
  return { type: 'home', blocks: watches ? [...blocks, ...watchHomeBlocks(watches, LIMITS.blocksPerView - blocks.length)] : blocks };
}
