import { DomainCheckError } from './domain-check-error';
import type { DomainResolver, MxHost } from '../net/dns/domain-resolver';
import { DnsLookupError } from '../net/dns/dns-lookup-error';
import type { MxSet } from './types';

/**
 * The hosts a sender would deliver to, most preferred first (ties keep the
 * answer's order). No MX records means the domain itself (RFC 5321 section
 * 5.1); a lone null MX (RFC 7505) means it takes no mail at all.
 */
export async function resolveMxSet(domain: string, resolver: DomainResolver): Promise<MxSet> {
  let answer;
  try {
    answer = await resolver.mx(domain);
  } catch (err) {
    if (err instanceof DnsLookupError) throw new DomainCheckError('DOMAIN_MX_LOOKUP_FAILED', `cannot look up MX of ${domain}: ${err.message}`);
    throw err;
  }
  if (answer.rcode === 'NXDOMAIN') throw new DomainCheckError('DOMAIN_NOT_FOUND', `${domain} does not exist (NXDOMAIN)`);
  const real = answer.records.filter((r) => r.exchange !== '');
  if (answer.records.length > 0 && real.length === 0) {
    throw new DomainCheckError('DOMAIN_NULL_MX', `${domain} publishes a null MX: it accepts no mail`);
  }
  if (real.length === 0) return { source: 'implicit', hosts: [{ exchange: domain, priority: 0 }], authenticated: answer.authenticated };
  const hosts: MxHost[] = [];
  for (const r of [...real].sort((a, b) => a.priority - b.priority)) {
    if (!hosts.some((h) => h.exchange === r.exchange)) hosts.push(r);
  }
  return { source: 'mx', hosts, authenticated: answer.authenticated };
}
