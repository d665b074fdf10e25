import { verdictOf } from '../../src/report/build-report';
import type { Finding, FindingId, Severity } from '../../src/diagnosis/types';

const f = (id: FindingId, severity: Severity): Finding => ({ id, severity, ports: [25], title: id, evidence: [], remediation: [] });

describe('verdictOf', () => {
  it('is ok with no findings or only info', () => {
    expect(verdictOf([])).toBe('ok');
    expect(verdictOf([f('capabilities-differ', 'info')])).toBe('ok');
  });

  it('takes the worst severity', () => {
    expect(verdictOf([f('cert-expiring-soon', 'warning')])).toBe('warning');
    expect(verdictOf([f('cert-expiring-soon', 'warning'), f('starttls-not-advertised', 'critical')])).toBe('critical');
  });

  it('is unknown when a port could not be assessed and nothing is critical', () => {
    expect(verdictOf([f('smtp-not-testable', 'warning'), f('cert-expiring-soon', 'warning')])).toBe('unknown');
    expect(verdictOf([f('smtp-not-testable', 'warning'), f('cert-expired', 'critical')])).toBe('critical');
  });
});
