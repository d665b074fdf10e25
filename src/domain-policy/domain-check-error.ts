export type DomainCheckErrorCode = 'DOMAIN_NOT_FOUND' | 'DOMAIN_NULL_MX' | 'DOMAIN_MX_LOOKUP_FAILED';

/** The domain cannot be checked at all (no such domain, null MX, MX lookup failed); one line fit to show a user. */
export class DomainCheckError extends Error {
  constructor(
    readonly code: DomainCheckErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainCheckError';
  }
}
