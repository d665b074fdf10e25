/** Why a request to Slack failed, in words an operator can act on, and a bounded label for metrics. */
export interface RequestFailure {
  /** e.g. "connection refused (ECONNREFUSED 127.0.0.1:3000)", "HTTP 503 Service Unavailable". */
  cause: string;
  outcome: FailureOutcome;
}

export type FailureOutcome = 'connection_refused' | 'connection_reset' | 'timeout' | 'dns_failure' | 'unreachable' | 'tls_failure' | 'network_error';

const BY_CODE: Record<string, [FailureOutcome, string]> = {
  ECONNREFUSED: ['connection_refused', 'connection refused'],
  ECONNRESET: ['connection_reset', 'connection reset'],
  EPIPE: ['connection_reset', 'connection reset'],
  UND_ERR_SOCKET: ['connection_reset', 'connection closed by the other side'],
  ETIMEDOUT: ['timeout', 'timed out'],
  UND_ERR_CONNECT_TIMEOUT: ['timeout', 'timed out connecting'],
  UND_ERR_HEADERS_TIMEOUT: ['timeout', 'timed out waiting for the answer'],
  UND_ERR_BODY_TIMEOUT: ['timeout', 'timed out reading the answer'],
  ENOTFOUND: ['dns_failure', 'DNS lookup failed'],
  EAI_AGAIN: ['dns_failure', 'DNS lookup failed (temporary)'],
  EHOSTUNREACH: ['unreachable', 'no route to host'],
  ENETUNREACH: ['unreachable', 'network unreachable'],
  EADDRNOTAVAIL: ['unreachable', 'no usable local address'],
};

/** Walks an error's cause chain (fetch wraps the socket error in TypeError "fetch failed"). */
export function describeRequestFailure(err: unknown): RequestFailure {
  for (const e of causeChain(err)) {
    if (e.name === 'TimeoutError') return { outcome: 'timeout', cause: 'timed out' };
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code === undefined) continue;
    const known = BY_CODE[code];
    const where = typeof e.address === 'string' ? ` ${e.address}${typeof e.port === 'number' ? `:${e.port}` : ''}` : typeof e.hostname === 'string' ? ` ${e.hostname}` : '';
    if (known) return { outcome: known[0], cause: `${known[1]} (${code}${where})` };
    if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) return { outcome: 'tls_failure', cause: `TLS failed: ${oneLine(e.message ?? code)} (${code})` };
  }
  const last = causeChain(err).pop();
  return { outcome: 'network_error', cause: oneLine(last?.message ?? String(err)) || 'network error' };
}

interface ErrorLike {
  name?: string;
  code?: unknown;
  message?: string;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  cause?: unknown;
  errors?: unknown[];
}

function causeChain(err: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = err;
  while (current !== null && typeof current === 'object' && chain.length < 8) {
    const e = current as ErrorLike;
    chain.push(e);
    // Happy Eyeballs: every address failed; the first says why.
    current = e.cause ?? (Array.isArray(e.errors) ? e.errors[0] : undefined);
  }
  return chain;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}
