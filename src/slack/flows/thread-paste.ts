import type { types } from '@slack/bolt';

export interface PastedFile {
  name: string;
  size?: number;
  url?: string;
}

/** A person's reply in a thread, with what it carries: the text and any text files. */
export interface ThreadPaste {
  channel: string;
  user: string;
  ts: string;
  /** The thread's parent message: maybe one of the bot's reports. */
  threadTs: string;
  text: string;
  files: PastedFile[];
}

const MAX_FILES = 3;
const TEXT_FILETYPES = new Set(['text', 'txt', 'log', 'csv', 'plain', 'powershell', 'shell']);

/**
 * The thread reply in a message event, or undefined for anything the bot must not answer:
 * its own (or any bot's) messages, edits, joins and other subtypes, top-level messages.
 */
export function threadPaste(event: types.MessageEvent, self: { botUserId?: string; botId?: string }): ThreadPaste | undefined {
  if (event.subtype !== undefined && event.subtype !== 'file_share') return undefined;
  const { user, thread_ts: threadTs, ts, channel } = event;
  if ('bot_id' in event && event.bot_id !== undefined) return undefined;
  if (typeof user !== 'string' || user === self.botUserId) return undefined;
  if (typeof threadTs !== 'string' || threadTs === ts) return undefined;
  const files = (event.files ?? [])
    .filter((f) => (f.mimetype ?? '').startsWith('text/') || TEXT_FILETYPES.has(f.filetype ?? '') || /\.(txt|log)$/i.test(f.name ?? ''))
    .slice(0, MAX_FILES)
    .map((f) => ({ name: f.name ?? f.title ?? f.id, ...(typeof f.size === 'number' ? { size: f.size } : {}), ...(f.url_private_download ? { url: f.url_private_download } : {}) }));
  return { channel, user, ts, threadTs, text: event.text ?? '', files };
}

/** Format-List output has `Name : value` lines; chat ("Note: …", ":smile:") does not. */
export function looksLikePaste(text: string): boolean {
  return /^[^\S\n]*[A-Za-z][A-Za-z0-9]*[^\S\n]+:(?:[^\S\n]|$)/m.test(text);
}
