import { isIP } from 'node:net';
import { parseHost, TargetError } from './parse-target';

/**
 * The name given with --servername: a DNS name (sent as SNI, which cannot carry an address, and
 * the name the certificate must cover). Lower case, no trailing dot. Throws TargetError.
 */
export function parseServername(raw: string): string {
  const name = parseHost(raw);
  if (isIP(name)) {
    throw new TargetError('TARGET_BAD_HOST', `--servername takes the host name senders use, not an address: ${name}`);
  }
  return name;
}

/** `--servername NAME`, `--servername=NAME` or `servername NAME`; Slack clients may turn `--` into a dash. */
const FLAG = /^(?:--|[\u2013\u2014]|-)?servername(?:=(.*))?$/i;

/**
 * Takes the servername token out of chat words (`/starttls` and watch commands), returning the
 * parsed name and the other words in order. Throws TargetError for a missing or bad name or a
 * second servername.
 */
export function takeServername(words: string[]): { servername?: string; rest: string[] } {
  const rest: string[] = [];
  let servername: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const m = FLAG.exec(words[i]);
    if (!m) {
      rest.push(words[i]);
      continue;
    }
    const value = m[1] ?? words[++i];
    if (value === undefined || value === '') throw new TargetError('TARGET_EMPTY_HOST', 'servername needs a name: `--servername mail.contoso.com`');
    if (servername !== undefined) throw new TargetError('TARGET_BAD_HOST', 'servername given twice');
    servername = parseServername(value);
  }
  return { ...(servername !== undefined ? { servername } : {}), rest };
}
