import type { WatchSummary } from '../../watch/watch-summary';
import { header, type Block } from './limits';
import { watchListBlocks } from './watch-list-blocks';

/** The watch list for the Home tab, in at most `maxBlocks` blocks (the view's limit is shared with the help above it). */
export function watchHomeBlocks(list: WatchSummary[], maxBlocks: number): Block[] {
  const head: Block[] = [{ type: 'divider' }, header('Watches')];
  return [...head, ...watchListBlocks(list, maxBlocks - head.length)];
}
