import { UserFacingError } from '../starttls-error';

export const DOMAIN_CHECK_ERROR_CODES = ['DOMAIN_NOT_FOUND', 'DOMAIN_NULL_MX', 'DOMAIN_MX_LOOKUP_FAILED'] as const;
export type DomainCheckErrorCode = (typeof DOMAIN_CHECK_ERROR_CODES)[number];

/** The domain cannot be checked at all (no such domain, null MX, MX lookup failed); one line fit to show a user. */
export class DomainCheckError extends UserFacingError<DomainCheckErrorCode> {
  static override readonly codes = DOMAIN_CHECK_ERROR_CODES;
}
