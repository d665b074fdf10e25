import type { LookupAddress } from 'node:dns';
import type { DomainResolver } from '../../../src/net/dns/domain-resolver';
import { DnsLookupError } from '../../../src/net/dns/dns-lookup-error';
import { resolverLookup } from '../../../src/net/http/resolving-agent';

const resolver = (addresses: Record<string, string[]>): DomainResolver => ({
  mx: jest.fn(),
  txt: jest.fn(),
  tlsa: jest.fn(),
  describe: () => 'fake',
  addresses: async (name) => {
    if (name === 'broken.test') throw new DnsLookupError('DNS_SERVER_FAILURE', 'SERVFAIL');
    return addresses[name] ?? [];
  },
});

function lookup(name: string, options: { all?: boolean; family?: number }, addresses: Record<string, string[]>) {
  return new Promise<{ err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((resolve) =>
    resolverLookup(resolver(addresses))(name, options, (err, address, family) => resolve({ err, address, family })),
  );
}

describe('resolverLookup', () => {
  const zone = { 'mta-sts.example.test': ['127.0.0.1', '::1'] };

  it('answers the single-address form with the first address and its family', async () => {
    expect(await lookup('mta-sts.example.test', {}, zone)).toEqual({ err: null, address: '127.0.0.1', family: 4 });
    expect(await lookup('mta-sts.example.test', { family: 6 }, zone)).toEqual({ err: null, address: '::1', family: 6 });
  });

  it('answers the all form with every address', async () => {
    expect((await lookup('mta-sts.example.test', { all: true }, zone)).address).toEqual([
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 },
    ]);
  });

  it('fails with ENOTFOUND for a name without addresses, and keeps the DNS error code otherwise', async () => {
    const none = await lookup('none.example.test', {}, zone);
    expect(none.err).toMatchObject({ code: 'ENOTFOUND', message: 'none.example.test has no address' });
    const broken = await lookup('broken.test', {}, zone);
    expect(broken.err).toMatchObject({ code: 'DNS_SERVER_FAILURE', message: 'broken.test: SERVFAIL' });
  });
});
