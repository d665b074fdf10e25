import { authMechanismWithTls, receiveConnectorNoTls } from '../../../src/exchange-config/rules/receive-connector-no-tls';
import { lines } from '../../helpers/commands';
import { analyzeExchangeText } from '../../../src/exchange-config/analyze';
import { ctx, fl, frontend, NOW, parse, relay } from '../helpers/format-list';

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
    expect(lines(f.remediation[0])).toEqual([
      "Set-ReceiveConnector 'SRVEX01\\Relay SRVEX01' -AuthMechanism Tls,ExternalAuthoritative",
      'Restart-Service MSExchangeFrontEndTransport',
    ]);
  });

  it('is critical when the connector answers every sender, and restores the Default Frontend set', () => {
    const [f] = receiveConnectorNoTls(ctx(parse(frontend({ AuthMechanism: 'Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer' }))));
    expect(f.severity).toBe('critical');
    expect(lines(f.remediation[0])[0]).toBe(
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

describe('receive-connector-no-tls: Exchange Online lands on a relay connector (the thread\'s failure)', () => {
  const EXO_RELAY = '{192.0.2.10, 40.92.0.0/15, 40.107.0.0/16, 52.100.0.0/15, 52.102.0.0/16, 52.103.0.0/17, 104.47.0.0/17}';

  it('is critical, names the connector, the 451 5.7.3 refusal and the commands that fix it', () => {
    const config = parse(frontend(), relay({ RemoteIPRanges: EXO_RELAY }));
    const findings = receiveConnectorNoTls(ctx(config));
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.severity).toBe('critical');
    expect(f.title).toBe('Receive connector "SRVEX01\\Relay SRVEX01" answers Exchange Online without STARTTLS: hybrid mail is refused with 451 5.7.3');
    expect(f.evidence).toContain(
      `RemoteIPRanges: ${EXO_RELAY}: it answers Exchange Online's outbound ranges 40.92.0.0/15, 40.107.0.0/16, 52.100.0.0/15, 52.102.0.0/16, 52.103.0.0/17, 104.47.0.0/17`,
    );
    expect(f.evidence).toContain(
      `Exchange Online's hybrid mail from those addresses lands on this connector and is refused with "451 5.7.3 STARTTLS is required to send mail" (Exchange Online requires STARTTLS towards on-premises)`,
    );
    expect(f.evidence.at(-1)).toMatch(/^Exchange Online's outbound ranges: https:\/\/endpoints\.office\.com\/.*endpoint set id 2.*, as reproduced on \d{4}-\d{2}-\d{2}$/);
    expect(f.remediation[0].steps[0]).toContain('Exchange Online sends hybrid mail to port 25 from its published outbound ranges, and receive connector "SRVEX01\\Relay SRVEX01" is the connector that answers them');
    expect(lines(f.remediation[0])).toEqual([
      "Set-ReceiveConnector 'SRVEX01\\Relay SRVEX01' -AuthMechanism Tls,ExternalAuthoritative",
      "Set-ReceiveConnector 'SRVEX01\\Relay SRVEX01' -RemoteIPRanges '192.0.2.10'",
      'Restart-Service MSExchangeFrontEndTransport',
    ]);
  });

  it('makes the whole analysis of the two-connector paste critical', () => {
    const a = analyzeExchangeText(fl(frontend(), relay({ RemoteIPRanges: EXO_RELAY })), undefined, { now: NOW });
    expect(a.verdict).toBe('critical');
    expect(a.findings[0]).toMatchObject({ id: 'receive-connector-no-tls', severity: 'critical', objects: ['SRVEX01\\Relay SRVEX01'] });
  });

  it('does not offer to narrow a range that holds more than Exchange Online (52.100.0.0/14 as in the issue)', () => {
    const [f] = receiveConnectorNoTls(ctx(parse(frontend(), relay({ RemoteIPRanges: '{192.0.2.10, 40.92.0.0/15, 40.107.0.0/16, 52.100.0.0/14, 104.47.0.0/17}' }))));
    expect(f.severity).toBe('critical');
    expect(f.evidence[2]).toContain("Exchange Online's outbound ranges 40.92.0.0/15, 40.107.0.0/16, 52.100.0.0/15, 52.102.0.0/16, 52.103.0.0/17, 104.47.0.0/17");
    expect(lines(f.remediation[0]).some((c) => c.includes('-RemoteIPRanges'))).toBe(false);
  });

  it('counts a relay answering every address, and says when RequireTLS contradicts the missing Tls', () => {
    const config = parse(frontend({ Bindings: '{0.0.0.0:25}' }), relay({ Bindings: '{192.0.2.5:25}', RemoteIPRanges: '{0.0.0.0-255.255.255.255}', RequireTLS: 'True' }));
    const [f] = receiveConnectorNoTls(ctx(config));
    expect(f.severity).toBe('critical');
    expect(f.title).toContain('answers Exchange Online without STARTTLS');
    expect(f.evidence).toContain('RequireTLS: True, but without Tls in AuthMechanism the connector cannot offer STARTTLS: the two settings contradict each other');
  });

  it('reaches IPv6 ranges only on an IPv6 binding', () => {
    const v6 = relay({ Bindings: '{[::]:25}', RemoteIPRanges: '{2a01:111:f403::/48}' });
    expect(receiveConnectorNoTls(ctx(parse(frontend(), v6)))[0].title).toContain('answers Exchange Online');
    const v4only = relay({ Bindings: '{0.0.0.0:25}', RemoteIPRanges: '{2a01:111:f403::/48}' });
    expect(receiveConnectorNoTls(ctx(parse(frontend(), v4only)))[0].severity).toBe('warning');
  });

  it('stays a warning when a more specific connector with Tls takes Exchange Online\'s addresses', () => {
    const config = parse(
      frontend(),
      relay({ RemoteIPRanges: '{40.0.0.0/8}' }),
      frontend({ Identity: 'SRVEX01\\From EXO', Name: 'From EXO', RemoteIPRanges: '{40.92.0.0/15, 40.107.0.0/16}' }),
    );
    const [f] = receiveConnectorNoTls(ctx(config));
    expect(f.severity).toBe('warning');
    expect(f.title).not.toContain('Exchange Online');
  });
});
