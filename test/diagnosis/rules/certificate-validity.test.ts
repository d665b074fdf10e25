import { certExpired, certExpiringSoon, certNotYetValid, isNotYetValid } from '../../../src/diagnosis/rules/certificate-validity';
import { lines } from '../../helpers/commands';
import { certificateReport } from '../../fixtures/transcripts/certificates';
import { referenceThreadPort25, referenceThreadPort587 } from '../../fixtures/transcripts/exchange';
import { diagnosisInput } from '../../fixtures/transcripts/input';
import { postfixDebian } from '../../fixtures/transcripts/mtas';

describe('cert-expired', () => {
  it('reports an expired certificate once for all ports serving it, with Exchange renewal steps', () => {
    const expired = certificateReport({ daysLeft: -12, notAfter: '2025-05-22T23:59:59.000Z', trusted: false, trustError: 'CERT_HAS_EXPIRED' });
    const p25 = { ...referenceThreadPort587(), port: 25 };
    const findings = certExpired(diagnosisInput([[p25, expired], [referenceThreadPort587(), expired]]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ id: 'cert-expired', severity: 'critical', ports: [25, 587] });
    expect(findings[0].title).toBe('The certificate on ports 25 and 587 expired 12 days ago');
    expect(findings[0].evidence[0]).toContain('valid until 2025-05-22T23:59:59.000Z (expired 12 days ago)');
    const exchange = findings[0].remediation[0];
    expect(exchange.platform).toBe('exchange-onprem');
    expect(exchange.steps.join(' ')).toContain('KB 2989382');
    expect(lines(exchange)).toContain('Restart-Service MSExchangeFrontEndTransport');
    expect(lines(exchange)).toContain('Enable-ExchangeCertificate -Thumbprint <NEW-TP> -Services SMTP');
  });

  it('names the renewed certificate another port already serves', () => {
    const expired = certificateReport({ daysLeft: -3, sha1Thumbprint: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', sha256Fingerprint: 'EE:01' });
    const renewed = certificateReport({ daysLeft: 360, sha1Thumbprint: 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB', sha256Fingerprint: 'EE:02' });
    const [finding] = certExpired(diagnosisInput([[{ ...referenceThreadPort587(), port: 25 }, expired], [referenceThreadPort587(), renewed]]));
    expect(finding.ports).toEqual([25]);
    expect(lines(finding.remediation[0])).toContain('Enable-ExchangeCertificate -Thumbprint BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB -Services SMTP');
  });

  it('does not report a valid certificate', () => {
    expect(certExpired(diagnosisInput([[referenceThreadPort587(), certificateReport({ daysLeft: 0 })]]))).toEqual([]);
  });
});

describe('cert-expiring-soon', () => {
  it('warns at or below the threshold and not above it', () => {
    const at = (daysLeft: number) =>
      certExpiringSoon(diagnosisInput([[postfixDebian(25), certificateReport({ daysLeft })]], { expiryWarningDays: 14 }));
    expect(at(14).map((f) => [f.id, f.severity, f.title])).toEqual([
      ['cert-expiring-soon', 'warning', 'The certificate on port 25 expires in 14 days'],
    ]);
    expect(at(0)[0].title).toBe('The certificate on port 25 expires today');
    expect(at(15)).toEqual([]);
    expect(at(-1)).toEqual([]);
    expect(at(1)[0].remediation.map((r) => r.platform)).toEqual(['postfix', 'any']);
    expect(lines(at(1)[0].remediation[0])).toContain('postfix reload');
  });
});

describe('cert-not-yet-valid', () => {
  it('reports OpenSSL CERT_NOT_YET_VALID', () => {
    const early = certificateReport({ trusted: false, trustError: 'CERT_NOT_YET_VALID', notBefore: '2025-07-01T00:00:00.000Z' });
    const [finding] = certNotYetValid(diagnosisInput([[referenceThreadPort587(), early]]));
    expect(finding).toMatchObject({ id: 'cert-not-yet-valid', severity: 'critical', ports: [587] });
    expect(finding.title).toBe('The certificate on port 587 is not valid yet (valid from 2025-07-01T00:00:00.000Z)');
  });

  it('derives it without a clock: more days left than the whole validity period', () => {
    const c = certificateReport({ notBefore: '2025-01-01T00:00:00.000Z', notAfter: '2025-04-01T00:00:00.000Z', daysLeft: 120 });
    expect(isNotYetValid(c)).toBe(true);
    expect(isNotYetValid({ ...c, daysLeft: 89 })).toBe(false);
    expect(certNotYetValid(diagnosisInput([referenceThreadPort25()]))).toEqual([]);
  });
});
