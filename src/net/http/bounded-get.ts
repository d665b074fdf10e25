import type { IncomingHttpHeaders } from 'node:http';
import { request, type Dispatcher } from 'undici';
import { FetchError } from './fetch-error';

export interface BoundedGetOptions {
  dispatcher: Dispatcher;
  maxBytes: number;
  /** For the whole exchange, body included (undici's own timeouts restart with each chunk). */
  timeoutMs: number;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface BoundedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const UNDICI_TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * GET without following redirects, reading at most `maxBytes` of body and
 * giving up after `timeoutMs`. Any status is returned: the caller judges it.
 */
export async function boundedGet(url: string, options: BoundedGetOptions): Promise<BoundedResponse> {
  const parsed = parseUrl(url);
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  let response: Dispatcher.ResponseData;
  try {
    response = await request(parsed, { method: 'GET', dispatcher: options.dispatcher, signal, headers: options.headers });
  } catch (err) {
    throw classify(err, url, deadline, options.timeoutMs);
  }
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    response.body.destroy();
    throw tooLarge(url, options.maxBytes, `declares ${declared} bytes`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body) {
      total += (chunk as Buffer).length;
      if (total > options.maxBytes) {
        response.body.destroy();
        throw tooLarge(url, options.maxBytes, 'sent more');
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    throw classify(err, url, deadline, options.timeoutMs);
  }
  return { status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) };
}

function parseUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError('FETCH_BAD_URL', `not a URL: ${JSON.stringify(url.slice(0, 200))}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new FetchError('FETCH_BAD_URL', `only http and https URLs are fetched, not ${parsed.protocol}`);
  }
  return parsed;
}

function tooLarge(url: string, maxBytes: number, what: string): FetchError {
  return new FetchError('FETCH_TOO_LARGE', `${url} ${what} than the ${maxBytes}-byte limit`);
}

function classify(err: unknown, url: string, deadline: AbortSignal, timeoutMs: number): FetchError {
  const code = (err as { code?: string }).code;
  if (deadline.aborted || (code && UNDICI_TIMEOUTS.has(code))) {
    return new FetchError('FETCH_TIMEOUT', `${url} did not answer within ${timeoutMs} ms`, { cause: err });
  }
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const detail = [code, (err as Error).message, cause?.code].filter(Boolean).join(': ');
  return new FetchError('FETCH_FAILED', `cannot fetch ${url}: ${detail || 'unknown error'}`, { cause: err });
}
