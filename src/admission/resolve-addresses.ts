import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { PolicyError } from './policy-error';

export type ResolveAddresses = (host: string) => Promise<string[]>;

/**
 * Every address the host resolves to (the system resolver). The probe then connects to
 * the first of these approved addresses rather than resolving the name again, so a DNS
 * answer that changes between check and connect cannot send it elsewhere.
 */
export function systemResolver(timeoutMs = 5000): ResolveAddresses {
  return async (host) => {
    if (isIP(host)) return [host];
    try {
      const answers = await withTimeout(lookup(host, { all: true, verbatim: true }), timeoutMs);
      return answers.map((a) => a.address);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'lookup failed';
      throw new PolicyError('POLICY_UNRESOLVABLE', `cannot resolve ${host} (${code})`);
    }
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
