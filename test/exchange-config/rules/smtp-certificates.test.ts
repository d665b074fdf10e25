import { certificateNotEnabledForSmtp, smtpCertificateExpired, smtpCertificateSelfSigned } from '../../../src/exchange-config/rules/smtp-certificates';
import { lines } from '../../helpers/commands';
import {
  certificate,
  ctx,
  frontend,
  hybridSend,
  NEW_ISSUER,
  OLD_ISSUER,
  OLD_TP,
  oldCertificate,
  parse,
  SELF_TP,
  selfSigned,
  WILDCARD_SUBJECT,
} from '../helpers/format-list';

const NEW_VALUE = `'<I>${NEW_ISSUER}<S>${WILDCARD_SUBJECT}'`;
const STALE = `<I>${OLD_ISSUER}<S>${WILDCARD_SUBJECT}`;

describe('smtp-certificate-expired', () => {
  it('is critical when connectors still name the expired certificate, and moves them to the renewed one', () => {
    const config = parse(frontend({ TlsCertificateName: STALE }), hybridSend({ TlsCertificateName: STALE }), certificate(), oldCertificate());
    const [f] = smtpCertificateExpired(ctx(config));
    expect(f).toMatchObject({ id: 'smtp-certificate-expired', severity: 'critical', ports: [25] });
    expect(f.objects).toEqual([OLD_TP, 'SRVEX01\\Default Frontend SRVEX01', 'Outbound to Office 365 - 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40']);
    expect(f.evidence).toContain('NotAfter: 2/12/2025 11:59:59 PM, Status: DateInvalid');
    expect(lines(f.remediation[0])).toEqual([
      `Set-ReceiveConnector 'SRVEX01\\Default Frontend SRVEX01' -TlsCertificateName ${NEW_VALUE}`,
      `Set-SendConnector 'Outbound to Office 365 - 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40' -TlsCertificateName ${NEW_VALUE}`,
      'Restart-Service MSExchangeFrontEndTransport',
      'Restart-Service MSExchangeTransport',
    ]);
  });

  it('is a warning for an expired certificate nobody presents that is still enabled for SMTP', () => {
    const [f] = smtpCertificateExpired(ctx(parse(frontend(), certificate(), oldCertificate())));
    expect(f).toMatchObject({ severity: 'warning', ports: [], title: `Expired certificate ${WILDCARD_SUBJECT} is still enabled for SMTP` });
    expect(lines(f.remediation[0])).toEqual([`Remove-ExchangeCertificate -Thumbprint ${OLD_TP}`]);
  });

  it('renews an expired self-signed certificate in place', () => {
    const [f] = smtpCertificateExpired(ctx(parse(selfSigned({ NotAfter: '6/3/2024 2:41:09 PM', Status: 'DateInvalid' }))));
    expect(lines(f.remediation[0])).toEqual([`Get-ExchangeCertificate -Thumbprint ${SELF_TP} | New-ExchangeCertificate -Force -PrivateKeyExportable $true`]);
  });

  it('ignores expired certificates without SMTP that nobody presents', () => {
    expect(smtpCertificateExpired(ctx(parse(oldCertificate({ Services: 'IIS' }))))).toEqual([]);
  });
});

describe('smtp-certificate-self-signed', () => {
  const selfValue = '<I>CN=SRVEX01<S>CN=SRVEX01';

  it('warns when the frontend connector names the self-signed certificate', () => {
    const [f] = smtpCertificateSelfSigned(ctx(parse(frontend({ TlsCertificateName: selfValue }), certificate(), selfSigned())));
    expect(f).toMatchObject({ id: 'smtp-certificate-self-signed', severity: 'warning', ports: [25], objects: [SELF_TP, 'SRVEX01\\Default Frontend SRVEX01'] });
    expect(f.evidence[0]).toBe(`CN=SRVEX01 (thumbprint ${SELF_TP}) is self-signed ("Microsoft Exchange")`);
    expect(lines(f.remediation[0])[0]).toBe(`Set-ReceiveConnector 'SRVEX01\\Default Frontend SRVEX01' -TlsCertificateName ${NEW_VALUE}`);
  });

  it('is critical on the hybrid send connector', () => {
    const [f] = smtpCertificateSelfSigned(ctx(parse(hybridSend({ TlsCertificateName: selfValue }), selfSigned())));
    expect(f.severity).toBe('critical');
    expect(f.remediation[0].steps[1]).toMatch(/^Get a certificate from a public CA/);
  });

  it('leaves the self-signed certificate alone when only internal connectors use it', () => {
    expect(smtpCertificateSelfSigned(ctx(parse(frontend(), certificate(), selfSigned())))).toEqual([]);
  });
});

describe('certificate-not-enabled-for-smtp', () => {
  it('is critical when TlsCertificateName names a certificate without SMTP: STARTTLS offered, handshake fails', () => {
    const [f] = certificateNotEnabledForSmtp(ctx(parse(frontend(), certificate({ Services: 'IIS' }))));
    expect(f).toMatchObject({ id: 'certificate-not-enabled-for-smtp', severity: 'critical', ports: [25] });
    expect(f.evidence).toEqual([
      `${WILDCARD_SUBJECT} (thumbprint 7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01): Services IIS`,
      'Presented by receive connector "SRVEX01\\Default Frontend SRVEX01" (named in its TlsCertificateName): STARTTLS is offered but the TLS handshake fails.',
    ]);
    expect(lines(f.remediation[0])).toEqual([
      'Enable-ExchangeCertificate -Thumbprint 7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01 -Services SMTP',
      'Restart-Service MSExchangeFrontEndTransport',
    ]);
  });

  it('with TlsCertificateName empty: an enterprise-CA certificate carrying the Fqdn is passed over for the self-signed one', () => {
    const config = parse(frontend({ TlsCertificateName: '', Fqdn: 'srvex01.contoso.local' }), certificate({ Services: 'IIS', CertificateDomains: '{*.contoso.com, srvex01.contoso.local}' }), selfSigned());
    const [f] = certificateNotEnabledForSmtp(ctx(config));
    expect(f.severity).toBe('warning');
    expect(f.evidence[1]).toBe(
      'Receive connector "SRVEX01\\Default Frontend SRVEX01" looks for a certificate for its Fqdn srvex01.contoso.local: this one carries it but is not eligible without SMTP, so Exchange presents the self-signed CN=SRVEX01 instead.',
    );
  });

  it('says nothing when Services was not pasted', () => {
    const { Services: _dropped, ...noServices } = certificate();
    expect(certificateNotEnabledForSmtp(ctx(parse(frontend(), noServices)))).toEqual([]);
  });
});

describe('certificate-not-enabled-for-smtp without a fallback', () => {
  it('is critical when nothing else carries the Fqdn: no STARTTLS', () => {
    const [f] = certificateNotEnabledForSmtp(ctx(parse(frontend({ TlsCertificateName: '' }), certificate({ Services: 'IIS' }), selfSigned())));
    expect(f.severity).toBe('critical');
    expect(f.evidence[1]).toMatch(/so Exchange finds none and offers no STARTTLS \(event 12014\)\.$/);
  });
});
