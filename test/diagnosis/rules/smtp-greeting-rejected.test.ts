import { smtpGreetingRejected } from '../../../src/diagnosis/rules/smtp-greeting-rejected';
import { smtpNotTestable } from '../../../src/diagnosis/rules/smtp-not-testable';
import { greeting421, greeting554 } from '../../fixtures/transcripts/failures';
import { diagnosisInput } from '../../fixtures/transcripts/input';

describe('smtp-greeting-rejected', () => {
  it('reports a 554 greeting as critical and quotes it', () => {
    const [finding] = smtpGreetingRejected(diagnosisInput([greeting554(25)]));
    expect(finding).toMatchObject({ id: 'smtp-greeting-rejected', severity: 'critical', ports: [25] });
    expect(finding.title).toBe('Port 25 refuses this probe in its greeting (554)');
    expect(finding.evidence[0]).toBe(
      'port 25: greeting 554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org',
    );
    expect(finding.remediation[0].steps[0]).toContain('blocklist');
  });

  it('leaves a 421 greeting to smtp-not-testable', () => {
    const input = diagnosisInput([greeting421(25)]);
    expect(smtpGreetingRejected(input)).toEqual([]);
    expect(smtpNotTestable(input).map((f) => f.id)).toEqual(['smtp-not-testable']);
  });
});
