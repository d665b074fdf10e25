import { UserFacingError } from '../../starttls-error';

export const DNS_LOOKUP_ERROR_CODES = [
  'DNS_BAD_SERVER',
  'DNS_TIMEOUT',
  'DNS_SERVER_FAILURE',
  'DNS_REFUSED',
  'DNS_BAD_RESPONSE',
  'DNS_NETWORK',
] as const;
export type DnsLookupErrorCode = (typeof DNS_LOOKUP_ERROR_CODES)[number];

/** A lookup that got no usable answer from any configured name server (NXDOMAIN and NODATA are answers, not errors). */
export class DnsLookupError extends UserFacingError<DnsLookupErrorCode> {
  static override readonly codes = DNS_LOOKUP_ERROR_CODES;
}
