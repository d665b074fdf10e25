import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;

/** Block Kit limits (docs.slack.dev, Block Kit reference) plus the message budget we keep under. */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  /** chat.postMessage answers msg_blocks_too_long somewhere around 11-13k characters of block text. */
  messageTextBudget: 10_000,
  /** The notification fallback `text`. */
  fallbackText: 300,
} as const;

/**
 * Shorten already-escaped text to at most `max` characters, ending in "…",
 * without cutting an entity (&amp;) or a surrogate pair in half.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  cut = cut.replace(/&[a-z]{0,4}$/, '');
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Total characters of text a block carries (what Slack's message-size check adds up). */
export function blockTextLength(block: unknown): number {
  if (typeof block === 'string') return 0;
  if (Array.isArray(block)) return block.reduce((n: number, b) => n + blockTextLength(b), 0);
  if (block === null || typeof block !== 'object') return 0;
  let n = 0;
  for (const [key, value] of Object.entries(block)) {
    if (key === 'text' && typeof value === 'string') n += value.length;
    else n += blockTextLength(value);
  }
  return n;
}

export interface Ranked {
  block: Block;
  /** Lower is more important. */
  priority: number;
}

/**
 * Choose the most important blocks that fit the block count and text budget,
 * keeping their original order. Returns the chosen blocks and how many were left out.
 */
export function fitBlocks(items: Ranked[], maxBlocks: number, maxChars: number): { blocks: Block[]; omitted: number } {
  const byPriority = items.map((item, index) => ({ ...item, index })).sort((a, b) => a.priority - b.priority || a.index - b.index);
  const chosen = new Set<number>();
  let chars = 0;
  for (const item of byPriority) {
    const size = blockTextLength(item.block);
    if (chosen.size < maxBlocks && chars + size <= maxChars) {
      chosen.add(item.index);
      chars += size;
    }
  }
  return { blocks: items.filter((_, i) => chosen.has(i)).map((i) => i.block), omitted: items.length - chosen.size };
}

export function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) } };
}

export function fieldsSection(fields: string[]): Block {
  return {
    type: 'section',
    fields: fields.slice(0, LIMITS.sectionFields).map((text) => ({ type: 'mrkdwn', text: clip(text, LIMITS.fieldText) })),
  };
}

export function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, LIMITS.headerText), emoji: true } };
}

export function context(texts: string[]): Block {
  return {
    type: 'context',
    elements: texts.slice(0, LIMITS.contextElements).map((text) => ({ type: 'mrkdwn', text: clip(text, LIMITS.contextText) })),
  };
}

/** Sections holding escaped code-block content, split at line ends so each fits a section. */
export function codeSections(content: string, title = ''): Block[] {
  const room = LIMITS.sectionText - title.length - 10;
  const chunks: string[] = [];
  let current = '';
  for (const line of content.split('\n')) {
    const piece = clip(line, room);
    if (current !== '' && current.length + 1 + piece.length > room) {
      chunks.push(current);
      current = piece;
    } else {
      current = current === '' ? piece : `${current}\n${piece}`;
    }
  }
  if (current !== '' || chunks.length === 0) chunks.push(current);
  return chunks.map((chunk, i) => section(`${i === 0 ? title : ''}\`\`\`\n${chunk}\n\`\`\``));
}
