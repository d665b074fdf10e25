import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CertificateReport } from '../../../src/certificate/types';
import { parseExchangePaste } from '../../../src/exchange-config/parse-paste';
import type { RuleContext } from '../../../src/exchange-config/rules/rule';
import type { ExchangeConfig } from '../../../src/exchange-config/types';
import type { PortReport, Report } from '../../../src/report/types';
import { certificate as certificateReport } from '../../fixtures/reports';

export const NOW = new Date('2025-06-01T00:00:00Z');

export function fixture(name: string): string {
  return readFileSync(join(__dirname, '..', '..', 'fixtures', 'exchange', name), 'utf8');
}

/** Objects printed the way Format-List does: names padded to one column, a blank line between objects. */
export function fl(...objects: Record<string, string>[]): string {
  return objects
    .map((o) => {
      const width = Math.max(...Object.keys(o).map((k) => k.length));
      return Object.entries(o)
        .map(([k, v]) => `${k.padEnd(width)} : ${v}`.trimEnd())
        .join('\n');
    })
    .join('\n\n')
    .concat('\n');
}

export const ALL_RANGES = '{::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 0.0.0.0-255.255.255.255}';
export const DEFAULT_AUTH = 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer';
export const NEW_ISSUER = 'CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US';
export const OLD_ISSUER = 'CN=DigiCert SHA2 Secure Server CA, O=DigiCert Inc, C=US';
export const WILDCARD_SUBJECT = 'CN=*.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US';
export const NEW_TP = '7A3F1C9E5B2D4F8A6C0E1B3D5F7A9C2E4B6D8F01';
export const OLD_TP = '2E8B4D6F0A1C3E5B7D9F1A3C5E7B9D0F2A4C6E88';
export const SELF_TP = 'B5D7F9A1C3E5A7B9D1F3A5C7E9B1D3F5A7C9E1B3';

export function frontend(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    Identity: 'SRVEX01\\Default Frontend SRVEX01',
    Name: 'Default Frontend SRVEX01',
    TransportRole: 'FrontendTransport',
    Enabled: 'True',
    Bindings: '{[::]:25, 0.0.0.0:25}',
    RemoteIPRanges: ALL_RANGES,
    AuthMechanism: DEFAULT_AUTH,
    PermissionGroups: 'AnonymousUsers, ExchangeServers, ExchangeLegacyServers',
    Fqdn: 'mail.contoso.com',
    TlsCertificateName: `<I>${NEW_ISSUER}<S>${WILDCARD_SUBJECT}`,
    SuppressXAnonymousTls: 'False',
    MaxMessageSize: '36 MB (37,748,736 bytes)',
    ...overrides,
  };
}

export function relay(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    Identity: 'SRVEX01\\Relay SRVEX01',
    Name: 'Relay SRVEX01',
    TransportRole: 'FrontendTransport',
    Enabled: 'True',
    Bindings: '{0.0.0.0:25}',
    RemoteIPRanges: '{192.0.2.10, 192.0.2.20-192.0.2.30, 198.51.100.0/24}',
    AuthMechanism: 'ExternalAuthoritative',
    PermissionGroups: 'ExchangeServers',
    Fqdn: 'SRVEX01.contoso.local',
    TlsCertificateName: '',
    MaxMessageSize: '59.53 MB (62,423,040 bytes)',
    ...overrides,
  };
}

export function certificate(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    Thumbprint: NEW_TP,
    FriendlyName: 'contoso wildcard 2025',
    Services: 'IIS, SMTP',
    Subject: WILDCARD_SUBJECT,
    Issuer: NEW_ISSUER,
    CertificateDomains: '{*.contoso.com, contoso.com}',
    NotBefore: '1/13/2025 12:00:00 AM',
    NotAfter: '2/14/2026 11:59:59 PM',
    IsSelfSigned: 'False',
    HasPrivateKey: 'True',
    Status: 'Valid',
    ...overrides,
  };
}

export function oldCertificate(overrides: Record<string, string> = {}): Record<string, string> {
  return certificate({
    Thumbprint: OLD_TP,
    FriendlyName: 'contoso wildcard 2024',
    Services: 'SMTP',
    Issuer: OLD_ISSUER,
    NotBefore: '1/10/2024 12:00:00 AM',
    NotAfter: '2/12/2025 11:59:59 PM',
    Status: 'DateInvalid',
    ...overrides,
  });
}

