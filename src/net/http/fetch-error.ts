import { UserFacingError } from '../../starttls-error';

export const FETCH_ERROR_CODES = [
  'FETCH_BAD_URL',
  'FETCH_REDIRECT',
  'FETCH_STATUS',
  'FETCH_CONTENT_TYPE',
  'FETCH_TOO_LARGE',
  'FETCH_TIMEOUT',
  'FETCH_FAILED',
] as const;
export type FetchErrorCode = (typeof FETCH_ERROR_CODES)[number];

/** An HTTP(S) fetch that produced no acceptable body; the message is one line fit to show a user. */
export class FetchError extends UserFacingError<FetchErrorCode> {
  static override readonly codes = FETCH_ERROR_CODES;
}
