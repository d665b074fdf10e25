import { createHash, X509Certificate } from 'node:crypto';
import { checkRequest } from '../../src/check/check-request';
import { checkTarget } from '../../src/check/check-target';
import { mxCommand } from '../../src/cli/mx-command';
import { parseProbeArgs } from '../../src/cli/probe-args';
import { UsageError } from '../../src/cli/usage-error';
import * as connect from '../../src/probe/connect';
import { a, mx, startDnsServer, tlsa, txt, type TestDnsServer } from '../helpers/dns-server';
import { startWebServer, type TestWebServer } from '../helpers/web-server';
import { createTestPki } from '../helpers/pki';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

const pki = createTestPki();
const mx1 = pki.goodLeaf('mx1.example.test');
let dns: TestDnsServer;
let aia: TestWebServer;
let smtp: RunningServer;

beforeAll(async () => {
  aia = await startWebServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/pkix-cert' });
    res.end(pki.intermediate.der);
  });
  const mx2 = pki.issueLeaf({ host: 'mx2.example.test', caIssuersUrls: [`http://aia.example.test:${aia.port}/int.der`] });
  // One loopback SMTP server answers for both MX names; SNI picks the certificate.
  smtp = await startSmtpServer({
    name: 'mx.example.test',
    // The default context holds no intermediate: with one there, the mx2 handshake still carried it after the SNI switch.
    key: mx2.keyPem,
    cert: mx2.leafOnlyPem,
    sniOptions: {
      'mx1.example.test': { key: mx1.keyPem, cert: mx1.chainPem },
      'mx2.example.test': { key: mx2.keyPem, cert: mx2.leafOnlyPem },
    },
    disabledCommands: ['AUTH'],
  });
  const spki = new X509Certificate(mx1.der).publicKey.export({ type: 'spki', format: 'der' });
  dns = await startDnsServer({
    records: [
      mx('example.test', 10, 'mx1.example.test'),
      mx('example.test', 20, 'mx2.example.test'),
      a('mx1.example.test'),
      a('mx2.example.test'),
      a('aia.example.test'),
      txt('_smtp._tls.example.test', 'v=TLSRPTv1; rua=mailto:tls@example.test'),
      tlsa(`_${smtp.port}._tcp.mx1.example.test`, 3, 1, 1, createHash('sha256').update(spki).digest('hex')),
    ],
  });
  // The probes must resolve MX host names through the test name server, never the system's.
  jest.spyOn(connect, 'resolveHost').mockImplementation((host) => Promise.reject(new Error(`system resolver asked for ${host}`)));
});
afterAll(async () => {
  jest.restoreAllMocks();
  await Promise.all([dns.close(), aia.close(), smtp.close()]);
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

const argv = (...extra: string[]) => ['example.test', String(smtp.port), '--mx', '--dns-server', dns.address, ...extra];
const request = () => checkRequest('example.test', [smtp.port], { caPems: [pki.rootPem], timeoutMs: 10_000 });

describe('starttls probe <domain> --mx', () => {
  it('prints each MX host report, then the comparison and the domain findings', async () => {
    const c = capture();
    const code = await mxCommand(parseProbeArgs(argv()), request(), c.io, checkTarget);
    const text = c.out.join('');
    // mx2's chain lacks its intermediate, and no MTA-STS enforce or DANE-TA record says senders validate: a warning.
    expect(code).toBe(1);
    expect(c.err.join('')).toContain(`MX for example.test: 10 mx1.example.test, 20 mx2.example.test; probing port ${smtp.port}…`);
    const mx1Report = text.indexOf('mx1.example.test  OK');
    const mx2Report = text.indexOf('mx2.example.test  WARNING');
    const domain = text.indexOf('example.test  WARNING  (MX: 10 mx1.example.test, 20 mx2.example.test;');
    // Host reports come as each finishes (either order), the domain's after both.
    expect(mx1Report).toBeGreaterThanOrEqual(0);
    expect(mx2Report).toBeGreaterThanOrEqual(0);
    expect(domain).toBeGreaterThan(Math.max(mx1Report, mx2Report));
    const domainText = text.slice(domain);
    expect(domainText).toMatch(/10 {4}mx1\.example\.test {2}ok TLSv1\.3/);
    expect(domainText).toContain('hosts agree: starttls yes, capabilities yes, certificate NO');
    expect(domainText).toContain('MTA-STS: none (no v=STSv1 record at _mta-sts.example.test)');
    expect(domainText).toContain('TLS-RPT: reports to mailto:tls@example.test');
    expect(domainText).toContain(`DANE _${smtp.port}._tcp.mx1.example.test: not validated, matches the served chain`);
    expect(domainText).toContain(
      'WARNING  chain-incomplete-intermediate  [mx2.example.test]  mx2.example.test does not send the intermediate certificate CN=Starttls Test Intermediate CA, O=Starttls Test PKI, C=US',
    );
    expect(domainText).toContain(`published at http://aia.example.test:${aia.port}/int.der`);
    expect(domainText).toContain('INFO  mta-sts-missing');
    expect(domainText).toContain('INFO  dane-tlsa-present  [mx1.example.test]');
    expect(domainText).toContain(`note: DNS answers from ${dns.address}.`);
  });

  it('with -v, each MX host report follows its SMTP conversation', async () => {
    const c = capture();
    await mxCommand(parseProbeArgs(argv('-v')), request(), c.io, checkTarget);
    const text = c.out.join('');
    const conversation = text.indexOf(`SMTP conversation on port ${smtp.port}`);
    expect(conversation).toBeGreaterThanOrEqual(0);
    expect(text.slice(conversation)).toMatch(/C: STARTTLS\n.*S: 220 /);
    expect(conversation).toBeLessThan(text.indexOf('mx1.example.test  OK'));
  });

  it('prints one DomainReport object with --json', async () => {
    const c = capture();
    const code = await mxCommand(parseProbeArgs(argv('--json')), request(), c.io, checkTarget);
    expect(code).toBe(1);
    expect(c.out).toHaveLength(1);
    const report = JSON.parse(c.out[0]);
    expect(report).toMatchObject({ schemaVersion: 2, domain: 'example.test', verdict: 'warning', mx: { source: 'mx' } });
    expect(report.hosts.map((h: { host: string; report: { host: string } }) => [h.host, h.report.host])).toEqual([
      ['mx1.example.test', 'mx1.example.test'],
      ['mx2.example.test', 'mx2.example.test'],
    ]);
    expect(report.hosts[1].report.ports[0].certificate).toMatchObject({ chainComplete: false, caIssuersUrls: [`http://aia.example.test:${aia.port}/int.der`] });
    expect(report.findings.map((f: { id: string }) => f.id)).toEqual(['mx-hosts-differ', 'chain-incomplete-intermediate', 'mta-sts-missing', 'dane-tlsa-present']);
    expect(report.chainRepairs[0].intermediates[0].pem).toBe(pki.intermediate.certPem.replace(/\r\n/g, '\n'));
  });

  it('reports a domain that does not exist as CRITICAL in one line (text and JSON), never as a usage error', async () => {
    const c = capture();
    expect(await mxCommand(parseProbeArgs(['nothing.test', '--mx', '--dns-server', dns.address]), request(), c.io, checkTarget)).toBe(2);
    expect(c.out.join('')).toBe('nothing.test  CRITICAL  (nothing.test does not exist (NXDOMAIN): no mail can be delivered to it)\n');
    const j = capture();
    expect(await mxCommand(parseProbeArgs(['nothing.test', '--mx', '--json', '--dns-server', dns.address]), request(), j.io, checkTarget)).toBe(2);
    expect(JSON.parse(j.out.join(''))).toMatchObject({ domain: 'nothing.test', verdict: 'critical', error: { code: 'DOMAIN_NOT_FOUND' } });
  });

  it('turns bad options into usage errors', async () => {
    const c = capture();
    await expect(mxCommand(parseProbeArgs(['example.test', '25', '587', '--mx']), request(), c.io, checkTarget)).rejects.toThrow(
      '--mx checks one port on every MX host (25 unless given)',
    );
    expect(() => parseProbeArgs(['example.test', '--mx', '--dns-server', 'ns.example.test'])).toThrow(UsageError);
    expect(parseProbeArgs(['example.test', '--mx', '--dns-server', '127.0.0.1:5353', '--dns-server', '[::1]']).dnsServers).toEqual(['127.0.0.1:5353', '[::1]']);
    expect(parseProbeArgs(['example.test']).dnsServers).toEqual([]);
  });
});
