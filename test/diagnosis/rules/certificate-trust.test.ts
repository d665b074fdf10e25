import { certSelfSigned, certUntrusted } from '../../../src/diagnosis/rules/certificate-trust';
import type { DiagnosisInput } from '../../../src/diagnosis/types';
import { lines } from '../../helpers/commands';
import { CONTOSO_THUMBPRINT, certificateReport, exchangeSelfSigned } from '../../fixtures/transcripts/certificates';
import { exchange2016Port25, referenceThreadPort587 } from '../../fixtures/transcripts/exchange';
import { diagnosisInput } from '../../fixtures/transcripts/input';
import { postfixDebian } from '../../fixtures/transcripts/mtas';

describe('cert-self-signed', () => {
  it('is a warning on 25 with nothing known (only validating senders fail) and mentions the Exchange self-signed certificate and hybrid', () => {
    const [finding] = certSelfSigned(
      diagnosisInput([[exchange2016Port25(), exchangeSelfSigned()], [{ ...exchange2016Port25(), port: 587 }, certificateReport()]], {
        host: 'mail1.fabrikam.com',
      }),
    );
    expect(finding).toMatchObject({ id: 'cert-self-signed', severity: 'warning', ports: [25] });
    expect(finding.evidence[0]).toBe('port 25: certificate CN=SRVEX01 is self-signed (issuer and subject are the same)');
    const exchange = finding.remediation[0];
    expect(exchange.steps.join(' ')).toContain('"Microsoft Exchange"');
    expect(exchange.steps.join(' ')).toContain('TlsSenderCertificateName');
    expect(lines(exchange)).toContain(`Enable-ExchangeCertificate -Thumbprint ${CONTOSO_THUMBPRINT} -Services SMTP`);
  });

  it('is critical where validation is known, except on Exchange\'s internal ports', () => {
    const selfSigned = (port: number, platform: 'exchange' | 'postfix', required = false) => {
      const probe = platform === 'exchange' ? { ...exchange2016Port25(), port } : postfixDebian(port);
      const input: DiagnosisInput = diagnosisInput([[probe, exchangeSelfSigned()]]);
      if (required) input.options.requirements = [{ kind: 'expect-name', names: ['mail.contoso.test'] }];
      return certSelfSigned(input)[0].severity;
    };
    expect(selfSigned(25, 'exchange', true)).toBe('critical');
    expect(selfSigned(2525, 'exchange', true)).toBe('warning');
    expect(selfSigned(465, 'exchange')).toBe('warning');
    expect(selfSigned(465, 'postfix')).toBe('critical');
    expect(selfSigned(587, 'postfix')).toBe('critical');
    expect(selfSigned(10025, 'postfix')).toBe('warning');
  });
});

describe('cert-untrusted', () => {
  it('reports a missing intermediate with per-platform chain steps', () => {
    const incomplete = certificateReport({ trusted: false, trustError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', chainComplete: false });
    const [finding] = certUntrusted(diagnosisInput([[postfixDebian(25), incomplete]], { host: 'debian' }));
    expect(finding).toMatchObject({ id: 'cert-untrusted', severity: 'warning', ports: [25] });
    expect(finding.title).toBe('The certificate chain on port 25 is incomplete: an intermediate certificate is missing');
    expect(finding.evidence).toContain(
      'port 25: the server did not send the intermediate certificate that issued the leaf (openssl verify error 20, unable to get local issuer certificate)',
    );
    expect(finding.remediation[0].platform).toBe('postfix');
    expect(finding.remediation[0].steps.join(' ')).toContain('smtpd_tls_chain_files');
  });

  it('tells Exchange to import the intermediate into the machine CA store', () => {
    const incomplete = certificateReport({ trusted: false, trustError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', chainComplete: false });
    const [finding] = certUntrusted(diagnosisInput([[referenceThreadPort587(), incomplete]]));
    expect(lines(finding.remediation[0])[0]).toBe(
      "Import-Certificate -FilePath 'C:\\temp\\intermediate.cer' -CertStoreLocation Cert:\\LocalMachine\\CA",
    );
  });

  it('reports a private CA', () => {
    const privateCa = certificateReport({ issuer: 'CN=Contoso Issuing CA', trusted: false, trustError: 'SELF_SIGNED_CERT_IN_CHAIN' });
    const [finding] = certUntrusted(diagnosisInput([[referenceThreadPort587(), privateCa]]));
    expect(finding.title).toBe('The certificate on port 587 is not issued by a CA senders trust');
    expect(finding.evidence[0]).toContain('verification failed: SELF_SIGNED_CERT_IN_CHAIN');
  });

  it('tells a chain refused only for strength to reissue with a stronger key or signature, not to change CA', () => {
    const reason = 'the CA certificate at depth 1 is signed with sha1WithRSAEncryption, too weak for OpenSSL 3 at security level 2 (openssl verify error 68)';
    const weak = certificateReport({ trusted: false, trustError: 'CA_MD_TOO_WEAK', trustReason: reason });
    const [postfix] = certUntrusted(diagnosisInput([[postfixDebian(25), weak]], { host: 'debian' }));
    expect(postfix.title).toBe('The certificate chain on port 25 is too weak for senders that validate (OpenSSL 3 refuses it)');
    const postfixSteps = postfix.remediation[0].steps.join(' ');
    expect(postfixSteps).toContain(reason);
    expect(postfixSteps).toContain('at least 2048 bits');
    expect(postfixSteps).not.toContain('does not chain to a public root');
    expect(postfixSteps).not.toContain('Replace it with a certificate from a public CA');
    const [exchange] = certUntrusted(diagnosisInput([[referenceThreadPort587(), weak]]));
    expect(exchange.remediation[0].steps.join(' ')).toContain('New-ExchangeCertificate -GenerateRequest -KeySize 2048');
    const generic = exchange.remediation.find((r) => r.platform === 'any');
    expect(generic?.steps.join(' ')).toContain('SHA-256');
  });

  it('does not double-report self-signed or expired certificates', () => {
    expect(certUntrusted(diagnosisInput([[referenceThreadPort587(), exchangeSelfSigned()]]))).toEqual([]);
    expect(certUntrusted(diagnosisInput([[referenceThreadPort587(), exchangeSelfSigned({ trustError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' })]]))).toEqual([]);
    const expired = certificateReport({ daysLeft: -1, trusted: false, trustError: 'CERT_HAS_EXPIRED' });
    expect(certUntrusted(diagnosisInput([[referenceThreadPort587(), expired]]))).toEqual([]);
    expect(certUntrusted(diagnosisInput([[referenceThreadPort587(), certificateReport()]]))).toEqual([]);
  });
});
