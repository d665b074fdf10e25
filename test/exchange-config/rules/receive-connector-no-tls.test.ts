import { authMechanismWithTls, receiveConnectorNoTls } from '../../../src/exchange-config/rules/receive-connector-no-tls';
import { ctx, frontend, parse, relay } from '../helpers/format-list';

describe('receive-connector-no-tls', () => {
  it('warns about a relay connector on port 25 without Tls, for the senders it answers', () => {
    const [f] = receiveConnectorNoTls(ctx(parse(frontend(), relay())));
    expect(f).toMatchObject({
      id: 'receive-connector-no-tls',
      severity: 'warning',
      ports: [25],
      title: 'Receive connector "SRVEX01\\Relay SRVEX01" offers no STARTTLS: Tls is missing from its AuthMechanism',
      objects: ['SRVEX01\\Relay SRVEX01'],
    });
    expect(f.evidence).toContain('AuthMechanism: ExternalAuthoritative (no Tls)');
    expect(f.evidence[2]).toBe(
      'RemoteIPRanges: {192.0.2.10, 192.0.2.20-192.0.2.30, 198.51.100.0/24}: the senders in these ranges get no STARTTLS on port 25',
    );
    expect(f.remediation[0].commands).toEqual([
      "Set-ReceiveConnector 'SRVEX01\\Relay SRVEX01' -AuthMechanism Tls,ExternalAuthoritative",
      'Restart-Service MSExchangeFrontEndTransport',
    ]);
  });

  it('is critical when the connector answers every sender, and restores the Default Frontend set', () => {
    const [f] = receiveConnectorNoTls(ctx(parse(frontend({ AuthMechanism: 'Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer' }))));
    expect(f.severity).toBe('critical');
    expect(f.remediation[0].commands[0]).toBe(
      "Set-ReceiveConnector 'SRVEX01\\Default Frontend SRVEX01' -AuthMechanism Tls,Integrated,BasicAuth,BasicAuthRequireTLS,ExchangeServer",
    );
  });

  it('leaves connectors with Tls, hub connectors and other ports alone', () => {
    const config = parse(
      frontend(),
      relay({ Identity: 'SRVEX01\\Hub relay', TransportRole: 'HubTransport', Bindings: '{0.0.0.0:2525}' }),
      relay({ Identity: 'SRVEX01\\Apps 587', Bindings: '{0.0.0.0:587}' }),
      relay({ Identity: 'SRVEX01\\Disabled', Enabled: 'False' }),
    );
    expect(receiveConnectorNoTls(ctx(config))).toEqual([]);
  });

  it('adds Tls to what a custom connector has, dropping nothing', () => {
    const [rc] = parse(relay({ Name: 'Partners', AuthMechanism: 'BasicAuth' })).receiveConnectors;
    expect(authMechanismWithTls(rc)).toEqual(['Tls', 'BasicAuth']);
  });
});
