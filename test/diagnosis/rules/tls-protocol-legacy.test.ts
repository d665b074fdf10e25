import { tlsProtocolLegacy } from '../../../src/diagnosis/rules/tls-protocol-legacy';
import { probeFromTranscript } from '../../fixtures/transcripts/builder';
import { legacyTls } from '../../fixtures/transcripts/failures';
import { diagnosisInput } from '../../fixtures/transcripts/input';
import { postfixDebian } from '../../fixtures/transcripts/mtas';

describe('tls-protocol-legacy', () => {
  it('reports TLS 1.0 as critical and names the version', () => {
    const [finding] = tlsProtocolLegacy(diagnosisInput([legacyTls('TLSv1')]));
    expect(finding).toMatchObject({ id: 'tls-protocol-legacy', severity: 'critical', ports: [25] });
    expect(finding.title).toBe('Port 25 offers only TLS 1.0 (TLSv1), which Exchange Online and most senders refuse');
    expect(finding.evidence).toEqual([
      'port 25: the TLS handshake negotiated TLSv1 with cipher ECDHE-RSA-AES256-SHA, although the probe offered versions up to TLS 1.3',
    ]);
    expect(finding.remediation.map((r) => r.platform)).toEqual(['postfix', 'any']);
    expect(finding.remediation[0].commands).toContain("postconf -e 'smtpd_tls_protocols = >=TLSv1.2'");
  });

  it('reports TLS 1.1 and SSLv3, and also on implicit TLS', () => {
    expect(tlsProtocolLegacy(diagnosisInput([legacyTls('TLSv1.1')]))[0].title).toContain('TLS 1.1 (TLSv1.1)');
    expect(tlsProtocolLegacy(diagnosisInput([legacyTls('SSLv3')]))[0].title).toContain('SSL 3.0 (SSLv3)');
    const implicit = probeFromTranscript({
      port: 465,
      mode: 'implicit-tls',
      tls: { protocol: 'TLSv1' },
      transcript: '220 mx.example.org ESMTP\n250 mx.example.org',
    });
    expect(tlsProtocolLegacy(diagnosisInput([implicit])).map((f) => f.ports)).toEqual([[465]]);
  });

  it('stays quiet for TLS 1.2 and 1.3', () => {
    expect(tlsProtocolLegacy(diagnosisInput([legacyTls('TLSv1.2'), postfixDebian(587)]))).toEqual([]);
  });
});
