import { compareMxHosts } from '../../../src/domain-check/consolidation/compare-mx-hosts';
import { startTlsOutcome } from '../../../src/domain-check/consolidation/host-summary';
import { mxHostsDifferFinding } from '../../../src/domain-check/consolidation/mx-hosts-differ';
import { createTestPki } from '../../helpers/pki';
import { finding, hostReport, outcome } from '../helpers/host-reports';

const pki = createTestPki();

describe('compareMxHosts', () => {
  it('hosts that answer alike agree on every aspect; no mx-hosts-differ', () => {
    const leaf = pki.issueLeaf({ host: 'mx1.example.test', dnsNames: ['mx1.example.test', 'mx2.example.test'] });
    const comparison = compareMxHosts([outcome('mx1.example.test', 10, { leaf }), outcome('mx2.example.test', 10, { leaf })]);
    expect(comparison.aspects.map((a) => [a.aspect, a.agree])).toEqual([
      ['starttls', true],
      ['capabilities', true],
      ['certificate', true],
    ]);
    expect(comparison.aspects[0].groups).toEqual([{ value: 'ok', hosts: ['mx1.example.test', 'mx2.example.test'] }]);
    expect(mxHostsDifferFinding(comparison)).toBeUndefined();
  });

  it('summarizes each host: STARTTLS, capabilities, certificate and worst finding', () => {
    const comparison = compareMxHosts([
      outcome('mx1.example.test', 10, { findings: [finding('cert-expiring-soon', 'warning'), finding('cert-name-mismatch', 'critical', 'name wrong')] }),
    ]);
    const [host] = comparison.hosts;
    const leaf = pki.goodLeaf('mx1.example.test');
    expect(host).toEqual({
      host: 'mx1.example.test',
      priority: 10,
      verdict: 'critical',
      platform: 'postfix',
      port: 25,
      starttls: 'ok',
      protocol: 'TLSv1.3',
      capabilities: ['PIPELINING', 'SIZE 10240000', 'STARTTLS'],
      certificate: {
        subject: 'CN=mx1.example.test, O=Example Test Org, L=Springfield, S=Example State, C=US',
        issuer: 'CN=Starttls Test Intermediate CA, O=Starttls Test PKI, C=US',
        names: ['mx1.example.test'],
        sha256Fingerprint: hostReport('mx1.example.test', { leaf }).ports[0].certificate!.sha256Fingerprint,
        sha1Thumbprint: hostReport('mx1.example.test', { leaf }).ports[0].certificate!.sha1Thumbprint,
        nameMatch: true,
        trusted: true,
        daysLeft: 90,
      },
      worstFinding: { id: 'cert-name-mismatch', severity: 'critical', title: 'name wrong' },
    });
  });

  it('groups differing hosts per aspect, largest group first, and flags mx-hosts-differ as a warning when STARTTLS differs', () => {
    const comparison = compareMxHosts([
      outcome('mx1.example.test', 10),
      outcome('mx2.example.test', 20),
      outcome('mx3.example.test', 30, { starttls: 'not-advertised' }),
      outcome('mx4.example.test', 40, { starttls: 'unreachable' }),
    ]);
    const starttls = comparison.aspects.find((a) => a.aspect === 'starttls')!;
    expect(starttls).toEqual({
      aspect: 'starttls',
      agree: false,
      groups: [
        { value: 'ok', hosts: ['mx1.example.test', 'mx2.example.test'] },
        { value: 'not-advertised', hosts: ['mx3.example.test'] },
        { value: 'unreachable', hosts: ['mx4.example.test'] },
      ],
    });
    expect(comparison.capabilityHosts).toEqual(['mx1.example.test', 'mx2.example.test', 'mx3.example.test']);
    expect(comparison.capabilityRows.find((r) => r.keyword === 'STARTTLS')).toEqual({ keyword: 'STARTTLS', values: ['', '', null], differs: true });
    const f = mxHostsDifferFinding(comparison)!;
    expect([f.id, f.severity]).toEqual(['mx-hosts-differ', 'warning']);
    expect(f.hosts).toEqual(['mx3.example.test', 'mx4.example.test', 'mx2.example.test']);
    expect(f.evidence).toContain('starttls: mx3.example.test: not-advertised');
    expect(f.title).toBe('The MX hosts differ in starttls, capabilities, certificate: what a sender sees depends on which host it reaches');
  });

  it('different but valid certificates and different SIZE values are only info', () => {
    const comparison = compareMxHosts([
      outcome('mx1.example.test', 10),
      outcome('mx2.example.test', 20, { capabilities: ['PIPELINING', 'SIZE 52428800', 'STARTTLS'] }),
    ]);
    expect(comparison.aspects.map((a) => [a.aspect, a.agree])).toEqual([
      ['starttls', true],
      ['capabilities', false],
      ['certificate', false],
    ]);
    expect(comparison.capabilityRows.find((r) => r.keyword === 'SIZE')).toEqual({ keyword: 'SIZE', values: ['10240000', '52428800'], differs: true });
    expect(mxHostsDifferFinding(comparison)?.severity).toBe('info');
  });

  it('a certificate that validates on one host but not another is a warning', () => {
    const comparison = compareMxHosts([outcome('mx1.example.test', 10), outcome('mx2.example.test', 20, { chain: 'leaf-only' })]);
    expect(mxHostsDifferFinding(comparison)?.severity).toBe('warning');
  });

  it('a host the executor could not check is not-checked with verdict unknown', () => {
    const comparison = compareMxHosts([{ host: 'mx1.example.test', priority: 10, error: { code: 'EXEC_QUEUE_FULL', message: 'busy' } }]);
    expect(comparison.hosts[0]).toEqual({ host: 'mx1.example.test', priority: 10, verdict: 'unknown', platform: 'unknown', starttls: 'not-checked', capabilities: [] });
  });

  it('classifies STARTTLS outcomes', () => {
    expect(startTlsOutcome(undefined)).toBe('not-checked');
    const failed = hostReport('mx1.example.test').ports[0];
    expect(startTlsOutcome({ ...failed, starttls: { advertised: true, attempted: true, succeeded: false, replyCode: 454 } })).toBe('failed');
  });
});
