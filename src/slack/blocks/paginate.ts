import { blockTextLength, LIMITS, section, type Block } from './limits';
import type { SlackMessage } from './message';

/**
 * Split a long run of blocks into as many messages as needed (each within the
 * block count and text budget), at most `maxMessages`; the last one says what was cut.
 */
export function paginate(blocks: Block[], fallback: string, maxMessages: number): SlackMessage[] {
  const pages: Block[][] = [[]];
  let chars = 0;
  for (const block of blocks) {
    const size = blockTextLength(block);
    const page = pages[pages.length - 1];
    if (page.length > 0 && (page.length >= LIMITS.blocksPerMessage - 1 || chars + size > LIMITS.messageTextBudget - 300)) {
      pages.push([block]);
      chars = size;
    } else {
      page.push(block);
      chars += size;
    }
  }
  const kept = pages.slice(0, maxMessages);
  if (pages.length > maxMessages) {
    const cut = pages.slice(maxMessages).reduce((n, p) => n + p.length, 0);
    kept[kept.length - 1].push(section(`✂️ ${cut} more blocks not posted. The CLI shows everything: \`starttls probe --json\`.`));
  }
  return kept.map((page, i) => ({ text: kept.length > 1 ? `${fallback} (${i + 1}/${kept.length})` : fallback, blocks: page }));
}
