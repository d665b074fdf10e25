import { receiveConnectorsOverlap } from '../../../src/exchange-config/rules/receive-connectors-overlap';
import { lines } from '../../helpers/commands';
import { ctx, frontend, parse, relay } from '../helpers/format-list';

describe('receive-connectors-overlap', () => {
  it('says which connector answers which senders on port 25 and why their answers differ', () => {
    const [f] = receiveConnectorsOverlap(ctx(parse(frontend(), relay())));
    expect(f).toMatchObject({
      id: 'receive-connectors-overlap',
      severity: 'warning',
      ports: [25],
      title: '2 receive connectors answer port 25 for overlapping senders',
      objects: ['SRVEX01\\Default Frontend SRVEX01', 'SRVEX01\\Relay SRVEX01'],
    });
    expect(f.evidence).toEqual([
      '"SRVEX01\\Default Frontend SRVEX01": RemoteIPRanges {::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 0.0.0.0-255.255.255.255}; AuthMechanism Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer; MaxMessageSize 36 MB (37,748,736 bytes)',
      '"SRVEX01\\Relay SRVEX01": RemoteIPRanges {192.0.2.10, 192.0.2.20-192.0.2.30, 198.51.100.0/24}; AuthMechanism ExternalAuthoritative; MaxMessageSize 59.53 MB (62,423,040 bytes)',
      'Senders in 192.0.2.10 reach "SRVEX01\\Relay SRVEX01" (more specific than 0.0.0.0-255.255.255.255 of "SRVEX01\\Default Frontend SRVEX01").',
      'Senders in 192.0.2.20-192.0.2.30 reach "SRVEX01\\Relay SRVEX01" (more specific than 0.0.0.0-255.255.255.255 of "SRVEX01\\Default Frontend SRVEX01").',
      'Senders in 198.51.100.0/24 reach "SRVEX01\\Relay SRVEX01" (more specific than 0.0.0.0-255.255.255.255 of "SRVEX01\\Default Frontend SRVEX01").',
      'STARTTLS differs by sender: "SRVEX01\\Relay SRVEX01" has no Tls in AuthMechanism, so the senders it answers get no STARTTLS.',
      'SIZE differs by sender: the connectors have different MaxMessageSize values.',
      'AUTH differs by sender: only some of the connectors allow Integrated or BasicAuth.',
    ]);
    expect(lines(f.remediation[0])).toEqual([
      "Set-ReceiveConnector 'SRVEX01\\Relay SRVEX01' -AuthMechanism Tls,ExternalAuthoritative",
      'Restart-Service MSExchangeFrontEndTransport',
    ]);
  });

  it('is information only when every overlapping connector has Tls', () => {
    const [f] = receiveConnectorsOverlap(ctx(parse(frontend(), relay({ AuthMechanism: 'Tls, ExternalAuthoritative' }))));
    expect(f.severity).toBe('info');
    expect(lines(f.remediation[0])).toEqual([]);
  });

  it('ignores connectors on other ports, other address families and disjoint ranges', () => {
    expect(receiveConnectorsOverlap(ctx(parse(frontend(), relay({ Bindings: '{0.0.0.0:587}' }))))).toEqual([]);
    expect(receiveConnectorsOverlap(ctx(parse(frontend({ Bindings: '{[::]:25}' }), relay())))).toEqual([]);
    expect(receiveConnectorsOverlap(ctx(parse(relay(), relay({ Identity: 'SRVEX01\\Scanners', RemoteIPRanges: '{203.0.113.0/24}' }))))).toEqual([]);
  });
});