export function selfSigned(overrides: Record<string, string> = {}): Record<string, string> {
  return certificate({
    Thumbprint: SELF_TP,
    FriendlyName: 'Microsoft Exchange',
    Services: 'IMAP, POP, SMTP',
    Subject: 'CN=SRVEX01',
    Issuer: 'CN=SRVEX01',
    CertificateDomains: '{SRVEX01, SRVEX01.contoso.local}',
    NotAfter: '6/3/2028 2:41:09 PM',
    IsSelfSigned: 'True',
    ...overrides,
  });
}

export function hybridSend(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    Identity: 'Outbound to Office 365 - 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40',
    Name: 'Outbound to Office 365 - 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40',
    Enabled: 'True',
    AddressSpaces: '{smtp:contoso.mail.onmicrosoft.com;1}',
    SmartHosts: '{contoso-com.mail.protection.outlook.com}',
    DNSRoutingEnabled: 'False',
    RequireTLS: 'True',
    TlsAuthLevel: 'DomainValidation',
    TlsDomain: 'mail.protection.outlook.com',
    TlsCertificateName: `<I>${NEW_ISSUER}<S>${WILDCARD_SUBJECT}`,
    CloudServicesMailEnabled: 'True',
    Fqdn: 'mail.contoso.com',
    ...overrides,
  };
}

export function exoInbound(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    Identity: 'Inbound from 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40',
    Enabled: 'True',
    ConnectorType: 'OnPremises',
    ConnectorSource: 'HybridWizard',
    RequireTls: 'True',
    TlsSenderCertificateName: '*.contoso.com',
    RestrictDomainsToCertificate: 'False',
    TreatMessagesAsInternal: 'False',
    CloudServicesMailEnabled: 'True',
    SenderIPAddresses: '{}',
    ...overrides,
  };
}

export function exoOutbound(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    Identity: 'Outbound to 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40',
    Enabled: 'True',
    ConnectorType: 'OnPremises',
    SmartHosts: '{mail.contoso.com}',
    UseMXRecord: 'False',
    TlsSettings: 'DomainValidation',
    TlsDomain: 'mail.contoso.com',
    RecipientDomains: '{contoso.com}',
    ...overrides,
  };
}

export function parse(...objects: Record<string, string>[]): ExchangeConfig {
  return parseExchangePaste(fl(...objects));
}

export function ctx(config: ExchangeConfig, report?: Report): RuleContext {
  return { config, now: NOW, report };
}

/** One probed port: capabilities as EHLO lines (`SIZE 62423040`), STARTTLS advertised when listed. */
export function portReport(port: number, ehlo: string[], certificate?: CertificateReport): PortReport {
  const capabilities = ehlo.map((line) => {
    const [keyword, ...params] = line.split(' ');
    return { keyword, params };
  });
  const advertised = capabilities.some((c) => c.keyword === 'STARTTLS');
  return {
    port,
    mode: port === 465 ? 'implicit-tls' : 'starttls',
    ehloCommand: 'EHLO',
    capabilities,
    starttls: { advertised, attempted: advertised, succeeded: advertised && certificate !== undefined },
    certificate,
    timings: {},
    totalMs: 50,
    transcript: [],
  };
}

export function report(ports: PortReport[], host = 'mail.contoso.com'): Report {
  return { schemaVersion: 1, host, startedAt: NOW.toISOString(), durationMs: 100, platform: 'exchange-onprem', verdict: 'ok', ports, findings: [] };
}

export function servedCertificate(overrides: Partial<CertificateReport> = {}): CertificateReport {
  const subject = overrides.subject ?? WILDCARD_SUBJECT;
  const issuer = overrides.issuer ?? NEW_ISSUER;
  return certificateReport({
    subject,
    issuer,
    notBefore: '2025-01-13T00:00:00.000Z',
    notAfter: '2026-02-14T23:59:59.000Z',
    daysLeft: 258,
    sha1Thumbprint: NEW_TP,
    sha256Fingerprint: '00',
    exchangeTlsCertificateName: `<I>${issuer}<S>${subject}`,
    ...overrides,
  });
}

export const THREAD_PORT_25 = ['SIZE 62423040', 'PIPELINING', 'DSN', 'ENHANCEDSTATUSCODES', '8BITMIME', 'BINARYMIME', 'CHUNKING'];
export const DEFAULT_FRONTEND_EHLO = ['SIZE 37748736', 'PIPELINING', 'DSN', 'ENHANCEDSTATUSCODES', 'STARTTLS', 'X-ANONYMOUSTLS', 'AUTH NTLM', 'X-EXPS GSSAPI NTLM', '8BITMIME', 'BINARYMIME', 'CHUNKING'];
