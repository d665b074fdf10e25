import { parseTargetWords, TargetError, type Target } from '../check/parse-target';
import { UsageError } from './usage-error';

/**
 * A bulk targets file: one target per line, written as on the command line (`host [port ...]`,
 * `host:port`, `[ipv6]:port`, `smtp://…`, `smtps://…`; ports by spaces and/or commas),
 * `#` starts a comment, blank lines are skipped. Lines without ports take `defaultPorts`.
 */
export function parseTargetsFile(text: string, fileName: string, defaultPorts: number[]): Target[] {
  const targets: Target[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const words = raw.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return;
    try {
      targets.push(parseTargetWords(words, defaultPorts));
    } catch (err) {
      if (err instanceof TargetError) throw new UsageError(`${fileName} line ${index + 1}: ${err.message}`);
      throw err;
    }
  });
  if (targets.length === 0) throw new UsageError(`${fileName} names no targets`);
  return targets;
}
