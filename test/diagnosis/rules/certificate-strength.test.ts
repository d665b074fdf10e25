import { certWeakKey, certWeakSignature, isWeakKey, isWeakSignature } from '../../../src/diagnosis/rules/certificate-strength';
import { lines } from '../../helpers/commands';
import { certificateReport, exchangeSelfSigned } from '../../fixtures/transcripts/certificates';
import { diagnosisInput } from '../../fixtures/transcripts/input';
import { postfixDebian } from '../../fixtures/transcripts/mtas';

describe('cert-weak-key', () => {
  it('reports a 1024-bit RSA key', () => {
    const [finding] = certWeakKey(diagnosisInput([[postfixDebian(25), certificateReport({ keyBits: 1024 })]], { host: 'debian' }));
    expect(finding).toMatchObject({ id: 'cert-weak-key', severity: 'warning', ports: [25] });
    expect(finding.title).toBe('The certificate on port 25 has a weak 1024-bit RSA key');
    expect(finding.evidence[0]).toContain('at least 2048 bits are needed');
    expect(lines(finding.remediation[0])[0]).toBe(
      "openssl req -new -newkey rsa:2048 -nodes -keyout debian.key -out debian.csr -subj '/CN=debian' -addext 'subjectAltName=DNS:debian'",
    );
  });

  it('applies the limit per key type', () => {
    const c = certificateReport();
    expect(isWeakKey({ ...c, keyType: 'EC', keyBits: 224 })).toBe(true);
    expect(isWeakKey({ ...c, keyType: 'EC', keyBits: 256 })).toBe(false);
    expect(isWeakKey({ ...c, keyType: 'RSA', keyBits: 2048 })).toBe(false);
    expect(isWeakKey({ ...c, keyType: 'Ed25519', keyBits: 256 })).toBe(false);
    expect(isWeakKey({ ...c, keyType: 'unknown', keyBits: 0 })).toBe(false);
  });
});

describe('cert-weak-signature', () => {
  it('reports SHA-1 and MD5 signatures on a CA-issued leaf', () => {
    const [finding] = certWeakSignature(
      diagnosisInput([[postfixDebian(25), certificateReport({ signatureAlgorithm: 'sha1WithRSAEncryption' })]], { host: 'debian' }),
    );
    expect(finding).toMatchObject({ id: 'cert-weak-signature', severity: 'warning', ports: [25] });
    expect(finding.title).toBe('The certificate on port 25 is signed with sha1WithRSAEncryption, which senders no longer accept');
    expect(isWeakSignature(certificateReport({ signatureAlgorithm: 'md5WithRSAEncryption' }))).toBe(true);
    expect(isWeakSignature(certificateReport({ signatureAlgorithm: 'ecdsa-with-SHA1' }))).toBe(true);
  });

  it('accepts SHA-256 and up, and ignores the signature of a self-signed leaf', () => {
    expect(isWeakSignature(certificateReport({ signatureAlgorithm: 'sha256WithRSAEncryption' }))).toBe(false);
    expect(isWeakSignature(certificateReport({ signatureAlgorithm: 'ecdsa-with-SHA384' }))).toBe(false);
    expect(isWeakSignature(exchangeSelfSigned({ signatureAlgorithm: 'sha1WithRSAEncryption' }))).toBe(false);
  });
});
