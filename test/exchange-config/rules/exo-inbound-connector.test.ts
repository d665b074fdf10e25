import { lines } from '../../helpers/commands';
import {
  exoInboundNoRequireTls,
  exoInboundNoSenderCertificateName,
  exoInboundSenderNameNotOnCertificate,
} from '../../../src/exchange-config/rules/exo-inbound-connector';
import { certificate, ctx, exoInbound, hybridSend, parse } from '../helpers/format-list';

const ID = "'Inbound from 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40'";

describe('Exchange Online inbound connector', () => {
  it('exo-inbound-no-requiretls', () => {
    const [f] = exoInboundNoRequireTls(ctx(parse(exoInbound({ RequireTls: 'False' }))));
    expect(f).toMatchObject({ id: 'exo-inbound-no-requiretls', severity: 'warning', title: 'Exchange Online inbound connector "Inbound from 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40" does not require TLS' });
    expect(f.remediation[0]).toMatchObject({ platform: 'exchange-online', commands: [{ shell: 'exo', line: `Set-InboundConnector ${ID} -RequireTls $true` }] });
  });

  it('exo-inbound-no-sender-certificate-name: fills in a name from the on-premises certificate', () => {
    const [f] = exoInboundNoSenderCertificateName(ctx(parse(exoInbound({ TlsSenderCertificateName: '', SenderIPAddresses: '{203.0.113.25}' }), hybridSend(), certificate())));
    expect(f).toMatchObject({ id: 'exo-inbound-no-sender-certificate-name', severity: 'warning' });
    expect(f.evidence).toEqual(['TlsSenderCertificateName: (empty)', 'SenderIPAddresses: 203.0.113.25: mail is recognised by address only.']);
    expect(lines(f.remediation[0])).toEqual([`Set-InboundConnector ${ID} -RequireTls $true -TlsSenderCertificateName '*.contoso.com'`]);
  });

  it('exo-inbound-sender-name-not-on-certificate: the name is on none of the certificates on-premises presents', () => {
    const [f] = exoInboundSenderNameNotOnCertificate(ctx(parse(exoInbound({ TlsSenderCertificateName: 'mail.fabrikam.com' }), hybridSend(), certificate())));
    expect(f).toMatchObject({ id: 'exo-inbound-sender-name-not-on-certificate', severity: 'critical' });
    expect(f.evidence).toEqual([
      'TlsSenderCertificateName: mail.fabrikam.com',
      'On-premises certificate named by send connector "Outbound to Office 365 - 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40": CN=*.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US (thumbprint 7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01); names: *.contoso.com, contoso.com',
    ]);
    expect(lines(f.remediation[0])).toEqual([`Set-InboundConnector ${ID} -TlsSenderCertificateName '*.contoso.com'`]);
  });

  it('is satisfied by the wizard-made connector and skips partner connectors and what it cannot check', () => {
    const ok = parse(exoInbound(), hybridSend(), certificate());
    expect([...exoInboundNoRequireTls(ctx(ok)), ...exoInboundNoSenderCertificateName(ctx(ok)), ...exoInboundSenderNameNotOnCertificate(ctx(ok))]).toEqual([]);
    expect(exoInboundNoRequireTls(ctx(parse(exoInbound({ ConnectorType: 'Partner', RequireTls: 'False' }))))).toEqual([]);
    // Only the CN of the send connector's TlsCertificateName is known: its other names might match.
    expect(exoInboundSenderNameNotOnCertificate(ctx(parse(exoInbound({ TlsSenderCertificateName: 'mail.fabrikam.com' }), hybridSend())))).toEqual([]);
  });
});
