import { readCertificateFields } from '../../src/certificate/certificate-fields';
import { formatName } from '../../src/certificate/distinguished-name';
import forge from 'node-forge';
import { createTestPki } from '../helpers/pki';

const oids = forge.pki.oids as Record<string, string>;

describe('readCertificateFields', () => {
  const pki = createTestPki();

  it('reads names, validity, signature algorithm and extensions of an RSA leaf', () => {
    const leaf = pki.goodLeaf();
    const fields = readCertificateFields(leaf.der);
    expect(formatName(fields.subject)).toBe(
      'CN=mx.example.test, O=Example Test Org, L=Springfield, S=Example State, C=US',
    );
    expect(formatName(fields.issuer)).toBe('CN=Starttls Test Intermediate CA, O=Starttls Test PKI, C=US');
    expect(fields.notBefore?.toISOString()).toBe(leaf.notBefore.toISOString());
    expect(fields.notAfter?.toISOString()).toBe(leaf.notAfter.toISOString());
    expect(fields.signatureAlgorithmOid).toBe('1.2.840.113549.1.1.11');
    expect([...fields.extensions.keys()]).toEqual(
      expect.arrayContaining([oids.basicConstraints, oids.keyUsage, oids.extKeyUsage, oids.subjectAltName]),
    );
  });

  it('reads an Ed25519 certificate', () => {
    const fields = readCertificateFields(pki.ed25519SelfSignedLeaf().der);
    expect(fields.signatureAlgorithmOid).toBe(oids.EdDSA25519);
    expect(formatName(fields.issuer)).toBe(formatName(fields.subject));
  });

  it('throws on bytes that are not a certificate', () => {
    expect(() => readCertificateFields(Buffer.from('not a certificate'))).toThrow();
    expect(() => readCertificateFields(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow();
  });
});
