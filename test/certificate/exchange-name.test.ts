import forge from 'node-forge';
import { exchangeTlsCertificateName, formatExchangeTlsCertificateName } from '../../src/certificate/exchange-name';
import { createTestPki } from '../helpers/pki';

describe('exchangeTlsCertificateName', () => {
  const pki = createTestPki();

  it('builds the <I>issuer<S>subject value of the forum thread connector', () => {
    const digicert = pki.issueCa([
      { shortName: 'C', value: 'US' },
      { shortName: 'O', value: 'DigiCert Inc' },
      { shortName: 'CN', value: 'DigiCert Global G2 TLS RSA SHA256 2020 CA1' },
    ]);
    const leaf = pki.issueLeaf({ host: '*.example.test', issuer: digicert });
    expect(exchangeTlsCertificateName(leaf.der)).toBe(
      '<I>CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US' +
        '<S>CN=*.example.test, O=Example Test Org, L=Springfield, S=Example State, C=US',
    );
  });

  it('gives the same value for a forge certificate and for its DER', () => {
    const leaf = pki.goodLeaf();
    const expected =
      '<I>CN=Starttls Test Intermediate CA, O=Starttls Test PKI, C=US' +
      '<S>CN=mx.example.test, O=Example Test Org, L=Springfield, S=Example State, C=US';
    expect(exchangeTlsCertificateName(forge.pki.certificateFromPem(leaf.certPem))).toBe(expected);
    expect(exchangeTlsCertificateName(leaf.der)).toBe(expected);
  });

  it('works for an EC leaf given as DER', () => {
    expect(exchangeTlsCertificateName(pki.ecLeaf().der)).toBe(
      '<I>CN=Starttls Test Intermediate CA, O=Starttls Test PKI, C=US' +
        '<S>CN=mx.example.test, O=Example Test Org, L=Springfield, S=Example State, C=US',
    );
  });

  it('names a self-signed certificate with its own subject twice', () => {
    const subject = 'CN=mx.example.test, O=Example Test Org, L=Springfield, S=Example State, C=US';
    expect(exchangeTlsCertificateName(pki.selfSignedLeaf().der)).toBe(`<I>${subject}<S>${subject}`);
  });
});

describe('formatExchangeTlsCertificateName', () => {
  it('puts <I> before the issuer and <S> before the subject, nothing else', () => {
    expect(formatExchangeTlsCertificateName('CN=Issuer, C=US', 'CN=Subject')).toBe('<I>CN=Issuer, C=US<S>CN=Subject');
  });
});
