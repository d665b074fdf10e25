import { parseFormatList, propertyMap } from '../../src/exchange-config/format-list';
import {
  bindsPort,
  connectorPorts,
  hasTls,
  isInternetFacing,
  receiveConnectorLabel,
  receiveConnectorPhrase,
  toReceiveConnector,
} from '../../src/exchange-config/receive-connector';
import type { ReceiveConnector } from '../../src/exchange-config/types';
import { fixture, fl, frontend, relay } from './helpers/format-list';

function read(text: string): ReceiveConnector | undefined {
  const block = parseFormatList(text).blocks[0];
  return toReceiveConnector(propertyMap(block), {});
}

describe('toReceiveConnector', () => {
  it('reads the Default Frontend connector', () => {
    const rc = read(fl(frontend()));
    expect(rc).toMatchObject({
      identity: 'SRVEX01\\Default Frontend SRVEX01',
      transportRole: 'FrontendTransport',
      enabled: true,
      authMechanism: ['Tls', 'Integrated', 'BasicAuth', 'BasicAuthRequireTLS', 'ExchangeServer'],
      fqdn: 'mail.contoso.com',
      maxMessageSize: 37748736,
      suppressXAnonymousTls: false,
    });
    expect(rc?.bindings.map((b) => `${b.family}:${b.port}`)).toEqual(['6:25', '4:25']);
    expect(rc?.remoteIpRanges.map((r) => r.text)).toEqual(['::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '0.0.0.0-255.255.255.255']);
    expect(rc?.tlsCertificateName.kind).toBe('ok');
  });

  it('builds the identity from Server and Name when Identity is not pasted', () => {
    expect(read(fl({ Server: 'SRVEX02', Name: 'Relay SRVEX02', Bindings: '{0.0.0.0:25}', AuthMechanism: 'ExternalAuthoritative' }))?.identity).toBe('SRVEX02\\Relay SRVEX02');
  });

  it('reads the thread extract without a name: every address by default, Tls present', () => {
    const rc = read(fixture('thread-receive-connector-extract.txt'));
    expect(rc?.identity).toBeUndefined();
    expect(rc?.remoteIpRanges).toHaveLength(2);
    expect(rc?.maxMessageSize).toBeUndefined();
    expect(rc && hasTls(rc)).toBe(true);
    expect(rc && isInternetFacing(rc)).toBe(true);
    expect(rc && receiveConnectorLabel(rc)).toBe('the connector on {[::]:25, 0.0.0.0:25}');
    expect(rc && receiveConnectorPhrase(rc)).toBe('the receive connector on {[::]:25, 0.0.0.0:25}');
  });

  it('keeps unreadable ranges aside and flags a cut list', () => {
    const rc = read(fl(relay({ RemoteIPRanges: '{192.0.2.10, scanner.contoso.local, 198.51.100.0/24...}' })));
    expect(rc?.remoteIpRanges.map((r) => r.text)).toEqual(['192.0.2.10', '198.51.100.0/24']);
    expect(rc?.remoteIpRangesUnreadable).toEqual(['scanner.contoso.local']);
    expect(rc?.remoteIpRangesTruncated).toBe(true);
  });

  it('is not a connector without a readable binding', () => {
    expect(read(fl({ Name: 'x', Bindings: '{somewhere}', AuthMechanism: 'Tls' }))).toBeUndefined();
  });

  it('faces the Internet only as an enabled frontend (or role unknown) connector on port 25', () => {
    const hub = read(fl(frontend({ TransportRole: 'HubTransport', Bindings: '{0.0.0.0:2525}' })))!;
    const disabled = read(fl(frontend({ Enabled: 'False' })))!;
    const submission = read(fl(frontend({ Bindings: '{0.0.0.0:587}' })))!;
    expect([hub, disabled, submission].map(isInternetFacing)).toEqual([false, false, false]);
    expect(connectorPorts(submission)).toEqual([587]);
    expect(bindsPort(submission, 25)).toBe(false);
  });
});
