import { parseFormatList, propertyMap } from '../../src/exchange-config/format-list';
import { isExchangeOnlineSmartHost, isHybridSendConnector, toSendConnector } from '../../src/exchange-config/send-connector';
import { fl, hybridSend } from './helpers/format-list';

const read = (fields: Record<string, string>) => toSendConnector(propertyMap(parseFormatList(fl(fields)).blocks[0]), {});

describe('send connectors', () => {
  it('reads the hybrid connector the wizard creates', () => {
    const sc = read(hybridSend());
    expect(sc).toMatchObject({
      identity: 'Outbound to Office 365 - 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40',
      requireTls: true,
      tlsAuthLevel: 'DomainValidation',
      tlsDomain: 'mail.protection.outlook.com',
      cloudServicesMailEnabled: true,
      dnsRoutingEnabled: false,
    });
    expect(sc.smartHosts.items).toEqual(['contoso-com.mail.protection.outlook.com']);
    expect(isHybridSendConnector(sc)).toBe(true);
  });

  it('tells a hybrid connector by its address space or smart host when renamed', () => {
    expect(isHybridSendConnector(read(hybridSend({ Identity: 'To EXO', Name: 'To EXO', CloudServicesMailEnabled: 'False' })))).toBe(true);
    expect(
      isHybridSendConnector(read({ Identity: 'Internet SRVEX01', AddressSpaces: '{SMTP:*;1}', SmartHosts: '{}', DNSRoutingEnabled: 'True', CloudServicesMailEnabled: 'False' })),
    ).toBe(false);
  });

  it('knows Exchange Online Protection smart hosts', () => {
    expect(isExchangeOnlineSmartHost('contoso-com.mail.protection.outlook.com')).toBe(true);
    expect(isExchangeOnlineSmartHost('[contoso-com.mail.protection.outlook.com]')).toBe(true);
    expect(isExchangeOnlineSmartHost('smtp.office365.com')).toBe(false);
  });
});
