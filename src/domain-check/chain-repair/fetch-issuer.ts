import { X509Certificate } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { boundedGet } from '../../net/http/bounded-get';
import { FetchError } from '../../net/http/fetch-error';
import { ChainRepairError } from './chain-repair-error';

/** An intermediate is 1-2 KB; a generous cap still stops a hostile or broken server. */
export const AIA_MAX_BYTES = 64 * 1024;
export const AIA_TIMEOUT_MS = 10_000;
/** CAs sometimes move their caIssuers files behind a redirect to a CDN. */
const MAX_REDIRECTS = 3;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/;

export interface IssuerFetchOptions {
  dispatcher: Dispatcher;
  timeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface FetchedCertificate {
  /** The URL that finally answered (after redirects). */
  url: string;
  format: 'der' | 'pem';
  certificate: X509Certificate;
}

/**
 * Download a caIssuers URL (http or https, as CAs publish them) and read one
 * certificate, DER or PEM. Rejects with FetchError for the transfer and
 * ChainRepairError (AIA_NOT_A_CERTIFICATE) for the content; PKCS#7 bundles
 * (.p7c) are not read.
 */
export async function fetchIssuerCertificate(url: string, options: IssuerFetchOptions): Promise<FetchedCertificate> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const response = await boundedGet(current, {
      dispatcher: options.dispatcher,
      maxBytes: options.maxBytes ?? AIA_MAX_BYTES,
      timeoutMs: options.timeoutMs ?? AIA_TIMEOUT_MS,
      signal: options.signal,
    });
    const location = response.headers.location;
    if (response.status >= 300 && response.status < 400 && typeof location === 'string') {
      if (hop >= MAX_REDIRECTS) throw new FetchError('FETCH_REDIRECT', `${url}: more than ${MAX_REDIRECTS} redirects`);
      current = new URL(location, current).toString();
      continue;
    }
    if (response.status !== 200) throw new FetchError('FETCH_STATUS', `${current} answered HTTP ${response.status}, not 200`);
    return { url: current, ...readCertificate(response.body, current) };
  }
}

function readCertificate(body: Buffer, url: string): { format: 'der' | 'pem'; certificate: X509Certificate } {
  const pem = PEM_BLOCK.exec(body.toString('latin1'));
  try {
    if (pem) return { format: 'pem', certificate: new X509Certificate(Buffer.from(pem[1].replace(/\s+/g, ''), 'base64')) };
    return { format: 'der', certificate: new X509Certificate(body) };
  } catch {
    throw new ChainRepairError('AIA_NOT_A_CERTIFICATE', `${url} did not return a DER or PEM certificate (${body.length} bytes)`);
  }
}
