import { IMPLICIT_TLS_PORTS } from '../check/check-request';
import { UserFacingError } from '../starttls-error';
import { parseHost, parseTargetWords, TargetError } from '../check/parse-target';
import { takeServername } from '../check/servername';
import { IntervalError, parseInterval } from './duration';

export type WatchCommand =
  | { kind: 'watch'; host: string; ports: number[]; intervalMs: number; expectNames: string[]; servername?: string }
  | { kind: 'unwatch'; host: string }
  | { kind: 'watches' }
  | { kind: 'history'; host: string };

export const WATCH_SUBCOMMANDS = ['watch', 'unwatch', 'watches', 'history'] as const;

export const DEFAULT_INTERVAL_MS = 15 * 60_000;

/** Bad input to a watch subcommand; it keeps the code of a TargetError or IntervalError it stands for. */
export class WatchCommandError extends UserFacingError<'WATCH_USAGE' | IntervalError['code'] | TargetError['code']> {
  static override readonly codes = ['WATCH_USAGE'] as const;
}

const USAGE = {
  watch: 'usage: watch <host> [port ...] [every 5m|15m|1h] [servername NAME] [expect-name NAME]',
  unwatch: 'usage: unwatch <host>',
  history: 'usage: history <host>',
};

/**
 * The words after `/starttls` when the first is a watch subcommand; undefined
 * when it is not one (an ordinary check). Throws WatchCommandError for bad input.
 */
export function parseWatchCommand(words: string[], minIntervalMs?: number): WatchCommand | undefined {
  const [sub, ...rest] = words;
  const kind = sub?.toLowerCase();
  try {
    switch (kind) {
      case 'watches':
        if (rest.length > 0) throw new WatchCommandError('WATCH_USAGE', 'usage: watches');
        return { kind: 'watches' };
      case 'unwatch':
      case 'history':
        if (rest.length !== 1) throw new WatchCommandError('WATCH_USAGE', USAGE[kind]);
        return { kind, host: parseHost(rest[0]) };
      case 'watch':
        return parseWatch(rest, minIntervalMs);
      default:
        return undefined;
    }
  } catch (err) {
    if (err instanceof TargetError || err instanceof IntervalError) throw new WatchCommandError(err.code, err.message);
    throw err;
  }
}

function parseWatch(all: string[], minIntervalMs?: number): WatchCommand {
  const { servername, rest: words } = takeServername(all);
  if (words.length === 0) throw new WatchCommandError('WATCH_USAGE', USAGE.watch);
  const [host, ...rest] = words;
  const ports: string[] = [];
  const expectNames: string[] = [];
  let intervalMs = DEFAULT_INTERVAL_MS;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i].toLowerCase();
    if (word === 'every' || word === 'expect-name') {
      const value = rest[++i];
      if (value === undefined) throw new WatchCommandError('WATCH_USAGE', `${word} needs a value; ${USAGE.watch}`);
      if (word === 'every') intervalMs = parseInterval(value, minIntervalMs);
      else expectNames.push(parseHost(value));
    } else {
      ports.push(rest[i]);
    }
  }
  const target = parseTargetWords([host, ...ports]);
  // A watch stores host and ports only: implicit TLS holds on 465, where it always applies.
  if (target.implicitTls && target.ports.some((p) => !IMPLICIT_TLS_PORTS.includes(p))) {
    throw new WatchCommandError('TARGET_BAD_PORT', `watches speak implicit TLS on port 465 only; ${USAGE.watch}`);
  }
  return { kind: 'watch', host: target.host, ports: target.ports, intervalMs, expectNames, ...(servername ? { servername } : {}) };
}
