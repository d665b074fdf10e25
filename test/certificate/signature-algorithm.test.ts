import { execFileSync } from 'node:child_process';
import { signatureAlgorithmName } from '../../src/certificate/signature-algorithm';
import { createTestPki } from '../helpers/pki';
import { readCertificateFields } from '../../src/certificate/certificate-fields';

describe('signatureAlgorithmName', () => {
  it.each([
    ['1.2.840.113549.1.1.11', 'sha256WithRSAEncryption'],
    ['1.2.840.113549.1.1.5', 'sha1WithRSAEncryption'],
    ['1.2.840.113549.1.1.4', 'md5WithRSAEncryption'],
    ['1.2.840.113549.1.1.10', 'rsassaPss'],
    ['1.2.840.10045.4.3.2', 'ecdsa-with-SHA256'],
    ['1.2.840.10045.4.3.3', 'ecdsa-with-SHA384'],
    ['1.2.840.999999.5', '1.2.840.999999.5'],
  ])('names %s %s', (oid, name) => {
    expect(signatureAlgorithmName(oid)).toBe(name);
  });

  it('names the signature of a real Ed25519 certificate', () => {
    const oid = readCertificateFields(createTestPki().ed25519SelfSignedLeaf().der).signatureAlgorithmOid;
    expect(signatureAlgorithmName(oid)).toBe('ED25519');
  });

  it('agrees with openssl x509 -text on RSA, SHA-1, ECDSA and Ed25519 certificates', () => {
    const pki = createTestPki();
    for (const leaf of [pki.goodLeaf(), pki.sha1Leaf(), pki.ecSelfSignedLeaf(), pki.ed25519SelfSignedLeaf()]) {
      const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: leaf.certPem }).toString();
      const opensslName = /Signature Algorithm: (\S+)/.exec(text)?.[1];
      expect(signatureAlgorithmName(readCertificateFields(leaf.der).signatureAlgorithmOid)).toBe(opensslName);
    }
  });
});
