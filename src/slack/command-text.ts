import { parseTargetWords, TargetError } from '../check/parse-target';
import { takeServername } from '../check/servername';
import { parseWatchCommand, type WatchCommand } from '../watch/watch-command';

export type CommandInput =
  | { kind: 'help' }
  | { kind: 'check'; host: string; ports: number[]; implicitTls?: boolean; servername?: string }
  | { kind: 'watch'; command: WatchCommand }
  | { kind: 'mx'; domain: string; port: number }
  | { kind: 'analyze' };

/** MX hosts are probed where other mail servers deliver. */
export const MX_DEFAULT_PORT = 25;

/**
 * `/starttls <target> [port ...] [--servername NAME]` (host, host:port, [ipv6]:port, smtp://host:port, smtps://host:port), `/starttls help`, `/starttls mx <domain> [port]`, `/starttls analyze`,
 * or a watch subcommand (watch, unwatch, watches, history). Throws TargetError or WatchCommandError for bad input.
 */
export function parseCommandText(text: string, minWatchIntervalMs?: number): CommandInput {
  const words = text.trim().split(/\s+/).filter(Boolean).map(unwrapSlackLink);
  if (words.length === 0) throw new TargetError('TARGET_EMPTY_HOST', 'no host given');
  if (words.length === 1 && /^(help|-h|--help|\?)$/i.test(words[0])) return { kind: 'help' };
  if (words.length === 1 && /^analy[sz]e$/i.test(words[0])) return { kind: 'analyze' };
  if (/^mx$/i.test(words[0])) return mxCommand(words.slice(1));
  const watch = parseWatchCommand(words, minWatchIntervalMs);
  if (watch) return { kind: 'watch', command: watch };
  const { servername, rest } = takeServername(words);
  return { kind: 'check', ...parseTargetWords(rest), ...(servername ? { servername } : {}) };
}

function mxCommand(args: string[]): CommandInput {
  if (args.length === 0) throw new TargetError('TARGET_EMPTY_HOST', 'no domain given: `/starttls mx <domain> [port]`');
  const { host, ports, implicitTls } = parseTargetWords(args, [MX_DEFAULT_PORT]);
  if (ports.length !== 1) throw new TargetError('TARGET_TOO_MANY_PORTS', '`/starttls mx` checks one port on every MX host: `/starttls mx <domain> [port]`');
  if (implicitTls) throw new TargetError('TARGET_BAD_HOST', '`/starttls mx` probes MX hosts with STARTTLS: write the domain without smtps://');
  return { kind: 'mx', domain: host, port: ports[0] };
}

/** Slack may turn a typed host name into a link, <http://mail.contoso.com|mail.contoso.com>: keep what was typed. */
function unwrapSlackLink(word: string): string {
  const m = /^<([^|>]*)(?:\|([^>]*))?>$/.exec(word);
  if (!m) return word;
  return (m[2] ?? m[1]).replace(/^(?:https?|mailto):(?:\/\/)?/i, '').replace(/\/$/, '');
}
