import {
  certificateNames,
  rankCertificates,
  replacementCertificate,
  selectForReceiveConnector,
  selectForSendConnector,
} from '../../src/exchange-config/certificate-selection';
import { certificate, frontend, hybridSend, NEW_TP, NOW, OLD_ISSUER, OLD_TP, oldCertificate, parse, SELF_TP, selfSigned, WILDCARD_SUBJECT } from './helpers/format-list';

describe('certificate selection', () => {
  const certs = parse(certificate(), oldCertificate(), selfSigned()).certificates;

  it('lists CertificateDomains and the Subject CN as names', () => {
    expect(certificateNames(certs[2])).toEqual(['SRVEX01', 'SRVEX01.contoso.local']);
    expect(certificateNames(parse(certificate({ CertificateDomains: '{}' })).certificates[0])).toEqual(['*.contoso.com']);
  });

  it('ranks CA-issued and valid before self-signed and expired', () => {
    expect(rankCertificates(certs, NOW).map((c) => c.thumbprint)).toEqual([NEW_TP, OLD_TP, SELF_TP]);
  });

  it('follows TlsCertificateName with no fallback to the Fqdn', () => {
    const [stale] = parse(frontend({ TlsCertificateName: `<I>${OLD_ISSUER}<S>${WILDCARD_SUBJECT}` })).receiveConnectors;
    const sel = selectForReceiveConnector(stale, certs, NOW);
    expect(sel.by).toBe('tls-certificate-name');
    expect(sel.by === 'tls-certificate-name' && sel.chosen?.thumbprint).toBe(OLD_TP);
    const noneLeft = selectForReceiveConnector(stale, [certs[0], certs[2]], NOW);
    expect(noneLeft.by === 'tls-certificate-name' && noneLeft.chosen).toBeUndefined();
  });

  it('picks by Fqdn among SMTP certificates when TlsCertificateName is empty', () => {
    const [internal] = parse(frontend({ TlsCertificateName: '', Fqdn: 'SRVEX01.contoso.local' })).receiveConnectors;
    const sel = selectForReceiveConnector(internal, certs, NOW);
    expect(sel.by === 'fqdn' && sel.chosen?.thumbprint).toBe(SELF_TP);
    const [publicName] = parse(frontend({ TlsCertificateName: '' })).receiveConnectors;
    const pub = selectForReceiveConnector(publicName, certs, NOW);
    expect(pub.by === 'fqdn' && pub.chosen?.thumbprint).toBe(NEW_TP);
  });

  it('finds the send connector certificate and a replacement with the same Subject', () => {
    const [sc] = parse(hybridSend({ TlsCertificateName: `<I>${OLD_ISSUER}<S>${WILDCARD_SUBJECT}` })).sendConnectors;
    expect(selectForSendConnector(sc, certs, NOW).map((c) => c.thumbprint)).toEqual([OLD_TP]);
    expect(replacementCertificate(certs, NOW, { subject: WILDCARD_SUBJECT })?.thumbprint).toBe(NEW_TP);
    expect(replacementCertificate([certs[1], certs[2]], NOW)).toBeUndefined();
  });
});
