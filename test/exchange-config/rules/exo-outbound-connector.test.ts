import { exoOutboundTlsCannotValidate, exoOutboundTlsNotValidated } from '../../../src/exchange-config/rules/exo-outbound-connector';
import { lines } from '../../helpers/commands';
import {
  certificate,
  ctx,
  DEFAULT_FRONTEND_EHLO,
  exoOutbound,
  frontend,
  NEW_ISSUER,
  OLD_ISSUER,
  oldCertificate,
  parse,
  portReport,
  report,
  servedCertificate,
  WILDCARD_SUBJECT,
} from '../helpers/format-list';

const ID = "'Outbound to 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40'";

describe('Exchange Online outbound connector', () => {
  it('exo-outbound-tls-cannot-validate: TlsDomain not on the certificate the probe saw (SubjectMismatch)', () => {
    const probe = report([portReport(25, DEFAULT_FRONTEND_EHLO, servedCertificate())]);
    const [f] = exoOutboundTlsCannotValidate(ctx(parse(exoOutbound({ TlsDomain: 'mail.fabrikam.com' }), frontend(), certificate()), probe));
    expect(f).toMatchObject({ id: 'exo-outbound-tls-cannot-validate', severity: 'critical', ports: [25] });
    expect(f.evidence[1]).toBe(
      `${WILDCARD_SUBJECT} (thumbprint 7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01) (served on port 25 to the probe) does not carry TlsDomain mail.fabrikam.com; names: *.contoso.com, contoso.com (450 4.7.320 Certificate validation failed [Message=SubjectMismatch]).`,
    );
    expect(lines(f.remediation[0])).toEqual([`Set-OutboundConnector ${ID} -TlsSettings DomainValidation -TlsDomain 'mail.contoso.com'`]);
  });

  it('exo-outbound-tls-cannot-validate: the port-25 connector presents an expired certificate', () => {
    const config = parse(exoOutbound(), frontend({ TlsCertificateName: `<I>${OLD_ISSUER}<S>${WILDCARD_SUBJECT}` }), certificate(), oldCertificate());
    const [f] = exoOutboundTlsCannotValidate(ctx(config));
    expect(f.evidence[1]).toBe(
      `${WILDCARD_SUBJECT} (thumbprint 2E8B4D6F0A1C3E5B7D9F1A3C5E7B9D0F2A4C6E88) (presented by receive connector "SRVEX01\\Default Frontend SRVEX01") has expired (4.7.322 certificate-expired).`,
    );
    expect(lines(f.remediation[0])).toEqual([
      `Set-ReceiveConnector 'SRVEX01\\Default Frontend SRVEX01' -TlsCertificateName '<I>${NEW_ISSUER}<S>${WILDCARD_SUBJECT}'`,
      'Restart-Service MSExchangeFrontEndTransport',
    ]);
  });

  it('exo-outbound-tls-cannot-validate: a self-signed certificate on port 25', () => {
    const probe = report([portReport(25, DEFAULT_FRONTEND_EHLO, servedCertificate({ subject: 'CN=SRVEX01', issuer: 'CN=SRVEX01', san: ['SRVEX01', 'SRVEX01.contoso.local'], selfSigned: true, trusted: false }))]);
    const [f] = exoOutboundTlsCannotValidate(ctx(parse(exoOutbound({ TlsSettings: 'CertificateValidation', TlsDomain: '' })), probe));
    expect(f.evidence).toContain(
      'CN=SRVEX01 (thumbprint 7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01) (served on port 25 to the probe) is self-signed: Exchange Online does not trust it (450 4.7.320 Certificate validation failed).',
    );
  });

  it('exo-outbound-tls-not-validated: no TlsSettings on the OnPremises connector', () => {
    const [f] = exoOutboundTlsNotValidated(ctx(parse(exoOutbound({ TlsSettings: '', TlsDomain: '' }), frontend(), certificate())));
    expect(f).toMatchObject({ id: 'exo-outbound-tls-not-validated', severity: 'warning' });
    expect(f.evidence[0]).toBe('TlsSettings: (empty: TLS not required)');
    expect(lines(f.remediation[0])).toEqual([`Set-OutboundConnector ${ID} -TlsSettings DomainValidation -TlsDomain 'mail.contoso.com'`]);
  });

  it('is satisfied when the certificate carries TlsDomain and is valid', () => {
    const config = parse(exoOutbound(), frontend(), certificate());
    expect([...exoOutboundTlsCannotValidate(ctx(config)), ...exoOutboundTlsNotValidated(ctx(config))]).toEqual([]);
  });
});
