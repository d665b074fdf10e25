import { parseExchangePaste } from '../../src/exchange-config/parse-paste';
import { fixture, fl, relay } from './helpers/format-list';

const FULL = ['receive-connectors-srvex01.txt', 'exchange-certificates-srvex01.txt', 'send-connectors-srvex01.txt', 'exchange-online-connectors.txt'];

describe('parseExchangePaste', () => {
  it('reads every object of the five cmdlets from one paste', () => {
    const config = parseExchangePaste(FULL.map(fixture).join('\n'));
    expect(config.receiveConnectors.map((rc) => rc.identity)).toEqual([
      'SRVEX01\\Default SRVEX01',
      'SRVEX01\\Client Proxy SRVEX01',
      'SRVEX01\\Default Frontend SRVEX01',
      'SRVEX01\\Outbound Proxy Frontend SRVEX01',
      'SRVEX01\\Client Frontend SRVEX01',
      'SRVEX01\\Relay SRVEX01',
    ]);
    expect(config.certificates.map((c) => c.friendlyName)).toEqual([
      'contoso wildcard 2025',
      'contoso wildcard 2024',
      'Microsoft Exchange',
      'Microsoft Exchange Server Auth Certificate',
      'WMSVC-SHA2',
    ]);
    expect(config.sendConnectors.map((s) => s.identity)).toEqual(['Outbound to Office 365 - 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40', 'Internet SRVEX01']);
    expect(config.inboundConnectors.map((c) => c.identity)).toEqual(['Inbound from 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40', 'Partner Fabrikam']);
    expect(config.outboundConnectors.map((c) => c.identity)).toEqual(['Outbound to 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40']);
    expect(config.unrecognisedBlocks).toBe(0);
  });

  it('keeps the properties it does not use', () => {
    const config = parseExchangePaste(fixture('receive-connectors-srvex01.txt'));
    expect(config.receiveConnectors[0].properties.TarpitInterval).toBe('00:00:05');
    expect(config.receiveConnectors[0].properties.RunspaceId).toBe('3f6c1b2e-9a47-4d3e-8b21-6c0f5e7a9d14');
  });

  it('notes the cut RemoteIPRanges of the relay connector', () => {
    const config = parseExchangePaste(fixture('receive-connectors-srvex01.txt'));
    expect(config.notes).toEqual([
      'RemoteIPRanges of "SRVEX01\\Relay SRVEX01" is cut after 4 ranges; run $FormatEnumerationLimit = -1 before the command to see them all.',
    ]);
  });

  it('notes the damaged TlsCertificateName of the thread extract', () => {
    const config = parseExchangePaste(fixture('thread-receive-connector-extract.txt'));
    expect(config.receiveConnectors).toHaveLength(1);
    expect(config.notes).toEqual([
      'TlsCertificateName of the connector on {[::]:25, 0.0.0.0:25} is longer than a certificate name can be: the paste cut it or glued other text to it, so it is compared by its beginning.',
    ]);
  });

  it('counts blocks it could not place and notes unreadable values', () => {
    const config = parseExchangePaste(
      `${fl({ DisplayName: 'Administrator', PrimarySmtpAddress: 'admin@contoso.com' })}\n${fl(relay({ MaxMessageSize: 'lots', RemoteIPRanges: '{scanner01}' }))}`,
    );
    expect(config.unrecognisedBlocks).toBe(1);
    expect(config.notes).toEqual([
      'RemoteIPRanges of "SRVEX01\\Relay SRVEX01" has entries that are not addresses: scanner01.',
      'MaxMessageSize of "SRVEX01\\Relay SRVEX01" could not be read: "lots".',
    ]);
  });

  it('says when the paste is a table rather than a list', () => {
    const table = 'Thumbprint                                Services   Subject\n----------                                --------   -------\n7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01  ...WS...   CN=*.contoso.com\n';
    const config = parseExchangePaste(table);
    expect(config.certificates).toEqual([]);
    expect(config.notes).toEqual(['Part of the paste is a table (Format-Table); tables cut values, so run the command again with | fl.']);
  });
});
