import type { Dispatcher } from 'undici';
import { boundedGet } from '../../net/http/bounded-get';
import { FetchError } from '../../net/http/fetch-error';

/** RFC 8461 section 3.3 suggests 64 KiB as the limit senders apply to policy bodies. */
export const POLICY_MAX_BYTES = 64 * 1024;
/** And a minute as their time limit; a diagnosis should not make anyone wait that long. */
export const POLICY_TIMEOUT_MS = 15_000;

export interface PolicyFetchOptions {
  dispatcher: Dispatcher;
  timeoutMs?: number;
  maxBytes?: number;
  /** Only for tests and proxies: senders always use 443. */
  port?: number;
  signal?: AbortSignal;
}

export function policyUrl(domain: string, port?: number): string {
  return `https://mta-sts.${domain}${port && port !== 443 ? `:${port}` : ''}/.well-known/mta-sts.txt`;
}

/**
 * The policy body as text. Rejects with FetchError when senders would not
 * accept the response: a redirect (RFC 8461 section 3.3: MUST NOT follow),
 * any status but 200, a media type other than text/plain, too large, too slow,
 * or an HTTPS failure (the certificate must be valid for mta-sts.<domain>).
 */
export async function fetchStsPolicy(domain: string, options: PolicyFetchOptions): Promise<string> {
  const url = policyUrl(domain, options.port);
  const response = await boundedGet(url, {
    dispatcher: options.dispatcher,
    maxBytes: options.maxBytes ?? POLICY_MAX_BYTES,
    timeoutMs: options.timeoutMs ?? POLICY_TIMEOUT_MS,
    headers: { accept: 'text/plain' },
    signal: options.signal,
  });
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.location;
    throw new FetchError(
      'FETCH_REDIRECT',
      `${url} answered ${response.status} redirecting to ${location ?? '(no Location)'}; senders do not follow redirects for MTA-STS policies`,
    );
  }
  if (response.status !== 200) throw new FetchError('FETCH_STATUS', `${url} answered HTTP ${response.status}, not 200`);
  const contentType = String(response.headers['content-type'] ?? '');
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  if (mediaType !== 'text/plain') {
    throw new FetchError('FETCH_CONTENT_TYPE', `${url} is served as ${JSON.stringify(contentType || '(no Content-Type)')}, not text/plain`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(response.body);
  } catch {
    throw new FetchError('FETCH_CONTENT_TYPE', `${url} is not UTF-8 text`);
  }
}
