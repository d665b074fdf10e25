export type FetchErrorCode =
  | 'FETCH_BAD_URL'
  | 'FETCH_REDIRECT'
  | 'FETCH_STATUS'
  | 'FETCH_CONTENT_TYPE'
  | 'FETCH_TOO_LARGE'
  | 'FETCH_TIMEOUT'
  | 'FETCH_FAILED';

/** An HTTP(S) fetch that produced no acceptable body; the message is one line fit to show a user. */
export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FetchError';
  }
}
