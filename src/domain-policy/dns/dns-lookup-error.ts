export type DnsLookupErrorCode =
  | 'DNS_BAD_SERVER'
  | 'DNS_TIMEOUT'
  | 'DNS_SERVER_FAILURE'
  | 'DNS_REFUSED'
  | 'DNS_BAD_RESPONSE'
  | 'DNS_NETWORK';

/** A lookup that got no usable answer from any configured name server (NXDOMAIN and NODATA are answers, not errors). */
export class DnsLookupError extends Error {
  constructor(
    readonly code: DnsLookupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DnsLookupError';
  }
}
