import { getGlobalDispatcher } from 'undici';
import { boundedGet } from '../net/http/bounded-get';
import { FetchError } from '../net/http/fetch-error';

/** Pasted cmdlet output is kilobytes; anything bigger is not worth reading. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
const TIMEOUT_MS = 15_000;
const SLACK_FILE_ORIGIN = 'https://files.slack.com';

export interface FileDownloadOptions {
  botToken: string;
  /** SLACK_API_URL when set (a proxy, or the tests' stand-in): its origin serves files too. */
  apiUrl?: string;
  maxBytes?: number;
}

/**
 * An uploaded file's bytes (url_private_download, with the bot token; needs files:read).
 * The token goes only to Slack's file host (or the configured API's origin), never to a URL
 * that merely looks like one. Rejects with FetchError.
 */
export async function downloadSlackFile(url: string, options: FileDownloadOptions): Promise<Buffer> {
  const allowed = [SLACK_FILE_ORIGIN, ...(options.apiUrl ? [new URL(options.apiUrl).origin] : [])];
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    throw new FetchError('FETCH_BAD_URL', 'the file has no usable download URL');
  }
  if (!allowed.includes(origin)) throw new FetchError('FETCH_BAD_URL', `the file is not on Slack's file host (${origin})`);
  const response = await boundedGet(url, {
    dispatcher: getGlobalDispatcher(),
    maxBytes: options.maxBytes ?? MAX_FILE_BYTES,
    timeoutMs: TIMEOUT_MS,
    headers: { authorization: `Bearer ${options.botToken}` },
  });
  // A missing files:read scope shows as a redirect to a login page, not as an error status.
  if (response.status !== 200) throw new FetchError('FETCH_STATUS', `Slack answered HTTP ${response.status} for the file`);
  return response.body;
}
