import { lines } from '../../helpers/commands';
import {
  hybridSendConnectorNoRequireTls,
  hybridSendConnectorTlsIncomplete,
  hybridSendConnectorWrongSmartHost,
} from '../../../src/exchange-config/rules/hybrid-send-connector';
import { certificate, ctx, hybridSend, NEW_ISSUER, parse, WILDCARD_SUBJECT } from '../helpers/format-list';

const ID = "'Outbound to Office 365 - 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40'";

describe('hybrid send connector', () => {
  it('hybrid-send-connector-no-requiretls: requires TLS validated against mail.protection.outlook.com', () => {
    const [f] = hybridSendConnectorNoRequireTls(ctx(parse(hybridSend({ RequireTLS: 'False', TlsAuthLevel: '', TlsDomain: '' }))));
    expect(f).toMatchObject({ id: 'hybrid-send-connector-no-requiretls', severity: 'critical', objects: ['Outbound to Office 365 - 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40'] });
    expect(f.evidence).toEqual(['RequireTLS: False', 'TlsAuthLevel: (empty); TlsDomain: (empty)']);
    expect(lines(f.remediation[0])).toEqual([`Set-SendConnector ${ID} -RequireTLS $true -TlsAuthLevel DomainValidation -TlsDomain mail.protection.outlook.com`]);
    // The incomplete-TLS rule does not repeat what this fix sets.
    expect(hybridSendConnectorTlsIncomplete(ctx(parse(hybridSend({ RequireTLS: 'False', TlsAuthLevel: '', TlsDomain: '' }))))).toEqual([]);
  });

  it('hybrid-send-connector-tls-incomplete: wrong TlsDomain, CloudServicesMailEnabled off, no certificate named', () => {
    const config = parse(hybridSend({ TlsDomain: 'outlook.com', CloudServicesMailEnabled: 'False', TlsCertificateName: '' }), certificate());
    const [f] = hybridSendConnectorTlsIncomplete(ctx(config));
    expect(f).toMatchObject({ id: 'hybrid-send-connector-tls-incomplete', severity: 'warning' });
    expect(f.evidence).toEqual([
      'TlsDomain is outlook.com; with DomainValidation it must be mail.protection.outlook.com.',
      'CloudServicesMailEnabled is False: the headers that keep hybrid mail internal are stripped.',
      'TlsCertificateName is empty: the server presents no chosen certificate, so Exchange Online cannot match it to the inbound connector by certificate.',
      `Certificate to name: ${WILDCARD_SUBJECT} (thumbprint 7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01)`,
    ]);
    expect(lines(f.remediation[0])).toEqual([
      `Set-SendConnector ${ID} -TlsDomain mail.protection.outlook.com -CloudServicesMailEnabled $true`,
      `Set-SendConnector ${ID} -TlsCertificateName '<I>${NEW_ISSUER}<S>${WILDCARD_SUBJECT}'`,
      'Restart-Service MSExchangeTransport',
    ]);
  });

  it('hybrid-send-connector-tls-incomplete: EncryptionOnly does not validate Exchange Online', () => {
    const [f] = hybridSendConnectorTlsIncomplete(ctx(parse(hybridSend({ TlsAuthLevel: 'EncryptionOnly' }))));
    expect(f.evidence[0]).toBe(
      "TlsAuthLevel is EncryptionOnly: Exchange Online's certificate is not validated (hybrid expects DomainValidation or CertificateValidation).",
    );
    expect(lines(f.remediation[0])[0]).toBe(`Set-SendConnector ${ID} -TlsAuthLevel DomainValidation -TlsDomain mail.protection.outlook.com`);
  });

  it('hybrid-send-connector-wrong-smarthost: a smart host that is not Exchange Online Protection', () => {
    const [f] = hybridSendConnectorWrongSmartHost(ctx(parse(hybridSend({ SmartHosts: '{smtp.office365.com}' }))));
    expect(f).toMatchObject({ id: 'hybrid-send-connector-wrong-smarthost', severity: 'warning' });
    expect(f.evidence[0]).toBe('SmartHosts: smtp.office365.com: none is a *.mail.protection.outlook.com host.');
    expect(lines(f.remediation[0])[0]).toBe(`Set-SendConnector ${ID} -DNSRoutingEnabled $false -SmartHosts '<tenant endpoint>.mail.protection.outlook.com'`);
  });

  it('hybrid-send-connector-wrong-smarthost: MX routing instead of the smart host', () => {
    const [f] = hybridSendConnectorWrongSmartHost(ctx(parse(hybridSend({ SmartHosts: '{}', DNSRoutingEnabled: 'True' }))));
    expect(f.evidence[0]).toBe('SmartHosts: (none); DNSRoutingEnabled: True: mail goes wherever MX records point.');
  });

  it('says nothing about the wizard-made connector or an Internet connector', () => {
    const config = parse(hybridSend(), { Identity: 'Internet SRVEX01', AddressSpaces: '{SMTP:*;1}', SmartHosts: '{}', DNSRoutingEnabled: 'True', RequireTLS: 'False', TlsCertificateName: '' });
    expect([...hybridSendConnectorNoRequireTls(ctx(config)), ...hybridSendConnectorTlsIncomplete(ctx(config)), ...hybridSendConnectorWrongSmartHost(ctx(config))]).toEqual([]);
  });
});
