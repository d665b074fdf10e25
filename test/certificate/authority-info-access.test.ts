import { analyzeCertificate } from '../../src/certificate/analyze';
import { AUTHORITY_INFO_ACCESS_OID, parseNodeInfoAccess, readCaIssuersUrls } from '../../src/certificate/authority-info-access';
import { readCertificateFields } from '../../src/certificate/certificate-fields';
import { createTestPki } from '../helpers/pki';

const pki = createTestPki();
const URLS = ['http://aia.example.test/int.der', 'http://aia2.example.test/int.crt'];

describe('Authority Information Access caIssuers', () => {
  const leaf = pki.issueLeaf({ host: 'mx1.example.test', caIssuersUrls: URLS });

  it('reads the caIssuers URIs from the extension', () => {
    const extension = readCertificateFields(leaf.der).extensions.get(AUTHORITY_INFO_ACCESS_OID)!;
    expect(readCaIssuersUrls(extension)).toEqual(URLS);
  });

  it('reads them from Node\'s infoAccess text too, skipping OCSP', () => {
    expect(parseNodeInfoAccess('OCSP - URI:http://ocsp.example.test\nCA Issuers - URI:http://aia.example.test/a.cer\n')).toEqual(['http://aia.example.test/a.cer']);
    expect(parseNodeInfoAccess(undefined)).toEqual([]);
  });

  it('analyzeCertificate reports caIssuersUrls and the chain as PEM', () => {
    const report = analyzeCertificate(
      { chainDer: [leaf.der.toString('base64')], authorized: false, authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
      { host: 'mx1.example.test', expectNames: [], now: pki.now },
    );
    expect(report.caIssuersUrls).toEqual(URLS);
    expect(report.chainComplete).toBe(false);
    expect(report.chainPem).toEqual([leaf.certPem.replace(/\r\n/g, '\n')]);
  });

  it('leaves caIssuersUrls out when the leaf has none', () => {
    const report = analyzeCertificate({ chainDer: [pki.goodLeaf().der.toString('base64')], authorized: true }, { host: 'mx.example.test', expectNames: [], now: pki.now });
    expect(report).not.toHaveProperty('caIssuersUrls');
  });
});
