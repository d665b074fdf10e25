import { domainRequirements, withDomainRequirements } from '../../src/domain-check/sender-requirements';
import type { DaneHostResult, MtaStsResult } from '../../src/domain-check/types';
import type { Report } from '../../src/report/types';
import { foundingCaseFixed } from '../fixtures/reports';

/** An MX host whose only problem is a chain senders cannot verify, on port 25. */
function untrustedHost(): Report {
  const r = foundingCaseFixed();
  r.ports = [r.ports[0]];
  r.findings = [{ id: 'cert-untrusted', severity: 'warning', ports: [25], title: 'The certificate on port 25 is not issued by a CA senders trust', evidence: ['x'], remediation: [] }];
  r.verdict = 'warning';
  return r;
}

const mtaSts = (mode?: 'enforce' | 'testing'): MtaStsResult => ({
  recordName: '_mta-sts.contoso.com',
  recordTexts: [],
  policyUrl: 'https://mta-sts.contoso.com/.well-known/mta-sts.txt',
  coverage: [],
  ...(mode ? { policy: { mode, maxAge: 86400, mx: ['mail.contoso.com'], extensions: [] } } : {}),
});
const dane = (...usages: number[]): DaneHostResult => ({
  host: 'mail.contoso.com',
  recordName: '_25._tcp.mail.contoso.com',
  records: usages.map((usage) => ({ usage, selector: 1, matchingType: 1, data: 'ab' })),
  authenticated: true,
  matches: [],
  authenticatedChain: false,
});
const grade = (requirements: ReturnType<typeof domainRequirements>) =>
  withDomainRequirements({ host: 'mail.contoso.com', priority: 10, report: untrustedHost() }, { expectNames: [] }, requirements).report!;

describe('certificate severity once the domain\'s policies are known (--mx)', () => {
  it('MTA-STS in enforce mode makes a certificate problem a refusal: critical, and the finding says why', () => {
    const report = grade(domainRequirements('contoso.com', mtaSts('enforce'), undefined));
    expect(report.verdict).toBe('critical');
    expect(report.findings[0].severity).toBe('critical');
    expect(report.findings[0].impact).toContain('contoso.com publishes an MTA-STS policy in enforce mode');
  });

  it('a DANE-TA record does too; DANE-EE records alone and MTA-STS testing do not', () => {
    expect(grade(domainRequirements('contoso.com', mtaSts(), dane(2, 3))).verdict).toBe('critical');
    expect(grade(domainRequirements('contoso.com', mtaSts(), dane(3))).verdict).toBe('warning');
    expect(grade(domainRequirements('contoso.com', mtaSts('testing'), undefined)).verdict).toBe('warning');
  });
});
