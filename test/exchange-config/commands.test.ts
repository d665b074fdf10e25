import { ems, powershell } from '../../src/fix-commands/command';
import {
  connectorId,
  enableForSmtp,
  literal,
  READ_ONLY_CMDLETS,
  readOnlyCmdlet,
  receiveConnectorId,
  restartFor,
  setTlsCertificateName,
} from '../../src/exchange-config/commands';
import { certificate, frontend, hybridSend, NEW_ISSUER, parse, WILDCARD_SUBJECT } from './helpers/format-list';

describe('READ_ONLY_CMDLETS', () => {
  it('asks only for Get- cmdlets (and the enumeration limit), formatted as lists', () => {
    for (const c of READ_ONLY_CMDLETS) {
      expect(c.command).toMatch(/^(\$FormatEnumerationLimit = -1|Get-[A-Za-z]+ \| fl [A-Za-z,]+)$/);
      expect(c.command).not.toMatch(/\b(Set|Enable|New|Remove|Restart)-/);
    }
    expect(READ_ONLY_CMDLETS.map((c) => c.key)).toEqual([
      'enumeration-limit',
      'receive-connectors',
      'certificates',
      'send-connectors',
      'inbound-connectors',
      'outbound-connectors',
    ]);
    expect(readOnlyCmdlet('inbound-connectors')).toMatchObject({ shell: 'exo', line: expect.stringMatching(/^Get-InboundConnector \| fl .*TlsSenderCertificateName/) });
    expect(readOnlyCmdlet('receive-connectors').shell).toBe('ems');
    expect(READ_ONLY_CMDLETS.find((c) => c.key === 'outbound-connectors')?.shell).toBe('Exchange Online PowerShell');
  });

  it('asks for every property the analysis reads', () => {
    expect(readOnlyCmdlet('receive-connectors').line).toContain('Bindings,RemoteIPRanges,AuthMechanism');
    expect(readOnlyCmdlet('receive-connectors').line).toContain('MaxMessageSize');
    expect(readOnlyCmdlet('certificates').line).toContain('Services,Subject,Issuer,CertificateDomains');
  });
});

describe('command lines', () => {
  const config = parse(frontend(), hybridSend(), certificate());

  it('quotes pasted identities as verbatim strings', () => {
    expect(receiveConnectorId(config.receiveConnectors[0])).toBe("'SRVEX01\\Default Frontend SRVEX01'");
    expect(connectorId(config.sendConnectors[0])).toBe("'Outbound to Office 365 - 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40'");
    expect(literal("it's $(evil)", '<x>')).toBe("'it''s $(evil)'");
    expect(literal('bad\u0007value', '<x>')).toBe('<x>');
    expect(literal(undefined, '<x>')).toBe('<x>');
  });

  it('writes the TlsCertificateName value from the pasted certificate', () => {
    expect(setTlsCertificateName('Set-ReceiveConnector', "'SRVEX01\\Default Frontend SRVEX01'", config.certificates[0])).toEqual(
      ems(`Set-ReceiveConnector 'SRVEX01\\Default Frontend SRVEX01' -TlsCertificateName '<I>${NEW_ISSUER}<S>${WILDCARD_SUBJECT}'`),
    );
    expect(setTlsCertificateName('Set-SendConnector', "'X'", undefined)).toEqual(
      ems(`$c = Get-ExchangeCertificate -Thumbprint <TP>; Set-SendConnector 'X' -TlsCertificateName "<I>$($c.Issuer)<S>$($c.Subject)"`),
    );
    expect(enableForSmtp(config.certificates[0])).toEqual(ems('Enable-ExchangeCertificate -Thumbprint 7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01 -Services SMTP'));
  });

  it('restarts the service of the connector role', () => {
    expect(restartFor(config.receiveConnectors[0])).toEqual(powershell('Restart-Service MSExchangeFrontEndTransport'));
    expect(restartFor(parse(frontend({ TransportRole: 'HubTransport' })).receiveConnectors[0])).toEqual(powershell('Restart-Service MSExchangeTransport'));
  });
});
