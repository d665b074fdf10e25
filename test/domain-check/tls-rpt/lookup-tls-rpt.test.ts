import { DnsClient } from '../../../src/net/dns/dns-client';
import { lookupTlsRpt, tlsRptFindings } from '../../../src/domain-check/tls-rpt/lookup-tls-rpt';
import { startDnsServer, txt, type TestDnsServer } from '../../helpers/dns-server';

describe('lookupTlsRpt and tlsRptFindings', () => {
  let dns: TestDnsServer;
  let resolver: DnsClient;

  beforeAll(async () => {
    dns = await startDnsServer({
      records: [
        txt('_smtp._tls.good.test', 'v=TLSRPTv1; rua=mailto:tls@good.test'),
        txt('_smtp._tls.bad.test', 'v=TLSRPTv1; rua=tls@bad.test'),
        txt('_smtp._tls.two.test', 'v=TLSRPTv1; rua=mailto:a@two.test'),
        txt('_smtp._tls.two.test', 'v=TLSRPTv1; rua=mailto:b@two.test'),
      ],
      servfail: ['_smtp._tls.broken.test'],
    });
    resolver = new DnsClient({ servers: [dns.address], timeoutMs: 500, attempts: 1 });
  });
  afterAll(() => dns.close());

  it('a well-formed record: no finding', async () => {
    const result = await lookupTlsRpt('good.test', resolver);
    expect(result.record).toEqual({ rua: ['mailto:tls@good.test'], extensions: [] });
    expect(tlsRptFindings('good.test', result)).toEqual([]);
  });

  it('tls-rpt-missing (info) with the record to publish', async () => {
    const result = await lookupTlsRpt('none.test', resolver);
    const [f] = tlsRptFindings('none.test', result);
    expect(f).toMatchObject({ id: 'tls-rpt-missing', severity: 'info', evidence: ['no TXT record starting v=TLSRPTv1 at _smtp._tls.none.test'] });
    expect(f.remediation[0].steps[0]).toBe('Publish a TXT record at _smtp._tls.none.test: "v=TLSRPTv1; rua=mailto:tls-reports@none.test" (a mailbox or an https endpoint that accepts reports).');
  });

  it.each([
    ['bad.test', 'TLSRPT_SYNTAX', '_smtp._tls.bad.test: rua "tls@bad.test" is not a mailto: address or an https: URL'],
    ['two.test', 'TLSRPT_MULTIPLE', '_smtp._tls.two.test has 2 v=TLSRPTv1 records; senders need exactly one'],
  ])('tls-rpt-invalid for %s (%s)', async (domain, code, message) => {
    const result = await lookupTlsRpt(domain, resolver);
    expect(result.problem).toEqual({ code, message });
    const [f] = tlsRptFindings(domain, result);
    expect(f).toMatchObject({ id: 'tls-rpt-invalid', severity: 'warning' });
    expect(f.evidence[0]).toBe(`${code}: ${message}`);
  });

  it('tls-rpt-invalid when the lookup fails', async () => {
    const result = await lookupTlsRpt('broken.test', resolver);
    expect(result.problem?.code).toBe('TLSRPT_LOOKUP_FAILED');
    expect(tlsRptFindings('broken.test', result).map((f) => f.id)).toEqual(['tls-rpt-invalid']);
  });
});
