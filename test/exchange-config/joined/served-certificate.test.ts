import { servedCertificateDiffers, servedCertificateNotOnServer, servedNamesMissFqdn } from '../../../src/exchange-config/joined/served-certificate';
import { lines } from '../../helpers/commands';
import {
  certificate,
  ctx,
  DEFAULT_FRONTEND_EHLO,
  frontend,
  NEW_ISSUER,
  OLD_ISSUER,
  parse,
  portReport,
  report,
  servedCertificate,
  WILDCARD_SUBJECT,
} from '../helpers/format-list';

describe('served-certificate-differs-from-tls-certificate-name', () => {
  it('compares the served Issuer and Subject with the answering connector\'s TlsCertificateName', () => {
    const config = parse(frontend({ TlsCertificateName: `<I>${OLD_ISSUER}<S>${WILDCARD_SUBJECT}` }), certificate());
    const [f] = servedCertificateDiffers(ctx(config, report([portReport(25, DEFAULT_FRONTEND_EHLO, servedCertificate())])));
    expect(f).toMatchObject({ id: 'served-certificate-differs-from-tls-certificate-name', severity: 'warning', ports: [25] });
    expect(f.evidence).toEqual([
      `Port 25 served Subject "${WILDCARD_SUBJECT}", Issuer "${NEW_ISSUER}" (thumbprint 7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01).`,
      `TlsCertificateName of "SRVEX01\\Default Frontend SRVEX01": <I>${OLD_ISSUER}<S>${WILDCARD_SUBJECT}`,
      `The served certificate's value would be: <I>${NEW_ISSUER}<S>${WILDCARD_SUBJECT}`,
      'Same Subject, different Issuer: a renewed certificate from a new intermediate.',
      `The served certificate is in the pasted store: ${WILDCARD_SUBJECT} (thumbprint 7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01).`,
    ]);
  });

  it('is quiet when the served certificate is the one named', () => {
    expect(servedCertificateDiffers(ctx(parse(frontend()), report([portReport(25, DEFAULT_FRONTEND_EHLO, servedCertificate())])))).toEqual([]);
  });
});

describe('served-certificate-not-on-server', () => {
  it('flags a served thumbprint that none of the pasted certificates has', () => {
    const served = servedCertificate({ sha1Thumbprint: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01', subject: 'CN=gateway.contoso.com', san: ['gateway.contoso.com'] });
    const [f] = servedCertificateNotOnServer(ctx(parse(frontend(), certificate()), report([portReport(25, DEFAULT_FRONTEND_EHLO, served)])));
    expect(f).toMatchObject({ id: 'served-certificate-not-on-server', severity: 'warning', ports: [25] });
    expect(f.evidence[1]).toBe('Pasted thumbprints: 7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01');
    expect(lines(f.remediation[0])).toContain("Resolve-DnsName 'mail.contoso.com'");
  });

  it('needs pasted certificates to judge', () => {
    const served = servedCertificate({ sha1Thumbprint: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' });
    expect(servedCertificateNotOnServer(ctx(parse(frontend()), report([portReport(25, DEFAULT_FRONTEND_EHLO, served)])))).toEqual([]);
  });
});

describe('served-names-miss-fqdn', () => {
  it('compares the served names with the Fqdn the connector announces', () => {
    const [f] = servedNamesMissFqdn(ctx(parse(frontend({ Fqdn: 'SRVEX01.contoso.local' })), report([portReport(25, DEFAULT_FRONTEND_EHLO, servedCertificate())])));
    expect(f).toMatchObject({ id: 'served-names-miss-fqdn', severity: 'warning', ports: [25] });
    expect(f.evidence.slice(1)).toEqual(['Names on it: *.contoso.com, contoso.com', 'Fqdn of "SRVEX01\\Default Frontend SRVEX01": SRVEX01.contoso.local']);
    expect(lines(f.remediation[0])[0]).toBe("Set-ReceiveConnector 'SRVEX01\\Default Frontend SRVEX01' -Fqdn 'mail.contoso.com'");
  });

  it('is quiet when the served certificate covers the Fqdn', () => {
    expect(servedNamesMissFqdn(ctx(parse(frontend()), report([portReport(25, DEFAULT_FRONTEND_EHLO, servedCertificate())])))).toEqual([]);
  });
});

describe('which connector presented the certificate', () => {
  it('does not blame the only connector with Tls when SIZE says another one answered', () => {
    const probe = report([portReport(587, ['SIZE 20971520', 'STARTTLS', 'AUTH NTLM'], servedCertificate())]);
    const config = parse(frontend({ Identity: 'SRVEX01\\Client Frontend SRVEX01', Bindings: '{[::]:587, 0.0.0.0:587}', Fqdn: 'SRVEX01.contoso.local' }));
    expect(servedNamesMissFqdn(ctx(config, probe))).toEqual([]);
  });
});
