import { parseHost, parsePorts, TargetError } from '../target/parse-target';
import { parseWatchCommand, type WatchCommand } from '../watch/watch-command';

export type CommandInput = { kind: 'help' } | { kind: 'check'; host: string; ports: number[] } | { kind: 'watch'; command: WatchCommand };

/**
 * `/starttls <host> [port ...]`, `/starttls help`, or a watch subcommand (watch, unwatch,
 * watches, history). Throws TargetError or WatchCommandError for bad input.
 */
export function parseCommandText(text: string, minWatchIntervalMs?: number): CommandInput {
  const words = text.trim().split(/\s+/).filter(Boolean).map(unwrapSlackLink);
  if (words.length === 0) throw new TargetError('TARGET_EMPTY_HOST', 'no host given');
  if (words.length === 1 && /^(help|-h|--help|\?)$/i.test(words[0])) return { kind: 'help' };
  const watch = parseWatchCommand(words, minWatchIntervalMs);
  if (watch) return { kind: 'watch', command: watch };
  const [host, ...ports] = words;
  return { kind: 'check', host: parseHost(host), ports: parsePorts(ports) };
}

/** Slack may turn a typed host name into a link, <http://mail.contoso.com|mail.contoso.com>: keep what was typed. */
function unwrapSlackLink(word: string): string {
  const m = /^<([^|>]*)(?:\|([^>]*))?>$/.exec(word);
  if (!m) return word;
  return (m[2] ?? m[1]).replace(/^(?:https?|mailto):(?:\/\/)?/i, '').replace(/\/$/, '');
}
