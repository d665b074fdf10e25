// The domain-wide check for front ends (CLI `probe --mx`, Slack `/starttls mx`).
export { checkDomain, DEFAULT_MAX_HOSTS, type CheckDomainOptions, type DomainHttpOptions } from './check-domain';
export { DnsClient, type DnsClientOptions } from '../net/dns/dns-client';
export { DnsLookupError, type DnsLookupErrorCode } from '../net/dns/dns-lookup-error';
export type { DnsAnswer, DomainResolver, MxHost, TlsaRecord } from '../net/dns/domain-resolver';
export { DomainCheckError, type DomainCheckErrorCode } from './domain-check-error';
export { compareMxHosts } from './consolidation/compare-mx-hosts';
export { matchTlsa } from './dane/tlsa-match';
export * from './types';
