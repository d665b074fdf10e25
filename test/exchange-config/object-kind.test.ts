import { detectObjectKind } from '../../src/exchange-config/object-kind';

const props = (...names: string[]) => new Map(names.map((n) => [n.toLowerCase(), 'x']));

describe('detectObjectKind', () => {
  it.each([
    [['unspaceId', 'AuthMechanism', 'Bindings', 'Fqdn'], 'receive-connector'],
    [['Name', 'Bindings', 'RemoteIPRanges'], 'receive-connector'],
    [['Thumbprint', 'Services', 'Subject'], 'certificate'],
    [['Thumbprint', 'Subject', 'Issuer'], 'certificate'],
    [['Name', 'AddressSpaces', 'SmartHosts', 'RequireTLS'], 'send-connector'],
    [['Name', 'SmartHosts', 'TlsAuthLevel'], 'send-connector'],
    [['Name', 'ConnectorType', 'TlsSenderCertificateName', 'RequireTls'], 'inbound-connector'],
    [['Name', 'ConnectorType', 'SenderIPAddresses'], 'inbound-connector'],
    [['Name', 'ConnectorType', 'SmartHosts', 'TlsSettings', 'RecipientDomains'], 'outbound-connector'],
  ])('%j is a %s', (names, kind) => {
    expect(detectObjectKind(props(...names))).toBe(kind);
  });

  it('recognises nothing from unrelated properties', () => {
    expect(detectObjectKind(props('Name', 'Fqdn'))).toBeUndefined();
    expect(detectObjectKind(props('Thumbprint'))).toBeUndefined();
    expect(detectObjectKind(props('ConnectorType', 'Name'))).toBeUndefined();
  });
});
