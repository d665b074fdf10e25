import { smtpNotTestable } from '../../../src/diagnosis/rules/smtp-not-testable';
import { starttlsNotAdvertised } from '../../../src/diagnosis/rules/starttls-not-advertised';
import { probeFromTranscript } from '../../fixtures/transcripts/builder';
import { greeting421, resetBeforeGreeting, tarpit } from '../../fixtures/transcripts/failures';
import { diagnosisInput } from '../../fixtures/transcripts/input';
import { referenceThreadPort587 } from '../../fixtures/transcripts/exchange';

describe('smtp-not-testable', () => {
  it('reports a 421 greeting as a warning whose title says the port could not be assessed', () => {
    const [finding] = smtpNotTestable(diagnosisInput([greeting421(25)]));
    expect(finding).toMatchObject({ id: 'smtp-not-testable', severity: 'warning', ports: [25] });
    expect(finding.title).toBe('Port 25 could not be assessed: the server answered 421 (service not available)');
    expect(finding.evidence).toEqual([
      'port 25: greeting 421 4.3.2 Service not available, closing transmission channel',
      'port 25: this is not a STARTTLS failure: nothing about TLS could be observed',
    ]);
    expect(finding.remediation[0].steps.join(' ')).toContain('This is not a STARTTLS failure');
  });

  it('reports a tarpit (connected, no greeting before the timeout), with the time waited', () => {
    const input = diagnosisInput([tarpit(25)]);
    const [finding] = smtpNotTestable(input);
    expect(finding.title).toBe('Port 25 could not be assessed: the connection was accepted but no greeting came');
    expect(finding.evidence[0]).toContain('no greeting arrived within 25 s');
    expect(starttlsNotAdvertised(input)).toEqual([]);
  });

  it('reports a reset before the greeting', () => {
    const [finding] = smtpNotTestable(diagnosisInput([resetBeforeGreeting(587)]));
    expect(finding.title).toBe('Port 587 could not be assessed: the server closed the connection before its greeting');
    expect(finding.ports).toEqual([587]);
  });

  it('reports 421 to EHLO, and no missing STARTTLS for it', () => {
    const probe = probeFromTranscript({
      port: 25,
      transcript: `
        220 mx.example.org ESMTP
        > EHLO starttls-probe.invalid
        421 4.7.0 Too many connections from your address, try again later
      `,
    });
    const input = diagnosisInput([probe]);
    const [finding] = smtpNotTestable(input);
    expect(finding.title).toBe('Port 25 could not be assessed: the server answered EHLO with 421');
    expect(finding.evidence[0]).toBe('port 25: EHLO answered 421 4.7.0 Too many connections from your address, try again later');
    expect(starttlsNotAdvertised(input)).toEqual([]);
  });

  it('reports a probe cancelled during the handshake, and nothing for a healthy port', () => {
    const cancelled = { ...referenceThreadPort587(), error: { code: 'PROBE_CANCELLED' as const, step: 'tls-handshake' as const, message: 'probe cancelled' } };
    expect(smtpNotTestable(diagnosisInput([cancelled])).map((f) => f.title)).toEqual([
      'STARTTLS on port 587 could not be assessed: the probe was cancelled',
    ]);
    expect(smtpNotTestable(diagnosisInput([referenceThreadPort587()]))).toEqual([]);
  });
});
