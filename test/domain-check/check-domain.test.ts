import { createHash, X509Certificate } from 'node:crypto';
import type { CheckRequest } from '../../src/check/check-request';
import type { Checker } from '../../src/check/checker';
import { checkDomain, type CheckDomainOptions } from '../../src/domain-check/check-domain';
import { DnsClient } from '../../src/net/dns/dns-client';
import type { DomainPolicies, MxHostOutcome } from '../../src/domain-check/types';
import { createTestPki } from '../helpers/pki';
import { a, mx, startDnsServer, tlsa, txt, type TestDnsServer } from '../helpers/dns-server';
import { hostReport, type HostReportOptions } from './helpers/host-reports';
import { startWebServer, type TestWebServer } from '../helpers/web-server';

const pki = createTestPki();
const spkiSha256 = (der: Buffer) =>
  createHash('sha256').update(new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' })).digest('hex');

describe('checkDomain', () => {
  let dns: TestDnsServer;
  let policyServer: TestWebServer;
  let aiaServer: TestWebServer;
  let resolver: DnsClient;
  let releasePolicy: () => void = () => undefined;
  let policyServed: Promise<void>;
  const policyBody = 'version: STSv1\nmode: enforce\nmx: *.example.test\nmax_age: 86400\n';

  beforeAll(async () => {
    const policyLeaf = pki.goodLeaf('mta-sts.example.test');
    policyServer = await startWebServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(policyBody);
      releasePolicy();
    }, { key: policyLeaf.keyPem, cert: policyLeaf.chainPem });
    aiaServer = await startWebServer((req, res) => {
      res.writeHead(req.url === '/int.der' ? 200 : 404, { 'content-type': 'application/pkix-cert' });
      res.end(req.url === '/int.der' ? pki.intermediate.der : undefined);
    });
    dns = await startDnsServer({
      records: [
        mx('example.test', 20, 'mx2.example.test'),
        mx('example.test', 10, 'mx1.example.test'),
        txt('_mta-sts.example.test', 'v=STSv1; id=20260101'),
        a('mta-sts.example.test'),
        txt('_smtp._tls.example.test', 'v=TLSRPTv1; rua=mailto:tls@example.test'),
        tlsa('_25._tcp.mx1.example.test', 3, 1, 1, spkiSha256(pki.goodLeaf('mx1.example.test').der)),
        a('aia.example.test'),
        a('plain.test'),
        { type: 'MX', name: 'nomail.test', data: { preference: 0, exchange: '.' } },
        mx('many.test', 10, 'a.many.test'),
        mx('many.test', 20, 'b.many.test'),
        mx('many.test', 30, 'c.many.test'),
      ],
    });
    resolver = new DnsClient({ servers: [dns.address], timeoutMs: 1000, attempts: 1 });
  });
  afterAll(async () => {
    await Promise.all([dns.close(), policyServer.close(), aiaServer.close()]);
  });

  /** A checker that answers from canned reports; it records each request. */
  function fakeChecker(perHost: Record<string, HostReportOptions | Error>, gate?: Promise<void>) {
    const requests: CheckRequest[] = [];
    const checker: Checker = async (request) => {
      requests.push(request);
      await gate;
      const options = perHost[request.host] ?? {};
      if (options instanceof Error) throw options;
      return hostReport(request.host, options);
    };
    return { checker, requests };
  }

  const options = (checker: Checker, extra: Partial<CheckDomainOptions> = {}): CheckDomainOptions => ({
    checker,
    resolver,
    request: { caPems: [pki.rootPem], timeoutMs: 5000 },
    http: { policyPort: policyServer.port, policyTimeoutMs: 5000 },
    ...extra,
  });

  it('probes every MX host by preference, then delivers MTA-STS, TLS-RPT, DANE and the missing intermediate', async () => {
    policyServed = new Promise((resolve) => (releasePolicy = resolve));
    const aiaLeaf = pki.issueLeaf({ host: 'mx2.example.test', caIssuersUrls: [`http://aia.example.test:${aiaServer.port}/int.der`] });
    // Host reports are held back until the policy has been served: the policy is ready first, yet must be delivered last.
    const { checker, requests } = fakeChecker({ 'mx2.example.test': { leaf: aiaLeaf, chain: 'leaf-only' } }, policyServed);
    const events: string[] = [];
    const report = await checkDomain(
      'example.test',
      options(checker, {
        onMx: (set) => events.push(`mx ${set.hosts.map((h) => h.exchange).join(',')}`),
        onHostReport: (o: MxHostOutcome) => events.push(`host ${o.host} ${o.report?.verdict}`),
        onPolicies: (p: DomainPolicies) => events.push(`policies ${p.findings.map((f) => f.id).join(',')}`),
      }),
    );

    expect(requests.map((r) => [r.host, r.ports, r.caPems, r.timeoutMs])).toEqual([
      ['mx1.example.test', [25], [pki.rootPem], 5000],
      ['mx2.example.test', [25], [pki.rootPem], 5000],
    ]);
    expect(events).toEqual([
      'mx mx1.example.test,mx2.example.test',
      'host mx1.example.test ok',
      'host mx2.example.test ok',
      'policies mta-sts-cert-mismatch,mx-hosts-differ,chain-incomplete-intermediate,dane-tlsa-present',
    ]);
    expect(report.verdict).toBe('critical');
    expect(report.mx).toEqual({
      source: 'mx',
      hosts: [
        { exchange: 'mx1.example.test', priority: 10 },
        { exchange: 'mx2.example.test', priority: 20 },
      ],
      authenticated: false,
    });
    expect(report.mtaSts.policy).toEqual({ mode: 'enforce', maxAge: 86400, mx: ['*.example.test'], extensions: [] });
    expect(report.mtaSts.coverage).toEqual([
      { host: 'mx1.example.test', pattern: '*.example.test' },
      { host: 'mx2.example.test', pattern: '*.example.test' },
    ]);
    expect(report.tlsRpt.record?.rua).toEqual(['mailto:tls@example.test']);
    expect(report.dane.map((d) => [d.host, d.records.length, d.authenticatedChain])).toEqual([
      ['mx1.example.test', 1, true],
      ['mx2.example.test', 0, false],
    ]);
    expect(report.chainRepairs.map((c) => [c.host, c.intermediates.map((i) => i.subject)])).toEqual([
      ['mx2.example.test', ['CN=Starttls Test Intermediate CA, O=Starttls Test PKI, C=US']],
    ]);
    const certMismatch = report.findings.find((f) => f.id === 'mta-sts-cert-mismatch')!;
    expect(certMismatch.evidence[0]).toBe('mx2.example.test: certificate not trusted: unable to verify the first certificate (openssl verify error 21)');
    expect(report.comparison.aspects.find((x) => x.aspect === 'certificate')?.agree).toBe(false);
    expect(report.notes).toEqual([
      `DNS answers from ${dns.address}.`,
      expect.stringContaining('DNSSEC validation is done by the configured resolver'),
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('a domain without MX records is its own mail host, and missing policies are info findings', async () => {
    const { checker, requests } = fakeChecker({});
    const report = await checkDomain('plain.test', options(checker));
    expect(requests.map((r) => r.host)).toEqual(['plain.test']);
    expect(report.mx.source).toBe('implicit');
    expect(report.findings.map((f) => [f.id, f.severity])).toEqual([
      ['mta-sts-missing', 'info'],
      ['tls-rpt-missing', 'info'],
    ]);
    expect(report.verdict).toBe('ok');
    expect(report.notes).toContain('No MX records: senders deliver to the domain itself (RFC 5321 section 5.1).');
  });

  it('refuses a domain that does not exist and one with a null MX', async () => {
    const { checker, requests } = fakeChecker({});
    await expect(checkDomain('nothing.test', options(checker))).rejects.toMatchObject({ name: 'DomainCheckError', code: 'DOMAIN_NOT_FOUND' });
    await expect(checkDomain('nomail.test', options(checker))).rejects.toMatchObject({ code: 'DOMAIN_NULL_MX', message: 'nomail.test publishes a null MX: it accepts no mail' });
    expect(requests).toEqual([]);
  });

  it('records a host the executor refused and probes only the most preferred hosts', async () => {
    const refused = Object.assign(new Error('queue full'), { code: 'EXEC_QUEUE_FULL' });
    const { checker, requests } = fakeChecker({ 'b.many.test': refused });
    const report = await checkDomain('many.test', options(checker, { maxHosts: 2 }));
    expect(requests.map((r) => r.host)).toEqual(['a.many.test', 'b.many.test']);
    expect(report.hosts[1]).toEqual({ host: 'b.many.test', priority: 20, error: { code: 'EXEC_QUEUE_FULL', message: 'queue full' } });
    expect(report.verdict).toBe('unknown');
    expect(report.notes).toContain('Only the 2 most preferred of 3 MX hosts were probed.');
  });

  it('passes cancellation through', async () => {
    const controller = new AbortController();
    const checker: Checker = async () => {
      controller.abort();
      throw Object.assign(new Error('cancelled'), { code: 'EXEC_CANCELLED' });
    };
    await expect(checkDomain('plain.test', options(checker, { signal: controller.signal }))).rejects.toThrow('cancelled');
  });
});
