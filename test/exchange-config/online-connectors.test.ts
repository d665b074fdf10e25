import { parseFormatList, propertyMap } from '../../src/exchange-config/format-list';
import { isOnPremisesType, toInboundConnector, toOutboundConnector } from '../../src/exchange-config/online-connectors';
import { exoInbound, exoOutbound, fl } from './helpers/format-list';

const props = (fields: Record<string, string>) => propertyMap(parseFormatList(fl(fields)).blocks[0]);

describe('Exchange Online connectors', () => {
  it('reads the hybrid inbound connector', () => {
    const c = toInboundConnector(props(exoInbound()), {});
    expect(c).toMatchObject({ identity: 'Inbound from 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40', requireTls: true, tlsSenderCertificateName: '*.contoso.com' });
    expect(c.senderIpAddresses.items).toEqual([]);
    expect(isOnPremisesType(c)).toBe(true);
  });

  it('reads the hybrid outbound connector', () => {
    const c = toOutboundConnector(props(exoOutbound()), {});
    expect(c).toMatchObject({ tlsSettings: 'DomainValidation', tlsDomain: 'mail.contoso.com', useMxRecord: false });
    expect(c.smartHosts.items).toEqual(['mail.contoso.com']);
  });

  it('leaves partner connectors out of hybrid checks', () => {
    expect(isOnPremisesType(toInboundConnector(props(exoInbound({ ConnectorType: 'Partner' })), {}))).toBe(false);
  });
});
