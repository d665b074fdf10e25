import { X509Certificate } from 'node:crypto';
import type { CertificateReport } from '../../certificate/types';
import type { DomainResolver } from '../../net/dns/domain-resolver';
import { DnsLookupError } from '../../net/dns/dns-lookup-error';
import type { DaneHostResult } from '../types';
import { daneAuthenticates, matchTlsa } from './tlsa-match';

export type TlsaLookup = Pick<DaneHostResult, 'host' | 'recordName' | 'records' | 'authenticated' | 'lookupError'>;

/** RFC 7672 section 2.2: TLSA records for an MX host live at _<port>._tcp.<host>. */
export function tlsaName(host: string, port: number): string {
  return `_${port}._tcp.${host}`;
}

export async function lookupTlsa(host: string, port: number, resolver: DomainResolver): Promise<TlsaLookup> {
  const recordName = tlsaName(host, port);
  try {
    const answer = await resolver.tlsa(recordName);
    return { host, recordName, records: answer.records, authenticated: answer.authenticated };
  } catch (err) {
    if (!(err instanceof DnsLookupError)) throw err;
    return { host, recordName, records: [], authenticated: false, lookupError: { code: err.code, message: err.message } };
  }
}

/** The TLSA records matched against the chain the host served on that port. */
export function judgeDane(lookup: TlsaLookup, certificate: CertificateReport | undefined): DaneHostResult {
  const chain = (certificate?.chainPem ?? []).flatMap((pem) => {
    try {
      return [new X509Certificate(pem).raw];
    } catch {
      return [];
    }
  });
  const options = { nameMatch: certificate?.nameMatch ?? false };
  const matches = matchTlsa(lookup.records, chain, options);
  return { ...lookup, matches, authenticatedChain: daneAuthenticates(matches, options) };
}
