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
    expect(old.evidence).toContain('port 25: the server and the probe share no TLS version (the probe offers TLS 1.0 to 1.3)');
  });

  it('reports port 465 answering in plain text as a port without implicit TLS, whatever the TLS error said', () => {
    for (const message of ['wrong version number (ERR_SSL_WRONG_VERSION_NUMBER)', 'the server closed the connection during the TLS handshake']) {
      const probe = {
        ...probeFromTranscript({ port: 465, mode: 'implicit-tls', transcript: '', error: { code: 'PROBE_TLS_FAILED', step: 'tls-handshake', message } }),
        plainTextInsteadOfTls: '220 mail.contoso.test ESMTP Postfix',
      };
      const [finding] = tlsHandshakeFailed(diagnosisInput([probe]));
      expect(finding).toMatchObject({ severity: 'critical', title: 'Port 465 speaks plain SMTP, not implicit TLS' });
      expect(finding.evidence).toEqual([
        'port 465: the implicit TLS handshake got plain text instead of TLS: 220 mail.contoso.test ESMTP Postfix',
        'port 465: this port speaks plain SMTP (STARTTLS), so clients set for implicit TLS (SSL/TLS on 465) cannot connect',
      ]);
      expect(finding.evidence.join(' ')).not.toMatch(/version/);
      expect(smtpNotTestable(diagnosisInput([probe]))).toEqual([]);
    }
  });

  it('leaves a --tls probe of a plain STARTTLS port to smtp-not-testable: probe without --tls', () => {
    const probe = {
      ...probeFromTranscript({ port: 2525, mode: 'implicit-tls', transcript: '', error: { code: 'PROBE_TLS_FAILED', step: 'tls-handshake', message: 'x' } }),
      plainTextInsteadOfTls: '220 mail.contoso.test ESMTP',
    };
    expect(tlsHandshakeFailed(diagnosisInput([probe]))).toEqual([]);
    const [finding] = smtpNotTestable(diagnosisInput([probe]));
    expect(finding.title).toBe('Port 2525 speaks plain SMTP (STARTTLS), not implicit TLS: probe it without --tls');
    expect(lines(finding.remediation[0])).toEqual(['starttls probe mail.contoso.test 2525']);
  });

  it('says a server that answered STARTTLS with 220 then went on in plain text does so', () => {
    const probe = { ...handshakeFails(25, 'wrong version number (ERR_SSL_WRONG_VERSION_NUMBER)'), plainTextInsteadOfTls: '500 5.5.1 Command unrecognized' };
    const [finding] = tlsHandshakeFailed(diagnosisInput([probe]));
    expect(finding.title).toBe('Port 25 answered STARTTLS with 220, then spoke plain text instead of TLS');
    expect(finding.evidence).toEqual(['port 25: STARTTLS answered 220 2.0.0 SMTP server ready, then the server sent plain text instead of a TLS handshake: 500 5.5.1 Command unrecognized']);
    expect(finding.remediation.map((r) => r.platform)).toEqual(['any']);
  });

  it('ignores a cancelled handshake (smtp-not-testable reports it)', () => {
    const cancelled = { ...handshakeFails(25), error: { code: 'PROBE_CANCELLED' as const, step: 'tls-handshake' as const, message: 'probe cancelled' } };
    expect(tlsHandshakeFailed(diagnosisInput([cancelled]))).toEqual([]);
    expect(smtpNotTestable(diagnosisInput([cancelled])).map((f) => f.id)).toEqual(['smtp-not-testable']);
  });
});
