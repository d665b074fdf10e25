import { starttlsNotAdvertised } from '../../../src/diagnosis/rules/starttls-not-advertised';
import { lines } from '../../helpers/commands';
import { starttlsRejected } from '../../../src/diagnosis/rules/starttls-rejected';
import { tlsHandshakeFailed } from '../../../src/diagnosis/rules/tls-handshake-failed';
import { probeFromTranscript } from '../../fixtures/transcripts/builder';
import { postfix454 } from '../../fixtures/transcripts/failures';
import { diagnosisInput } from '../../fixtures/transcripts/input';
import { postfixDebian } from '../../fixtures/transcripts/mtas';

describe('starttls-rejected', () => {
  it('reports Postfix 454 (certificate failed to load) with the reply quoted', () => {
    const input = diagnosisInput([postfix454(25)]);
    const [finding] = starttlsRejected(input);
    expect(finding).toMatchObject({ id: 'starttls-rejected', severity: 'critical', ports: [25] });
    expect(finding.title).toBe('Port 25 advertises STARTTLS but refuses it (454)');
    expect(finding.evidence).toContain('port 25: STARTTLS answered 454 4.7.0 TLS not available due to local problem');
    expect(finding.remediation.map((r) => r.platform)).toEqual(['postfix', 'any']);
    expect(finding.remediation[0].steps[0]).toContain('could not load its certificate or private key');
    expect(lines(finding.remediation[0])).toContain('postfix reload');
    expect(starttlsNotAdvertised(input)).toEqual([]);
    expect(tlsHandshakeFailed(input)).toEqual([]);
  });

  it('reports a STARTTLS that never gets an answer', () => {
    const probe = probeFromTranscript({
      port: 25,
      transcript: `
        220 mx.example.org ESMTP
        250-mx.example.org
        250 STARTTLS
        > STARTTLS
      `,
      error: { code: 'PROBE_TIMEOUT', step: 'starttls', message: 'no reply within 10000 ms' },
    });
    probe.starttls.attempted = true;
    const [finding] = starttlsRejected(diagnosisInput([probe]));
    expect(finding.title).toBe('Port 25 advertises STARTTLS but the command got no answer (timed out)');
  });

  it('does not fire on a 220', () => {
    expect(starttlsRejected(diagnosisInput([postfixDebian()]))).toEqual([]);
  });
});
