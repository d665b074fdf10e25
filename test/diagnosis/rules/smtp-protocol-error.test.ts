import { smtpProtocolError } from '../../../src/diagnosis/rules/smtp-protocol-error';
import { starttlsNotAdvertised } from '../../../src/diagnosis/rules/starttls-not-advertised';
import { probeFromTranscript } from '../../fixtures/transcripts/builder';
import { diagnosisInput } from '../../fixtures/transcripts/input';
import { referenceThreadPort587 } from '../../fixtures/transcripts/exchange';

describe('smtp-protocol-error', () => {
  it('reports junk instead of a greeting', () => {
    const probe = probeFromTranscript({
      port: 25,
      transcript: '',
      error: { code: 'PROBE_PROTOCOL_ERROR', step: 'greeting', message: 'not an SMTP reply: "HTTP/1.1 400 Bad Request"' },
    });
    const [finding] = smtpProtocolError(diagnosisInput([probe]));
    expect(finding).toMatchObject({ id: 'smtp-protocol-error', severity: 'warning', ports: [25] });
    expect(finding.title).toBe('Port 25 did not send a valid SMTP greeting');
    expect(finding.evidence[0]).toBe('port 25: PROBE_PROTOCOL_ERROR at step greeting: not an SMTP reply: "HTTP/1.1 400 Bad Request"');
  });

  it('reports an oversized EHLO reply', () => {
    const probe = probeFromTranscript({
      port: 25,
      transcript: '220 mx.example.org ESMTP',
      error: { code: 'PROBE_REPLY_TOO_LARGE', step: 'ehlo', message: 'reply exceeds 256 lines' },
    });
    const [finding] = smtpProtocolError(diagnosisInput([probe]));
    expect(finding.title).toBe('Port 25 answered EHLO with something that is not a valid SMTP reply');
    expect(finding.evidence[0]).toContain('reply larger than the probe accepts at step ehlo');
  });

  it('reports EHLO and HELO both refused, and not as missing STARTTLS', () => {
    const probe = probeFromTranscript({
      port: 25,
      transcript: `
        220 mx.example.org SMTP
        > EHLO starttls-probe.invalid
        500 5.5.1 Command unrecognized
        > HELO starttls-probe.invalid
        550 5.7.1 Go away
      `,
    });
    const input = diagnosisInput([probe]);
    const [finding] = smtpProtocolError(input);
    expect(finding.title).toBe('Port 25 refused both EHLO and HELO');
    expect(finding.evidence[0]).toBe('port 25: EHLO refused, then HELO answered 550 5.7.1 Go away');
    expect(starttlsNotAdvertised(input)).toEqual([]);
  });

  it('reports the connection closed after EHLO', () => {
    const probe = probeFromTranscript({
      port: 25,
      transcript: '220 mx.example.org ESMTP',
      error: { code: 'PROBE_CONNECTION_CLOSED', step: 'ehlo', message: 'connection closed by the server' },
    });
    expect(smtpProtocolError(diagnosisInput([probe])).map((f) => f.title)).toEqual(['Port 25 closed the connection after EHLO']);
  });

  it('reports a failure inside TLS after a good handshake', () => {
    const probe = { ...referenceThreadPort587(), ehloAfterTls: undefined, error: { code: 'PROBE_CONNECTION_CLOSED' as const, step: 'ehlo-tls' as const, message: 'socket hang up' } };
    const [finding] = smtpProtocolError(diagnosisInput([probe]));
    expect(finding.title).toBe('Port 587 stopped answering after the TLS handshake');
  });
});
