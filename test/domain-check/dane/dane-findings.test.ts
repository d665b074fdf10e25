import { createHash, X509Certificate } from 'node:crypto';
import { DNSSEC_CAVEAT, daneFindings } from '../../../src/domain-check/dane/dane-findings';
import { judgeDane, lookupTlsa, tlsaName } from '../../../src/domain-check/dane/lookup-tlsa';
import { DnsClient } from '../../../src/net/dns/dns-client';
import { createTestPki } from '../../helpers/pki';
import { startDnsServer, tlsa, type TestDnsServer } from '../../helpers/dns-server';
import { hostReport } from '../helpers/host-reports';

const pki = createTestPki();
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const spkiHash = (der: Buffer) => sha256(new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' }));
const leafOf = (host: string) => pki.goodLeaf(host);
const certificateOf = (host: string) => hostReport(host).ports[0].certificate!;

describe('DANE lookup, matching and findings', () => {
  let dns: TestDnsServer;
  let resolver: DnsClient;

  beforeAll(async () => {
    dns = await startDnsServer({
      records: [
        tlsa('_25._tcp.good.example.test', 3, 1, 1, spkiHash(leafOf('good.example.test').der)),
        tlsa('_25._tcp.stale.example.test', 3, 0, 1, sha256(pki.selfSignedLeaf('stale.example.test').der)),
        tlsa('_25._tcp.unsigned.example.test', 3, 0, 1, 'ab'.repeat(32)),
      ],
      authenticated: ['_25._tcp.good.example.test', '_25._tcp.stale.example.test'],
      servfail: ['_25._tcp.broken.example.test'],
    });
    resolver = new DnsClient({ servers: [dns.address], timeoutMs: 500, attempts: 1 });
  });
  afterAll(() => dns.close());

  const judged = async (host: string) => judgeDane(await lookupTlsa(host, 25, resolver), certificateOf(host));
  const leafPems = (...hosts: string[]) => new Map(hosts.map((h) => [h, certificateOf(h).chainPem![0]]));

  it('names the record _<port>._tcp.<host>', () => {
    expect(tlsaName('mx1.example.test', 25)).toBe('_25._tcp.mx1.example.test');
  });

  it('a validated matching record: dane-tlsa-present (info) only', async () => {
    const result = await judged('good.example.test');
    expect(result).toMatchObject({ recordName: '_25._tcp.good.example.test', authenticated: true, authenticatedChain: true });
    const findings = daneFindings([result], leafPems('good.example.test'));
    expect(findings.map((f) => [f.id, f.severity, f.hosts])).toEqual([['dane-tlsa-present', 'info', ['good.example.test']]]);
    expect(findings[0].evidence).toEqual([
      '_25._tcp.good.example.test: 1 record, DNSSEC-validated by the resolver (AD bit), matches the served chain',
      DNSSEC_CAVEAT,
    ]);
  });

  it('a validated stale record: dane-tlsa-mismatch is critical and suggests the record to publish', async () => {
    const result = await judged('stale.example.test');
    const findings = daneFindings([result], leafPems('stale.example.test'));
    expect(findings.map((f) => [f.id, f.severity])).toEqual([
      ['dane-tlsa-mismatch', 'critical'],
      ['dane-tlsa-present', 'info'],
    ]);
    expect(findings[0].evidence[1]).toMatch(/^ {2}3 \(DANE-EE\) 0 \(Cert\) 1 \(SHA2-256\) [0-9a-f]{24}…: does not match the served leaf certificate$/);
    expect(findings[0].remediation[0].steps).toContain(`_25._tcp.stale.example.test. IN TLSA 3 1 1 ${spkiHash(leafOf('stale.example.test').der)}`);
  });

  it('an unvalidated mismatch is only a warning', async () => {
    const findings = daneFindings([await judged('unsigned.example.test')], leafPems('unsigned.example.test'));
    expect(findings.map((f) => [f.id, f.severity])).toEqual([
      ['dane-tlsa-mismatch', 'warning'],
      ['dane-tlsa-present', 'info'],
    ]);
    expect(findings[0].title).toBe('TLSA records do not match the served certificate (the resolver did not vouch for them with DNSSEC)');
  });

  it('no TLSA records: no findings; a failed lookup is recorded', async () => {
    const none = await judged('plain.example.test');
    expect(none).toMatchObject({ records: [], matches: [], authenticatedChain: false });
    expect(daneFindings([none], new Map())).toEqual([]);
    const broken = await lookupTlsa('broken.example.test', 25, resolver);
    expect(broken.lookupError).toMatchObject({ code: 'DNS_SERVER_FAILURE' });
  });

  it('a host that served no certificate cannot match its records', async () => {
    const result = judgeDane(await lookupTlsa('good.example.test', 25, resolver), undefined);
    expect(result.authenticatedChain).toBe(false);
    expect(result.matches[0].note).toBe('no certificate was served to match against');
  });
});
