import { tlsProtocolLegacy } from '../../../src/diagnosis/rules/tls-protocol-legacy';
import { lines } from '../../helpers/commands';
import { probeFromTranscript } from '../../fixtures/transcripts/builder';
import { legacyTls } from '../../fixtures/transcripts/failures';
import { diagnosisInput } from '../../fixtures/transcripts/input';
import { postfixDebian } from '../../fixtures/transcripts/mtas';

describe('tls-protocol-legacy', () => {
  it('reports TLS 1.0 as critical and names the version', () => {
    const [finding] = tlsProtocolLegacy(diagnosisInput([legacyTls('TLSv1')]));
    expect(finding).toMatchObject({ id: 'tls-protocol-legacy', severity: 'critical', ports: [25] });
    expect(finding.title).toBe('Port 25 offers at most TLS 1.0 (TLSv1), which Exchange Online and most senders refuse');
    expect(finding.evidence).toEqual([
      'port 25: the TLS handshake negotiated TLSv1 with cipher ECDHE-RSA-AES256-SHA, although the probe offered versions up to TLS 1.3',
      'port 25: older versions were not tried one by one (starttls probe --protocols lists each version the port accepts)',
    ]);
    expect(finding.remediation.map((r) => r.platform)).toEqual(['postfix', 'any']);
    expect(lines(finding.remediation[0])).toContain("postconf -e 'smtpd_tls_protocols = >=TLSv1.2'");
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

  it('with the version scan, names every legacy version accepted and says whether TLS 1.2 is there', () => {
    const scanned = (statuses: ('accepted' | 'refused')[]) => ({
      ...legacyTls('TLSv1.1'),
      tlsVersions: (['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const).map((version, i) => ({ version, status: statuses[i] })),
    });
    const [only] = tlsProtocolLegacy(diagnosisInput([scanned(['accepted', 'accepted', 'refused', 'refused'])]));
    expect(only).toMatchObject({ severity: 'critical', title: 'Port 25 offers only TLS 1.0 and TLS 1.1, which Exchange Online and most senders refuse' });
    expect(only.evidence).toEqual([
      'port 25: one handshake per version: TLS 1.0 accepted; TLS 1.1 accepted; TLS 1.2 refused; TLS 1.3 refused',
      'port 25: TLS 1.2, which Exchange Online requires, is not accepted',
    ]);
    const [besides] = tlsProtocolLegacy(diagnosisInput([scanned(['accepted', 'refused', 'accepted', 'accepted'])]));
    expect(besides).toMatchObject({ severity: 'warning', title: 'Port 25 still offers TLS 1.0 besides TLS 1.2 and TLS 1.3' });
    expect(besides.remediation.at(-1)?.steps[0]).toContain('still accepts TLS 1.0 besides TLS 1.2 or later');
    expect(tlsProtocolLegacy(diagnosisInput([scanned(['refused', 'refused', 'accepted', 'accepted'])]))).toEqual([]);
  });

  it('stays quiet for TLS 1.2 and 1.3', () => {
    expect(tlsProtocolLegacy(diagnosisInput([legacyTls('TLSv1.2'), postfixDebian(587)]))).toEqual([]);
  });
});
