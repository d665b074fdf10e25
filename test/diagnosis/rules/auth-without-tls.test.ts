import { authWithoutTls } from '../../../src/diagnosis/rules/auth-without-tls';
import { lines } from '../../helpers/commands';
import { probeFromTranscript } from '../../fixtures/transcripts/builder';
import { exchange2016Port25 } from '../../fixtures/transcripts/exchange';
import { diagnosisInput } from '../../fixtures/transcripts/input';
import { openSmtpd } from '../../fixtures/transcripts/mtas';

describe('auth-without-tls', () => {
  it('warns about AUTH PLAIN LOGIN before STARTTLS (OpenSMTPD transcript)', () => {
    const [finding] = authWithoutTls(diagnosisInput([openSmtpd(587)]));
    expect(finding).toMatchObject({ id: 'auth-without-tls', severity: 'warning', ports: [587] });
    expect(finding.title).toBe('Port 587 offers password login (AUTH PLAIN, LOGIN) before STARTTLS');
    expect(finding.evidence).toEqual(['port 587: before STARTTLS, EHLO lists AUTH PLAIN LOGIN']);
    expect(finding.remediation.map((r) => r.platform)).toEqual(['opensmtpd', 'any']);
  });

  it('reads the old AUTH=LOGIN form', () => {
    const probe = probeFromTranscript({ port: 25, transcript: '220 x ESMTP Postfix\n250-x\n250-AUTH=LOGIN\n250 STARTTLS' });
    const [finding] = authWithoutTls(diagnosisInput([probe]));
    expect(finding.title).toBe('Port 25 offers password login (AUTH LOGIN) before STARTTLS');
    expect(lines(finding.remediation[0])).toContain("postconf -e 'smtpd_tls_auth_only = yes'");
  });

  it('skips NTLM and GSSAPI (Exchange default) and AUTH listed only after TLS', () => {
    expect(authWithoutTls(diagnosisInput([exchange2016Port25()]))).toEqual([]);
  });

  it('skips implicit TLS ports, whose only EHLO is already encrypted', () => {
    const probe = probeFromTranscript({ port: 465, mode: 'implicit-tls', tls: { protocol: 'TLSv1.3' }, transcript: '220 x\n250-x\n250 AUTH PLAIN LOGIN' });
    expect(authWithoutTls(diagnosisInput([probe]))).toEqual([]);
  });
});
