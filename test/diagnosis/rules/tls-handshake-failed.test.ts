import { tlsHandshakeFailed } from '../../../src/diagnosis/rules/tls-handshake-failed';
import { lines } from '../../helpers/commands';
import { smtpNotTestable } from '../../../src/diagnosis/rules/smtp-not-testable';
import { probeFromTranscript } from '../../fixtures/transcripts/builder';
import { certificateReport, CONTOSO_THUMBPRINT } from '../../fixtures/transcripts/certificates';
import { referenceThreadPort587 } from '../../fixtures/transcripts/exchange';
import { handshakeFails } from '../../fixtures/transcripts/failures';
import { diagnosisInput } from '../../fixtures/transcripts/input';

describe('tls-handshake-failed', () => {
  it('reports a failed handshake after 220 with Exchange steps (SMTP not enabled, no private key)', () => {
    const [finding] = tlsHandshakeFailed(diagnosisInput([handshakeFails(25), [referenceThreadPort587(), certificateReport()]]));
    expect(finding).toMatchObject({ id: 'tls-handshake-failed', severity: 'critical', ports: [25] });
    expect(finding.title).toBe('The TLS handshake after STARTTLS failed on port 25');
    expect(finding.evidence[0]).toBe(
      'port 25: STARTTLS answered 220 2.0.0 SMTP server ready, then the TLS handshake failed: Client network socket disconnected before secure TLS connection was established',
    );
    const exchange = finding.remediation[0];
    expect(exchange.platform).toBe('exchange-onprem');
    expect(exchange.steps.join(' ')).toMatch(/not enabled for SMTP, or has no private key/);
    expect(exchange.steps.join(' ')).toMatch(/NoCredentials/);
    expect(lines(exchange)).toContain(`Enable-ExchangeCertificate -Thumbprint ${CONTOSO_THUMBPRINT} -Services SMTP`);
  });

  it('says timed out and hints at a version mismatch', () => {
    const timeout = { ...handshakeFails(25), error: { code: 'PROBE_TIMEOUT' as const, step: 'tls-handshake' as const, message: 'handshake timed out' } };
    expect(tlsHandshakeFailed(diagnosisInput([timeout]))[0].title).toBe('The TLS handshake after STARTTLS timed out on port 25');
    const [old] = tlsHandshakeFailed(diagnosisInput([handshakeFails(25, 'routines:ssl_choose_client_version:unsupported protocol')]));
    expect(old.evidence).toContain('port 25: the error points at a TLS version the probe does not accept (TLS 1.0/1.1 or older)');
  });

  it('reports an implicit-TLS port that answers in plain text', () => {
    const probe = probeFromTranscript({
      port: 465,
      mode: 'implicit-tls',
      transcript: '',
      error: { code: 'PROBE_TLS_FAILED', step: 'tls-handshake', message: 'ssl3_get_record:wrong version number' },
    });
    const [finding] = tlsHandshakeFailed(diagnosisInput([probe]));
    expect(finding.title).toBe('The TLS handshake failed on port 465');
    expect(finding.evidence).toContain('port 465: the server seems to answer in plain text, as a STARTTLS port does');
    const any = finding.remediation.find((r) => r.platform === 'any')!;
    expect(any.steps.join(' ')).toMatch(/it speaks SMTP with STARTTLS, not implicit TLS/);
    expect(lines(any)[0]).toBe('openssl s_client -connect mail.contoso.test:465 -servername mail.contoso.test -showcerts </dev/null');
  });

  it('ignores a cancelled handshake (smtp-not-testable reports it)', () => {
    const cancelled = { ...handshakeFails(25), error: { code: 'PROBE_CANCELLED' as const, step: 'tls-handshake' as const, message: 'probe cancelled' } };
    expect(tlsHandshakeFailed(diagnosisInput([cancelled]))).toEqual([]);
    expect(smtpNotTestable(diagnosisInput([cancelled])).map((f) => f.id)).toEqual(['smtp-not-testable']);
  });
});
