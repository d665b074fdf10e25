import { connectorFqdnNotCovered } from '../../../src/exchange-config/rules/connector-fqdn';
import { lines } from '../../helpers/commands';
import { certificate, ctx, DEFAULT_FRONTEND_EHLO, fixture, frontend, parse, portReport, report, selfSigned } from '../helpers/format-list';
import { parseExchangePaste } from '../../../src/exchange-config/parse-paste';

describe('connector-fqdn-not-covered', () => {
  it("flags the thread's internal Fqdn against the wildcard certificate TlsCertificateName names", () => {
    const [f] = connectorFqdnNotCovered(ctx(parseExchangePaste(fixture('thread-receive-connector-extract.txt'))));
    expect(f).toMatchObject({ id: 'connector-fqdn-not-covered', severity: 'warning', ports: [25], objects: [] });
    expect(f.title).toBe('The Fqdn SRVEX01.domain.local of the receive connector on {[::]:25, 0.0.0.0:25} is not on its certificate');
    expect(f.evidence).toEqual([
      'Fqdn: SRVEX01.domain.local',
      'Names on the certificate TlsCertificateName names (judged by the CN in TlsCertificateName; its other names need Get-ExchangeCertificate): *.XXXXX.com',
      'SRVEX01.domain.local is an internal name: no public CA issues certificates for it, so only a self-signed or private certificate can carry it.',
      'TlsCertificateName is set, so Exchange picks the certificate by it rather than by the Fqdn.',
    ]);
    expect(lines(f.remediation[0])).toEqual(["Set-ReceiveConnector '<SRV>\\<connector name>' -Fqdn <host>.XXXXX.com", 'Restart-Service MSExchangeFrontEndTransport']);
  });

  it('suggests the probed host when the certificate covers it', () => {
    const config = parse(frontend({ Fqdn: 'SRVEX01.contoso.local' }), certificate());
    const [f] = connectorFqdnNotCovered(ctx(config, report([portReport(25, DEFAULT_FRONTEND_EHLO)])));
    expect(f.evidence[1]).toBe(
      'Names on the certificate TlsCertificateName names, CN=*.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US (thumbprint 7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01): *.contoso.com, contoso.com',
    );
    expect(lines(f.remediation[0])[0]).toBe("Set-ReceiveConnector 'SRVEX01\\Default Frontend SRVEX01' -Fqdn 'mail.contoso.com'");
  });

  it('with TlsCertificateName empty: warning when only the self-signed certificate carries the Fqdn', () => {
    const [f] = connectorFqdnNotCovered(ctx(parse(frontend({ TlsCertificateName: '', Fqdn: 'SRVEX01.contoso.local' }), certificate(), selfSigned())));
    expect(f.severity).toBe('warning');
    expect(f.evidence).toContain(
      'Only the self-signed CN=SRVEX01 (thumbprint B5D7F9A1C3E5A7B9D1F3A5C7E9B1D3F5A7C9E1B3) carries it: that is what senders get, and Exchange Online rejects it.',
    );
    expect(lines(f.remediation[0])[1]).toMatch(/^Set-ReceiveConnector 'SRVEX01\\Default Frontend SRVEX01' -TlsCertificateName '<I>CN=DigiCert Global G2/);
  });

  it('with TlsCertificateName empty: critical when no certificate carries the Fqdn at all', () => {
    const [f] = connectorFqdnNotCovered(ctx(parse(frontend({ TlsCertificateName: '', Fqdn: 'mx.fabrikam.com' }), certificate(), selfSigned())));
    expect(f.severity).toBe('critical');
    expect(f.evidence).toContain('No certificate enabled for SMTP carries it: Exchange offers no STARTTLS and logs event 12014.');
  });

  it('is quiet when a CA certificate covers the Fqdn, or when a public Fqdn cannot be judged without certificates', () => {
    expect(connectorFqdnNotCovered(ctx(parse(frontend(), certificate())))).toEqual([]);
    expect(connectorFqdnNotCovered(ctx(parse(frontend({ TlsCertificateName: '' }), certificate())))).toEqual([]);
    expect(connectorFqdnNotCovered(ctx(parse(frontend({ Fqdn: 'mx.fabrikam.com' }))))).toEqual([]);
  });
});
