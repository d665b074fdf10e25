import type { RuleContext } from '../../../src/exchange-config/rules/rule';
import { tlsCertificateNameEmpty, tlsCertificateNameMalformed, tlsCertificateNameNotFound } from '../../../src/exchange-config/rules/tls-certificate-name';
import { lines } from '../../helpers/commands';
import { certificate, ctx, frontend, hybridSend, NEW_ISSUER, OLD_ISSUER, parse, selfSigned, WILDCARD_SUBJECT } from '../helpers/format-list';

const NEW_VALUE = `'<I>${NEW_ISSUER}<S>${WILDCARD_SUBJECT}'`;
const STALE = `<I>${OLD_ISSUER}<S>${WILDCARD_SUBJECT}`;
const allThree = (c: RuleContext) => [tlsCertificateNameEmpty, tlsCertificateNameMalformed, tlsCertificateNameNotFound].flatMap((rule) => rule(c));

describe('tls-certificate-name-*', () => {
  it('tls-certificate-name-empty: says which certificate the Fqdn picks and how to name it', () => {
    const [f] = tlsCertificateNameEmpty(ctx(parse(frontend({ TlsCertificateName: '' }), certificate(), selfSigned())));
    expect(f).toMatchObject({ id: 'tls-certificate-name-empty', severity: 'info', ports: [25] });
    expect(f.evidence).toEqual([
      "TlsCertificateName is empty: Exchange picks the certificate by the connector's Fqdn (mail.contoso.com).",
      'By that name it picks CN=*.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US (thumbprint 7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01).',
      `Certificate to use: CN=*.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US (thumbprint 7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01), issued by ${NEW_ISSUER}`,
    ]);
    expect(lines(f.remediation[0])).toEqual([
      `Set-ReceiveConnector 'SRVEX01\\Default Frontend SRVEX01' -TlsCertificateName ${NEW_VALUE}`,
      'Restart-Service MSExchangeFrontEndTransport',
    ]);
  });

  it('tls-certificate-name-malformed: a host name instead of <I>issuer<S>subject', () => {
    const [f] = tlsCertificateNameMalformed(ctx(parse(frontend({ TlsCertificateName: 'mail.contoso.com' }), certificate())));
    expect(f).toMatchObject({ id: 'tls-certificate-name-malformed', severity: 'critical', ports: [25] });
    expect(f.evidence.slice(0, 2)).toEqual(['TlsCertificateName: mail.contoso.com', 'Problem: it is a host name; Exchange expects <I>issuer<S>subject.']);
    expect(lines(f.remediation[0])[0]).toBe(`Set-ReceiveConnector 'SRVEX01\\Default Frontend SRVEX01' -TlsCertificateName ${NEW_VALUE}`);
  });

  it('tls-certificate-name-not-found: the renewed certificate (KB 2989382) replaces the old name', () => {
    const [f] = tlsCertificateNameNotFound(ctx(parse(frontend({ TlsCertificateName: STALE }), certificate(), selfSigned())));
    expect(f).toMatchObject({ id: 'tls-certificate-name-not-found', severity: 'critical', ports: [25], objects: ['SRVEX01\\Default Frontend SRVEX01'] });
    expect(f.evidence).toContain(`None of the 2 pasted certificates has Issuer "${OLD_ISSUER}" and Subject "${WILDCARD_SUBJECT}".`);
    expect(f.evidence).toContain(
      `CN=*.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US (thumbprint 7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01) has the same Subject but Issuer "${NEW_ISSUER}": the certificate was renewed and the connector still names the old one (KB 2989382).`,
    );
    expect(f.remediation[0].steps[0]).toMatch(/offers no STARTTLS and logs event 12014/);
    expect(lines(f.remediation[0])).toEqual([
      expect.stringMatching(/^Get-WinEvent .*Id=12014/),
      `Set-ReceiveConnector 'SRVEX01\\Default Frontend SRVEX01' -TlsCertificateName ${NEW_VALUE}`,
      'Restart-Service MSExchangeFrontEndTransport',
    ]);
  });

  it('tls-certificate-name-not-found on the hybrid send connector: 454 4.7.5, and enable SMTP on the replacement first', () => {
    const config = parse(hybridSend({ TlsCertificateName: STALE }), certificate({ Services: 'IIS' }));
    const [f] = tlsCertificateNameNotFound(ctx(config));
    expect(f).toMatchObject({ id: 'tls-certificate-name-not-found', severity: 'critical', ports: [] });
    expect(f.title).toBe('TlsCertificateName of send connector "Outbound to Office 365 - 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40" names a certificate that is not on the server');
    expect(f.remediation[0].steps[0]).toContain('454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector could not be found');
    expect(lines(f.remediation[0])).toEqual([
      'Enable-ExchangeCertificate -Thumbprint 7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01 -Services SMTP',
      `Set-SendConnector 'Outbound to Office 365 - 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40' -TlsCertificateName ${NEW_VALUE}`,
      'Restart-Service MSExchangeTransport',
    ]);
  });

  it('names the swap when Issuer and Subject are the wrong way round', () => {
    const [f] = tlsCertificateNameNotFound(ctx(parse(frontend({ TlsCertificateName: `<I>${WILDCARD_SUBJECT}<S>${NEW_ISSUER}` }), certificate())));
    expect(f.evidence).toContain(
      'Issuer and Subject are swapped: CN=*.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US (thumbprint 7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01) matches them the other way round.',
    );
  });

  it('says nothing about a name it cannot check (no certificates pasted) or one that matches', () => {
    expect(allThree(ctx(parse(frontend({ TlsCertificateName: STALE }))))).toEqual([]);
    expect(allThree(ctx(parse(frontend(), certificate())))).toEqual([]);
  });
});
