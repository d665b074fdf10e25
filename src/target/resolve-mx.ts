import { Resolver } from 'node:dns/promises';

export interface MxHost {
  exchange: string;
  priority: number;
}

/** MX hosts of a domain, most preferred first; ties keep the resolver's order. */
export async function resolveMx(domain: string, resolver: Pick<Resolver, 'resolveMx'> = new Resolver()): Promise<MxHost[]> {
  const records = await resolver.resolveMx(domain);
  return records
    .map((r) => ({ exchange: r.exchange.toLowerCase().replace(/\.$/, ''), priority: r.priority }))
    .filter((r) => r.exchange !== '') // RFC 7505 null MX: the domain accepts no mail
    .sort((a, b) => a.priority - b.priority);
}
