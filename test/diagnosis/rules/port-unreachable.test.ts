import { portUnreachable } from '../../../src/diagnosis/rules/port-unreachable';
import { lines } from '../../helpers/commands';
import { connectRefused, dnsFailure } from '../../fixtures/transcripts/failures';
import { failedProbe } from '../../fixtures/transcripts/builder';
import { diagnosisInput } from '../../fixtures/transcripts/input';
import { postfixDebian } from '../../fixtures/transcripts/mtas';

describe('port-unreachable', () => {
  it('groups ports refused the same way into one critical finding', () => {
    const findings = portUnreachable(diagnosisInput([connectRefused(465), connectRefused(587), postfixDebian(25)], { host: 'debian' }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ id: 'port-unreachable', severity: 'critical', ports: [465, 587] });
    expect(findings[0].title).toBe('Ports 465 and 587 refused the connection');
    expect(findings[0].evidence[0]).toContain('port 465: connection refused at step connect: connect ECONNREFUSED 192.0.2.1:465');
    expect(findings[0].remediation.map((r) => r.platform)).toEqual(['postfix', 'any']);
  });

  it('says the host does not resolve on a DNS failure and gives dig commands', () => {
    const [finding] = portUnreachable(diagnosisInput([dnsFailure(25), dnsFailure(587)]));
    expect(finding.title).toBe('mail.contoso.test does not resolve, so no port could be reached');
    expect(finding.ports).toEqual([25, 587]);
    expect(lines(finding.remediation[0])).toContain('dig +short A mail.contoso.test');
  });

  it('separates a connect timeout from a refusal and mentions outbound port 25 blocking', () => {
    const timeout = failedProbe(25, { code: 'PROBE_TIMEOUT', step: 'connect', message: 'connect timed out after 10000 ms' });
    const findings = portUnreachable(diagnosisInput([timeout, connectRefused(587)]));
    expect(findings.map((f) => f.title)).toEqual([
      'Port 25 did not accept a connection (timed out)',
      'Port 587 refused the connection',
    ]);
    const any = findings[0].remediation.find((r) => r.platform === 'any')!;
    expect(any.steps.join(' ')).toMatch(/block outgoing port 25/);
  });

  it('ignores a timeout at the greeting (that is smtp-not-testable)', () => {
    const tarpit = failedProbe(25, { code: 'PROBE_TIMEOUT', step: 'greeting', message: 'no greeting' });
    expect(portUnreachable(diagnosisInput([tarpit]))).toEqual([]);
  });
});
