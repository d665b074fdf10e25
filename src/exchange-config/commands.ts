import { ems, exo } from '../fix-commands/command';
import { EVENT_12014, RESTART_FRONTEND, RESTART_TRANSPORT } from '../fix-commands/exchange-commands';
import { commandThumbprint, powershellLiteral } from '../fix-commands/quoting';
import type { Command } from '../fix-commands/types';
import { tlsCertificateNameOf } from './tls-certificate-name';
import type { ExchangeCertificate, InboundConnector, OutboundConnector, ReadOnlyCmdlet, ReceiveConnector, SendConnector } from './types';

/**
 * What to ask a user to run and paste back. All read-only; the property lists are the ones
 * the analysis reads, so the answer stays short enough for a chat message.
 */
export const READ_ONLY_CMDLETS: readonly ReadOnlyCmdlet[] = [
  {
    key: 'enumeration-limit',
    shell: 'Exchange Management Shell',
    purpose: 'show whole collections (Format-List cuts them after 4 items with "...")',
    command: '$FormatEnumerationLimit = -1',
  },
  {
    key: 'receive-connectors',
    shell: 'Exchange Management Shell',
    purpose: 'receive connectors: which one answers which port and sender, and with which certificate',
    command:
      'Get-ReceiveConnector | fl Identity,TransportRole,Enabled,Bindings,RemoteIPRanges,AuthMechanism,PermissionGroups,Fqdn,TlsCertificateName,RequireTLS,SuppressXAnonymousTls,MaxMessageSize',
  },
  {
    key: 'certificates',
    shell: 'Exchange Management Shell',
    purpose: "the server's certificates and the services they are enabled for",
    command:
      'Get-ExchangeCertificate | fl Thumbprint,FriendlyName,Services,Subject,Issuer,CertificateDomains,NotBefore,NotAfter,IsSelfSigned,HasPrivateKey,Status',
  },
  {
    key: 'send-connectors',
    shell: 'Exchange Management Shell',
    purpose: 'send connectors, including the hybrid one to Exchange Online',
    command:
      'Get-SendConnector | fl Identity,Enabled,AddressSpaces,SmartHosts,DNSRoutingEnabled,RequireTLS,TlsAuthLevel,TlsDomain,TlsCertificateName,CloudServicesMailEnabled,Fqdn',
  },
  {
    key: 'inbound-connectors',
    shell: 'Exchange Online PowerShell',
    purpose: 'how Exchange Online recognises mail from the on-premises servers',
    command:
      'Get-InboundConnector | fl Identity,ConnectorType,Enabled,RequireTls,TlsSenderCertificateName,RestrictDomainsToCertificate,TreatMessagesAsInternal,CloudServicesMailEnabled,SenderIPAddresses',
  },
  {
    key: 'outbound-connectors',
    shell: 'Exchange Online PowerShell',
    purpose: 'how Exchange Online delivers to the on-premises servers and validates their certificate',
    command: 'Get-OutboundConnector | fl Identity,ConnectorType,Enabled,SmartHosts,UseMXRecord,TlsSettings,TlsDomain,RecipientDomains',
  },
];

/** A read-only cmdlet as a command in its shell (Exchange Management Shell or Exchange Online PowerShell). */
export function readOnlyCommand(cmdlet: ReadOnlyCmdlet): Command {
  return cmdlet.shell === 'Exchange Online PowerShell' ? exo(cmdlet.command) : ems(cmdlet.command);
}

export function readOnlyCmdlet(key: ReadOnlyCmdlet['key']): Command {
  const found = READ_ONLY_CMDLETS.find((c) => c.key === key);
  if (!found) throw new Error(`no read-only cmdlet ${key}`);
  return readOnlyCommand(found);
}

export { EVENT_12014, RESTART_FRONTEND, RESTART_TRANSPORT };
export const EXO_TLS_DOMAIN = 'mail.protection.outlook.com';

/** A pasted value as a PowerShell verbatim string, or the placeholder when it cannot be quoted safely. */
export function literal(value: string | undefined, placeholder: string): string {
  return (value !== undefined && powershellLiteral(value)) || placeholder;
}

export function receiveConnectorId(rc: ReceiveConnector): string {
  return literal(rc.identity, "'<SRV>\\<connector name>'");
}

export function connectorId(c: SendConnector | InboundConnector | OutboundConnector): string {
  return literal(c.identity, `'<${c.kind.replace('-', ' ')} name>'`);
}

export function thumbprintArg(cert: ExchangeCertificate | undefined): string {
  return commandThumbprint(cert?.thumbprint) ?? '<TP>';
}

/**
 * `-TlsCertificateName` for a certificate: the `<I>issuer<S>subject` literal built from the pasted
 * Issuer and Subject, or, without them, built on the server from the thumbprint.
 */
export function setTlsCertificateName(
  cmdlet: 'Set-ReceiveConnector' | 'Set-SendConnector',
  identity: string,
  cert: ExchangeCertificate | undefined,
): Command {
  const value = cert ? tlsCertificateNameOf(cert) : undefined;
  const quoted = value !== undefined ? powershellLiteral(value) : undefined;
  if (quoted) return ems(`${cmdlet} ${identity} -TlsCertificateName ${quoted}`);
  return ems(`$c = Get-ExchangeCertificate -Thumbprint ${thumbprintArg(cert)}; ${cmdlet} ${identity} -TlsCertificateName "<I>$($c.Issuer)<S>$($c.Subject)"`);
}

/** Additive: the self-signed certificate keeps SMTP for internal transport (answer No to replacing it). */
export function enableForSmtp(cert: ExchangeCertificate | undefined): Command {
  return ems(`Enable-ExchangeCertificate -Thumbprint ${thumbprintArg(cert)} -Services SMTP`);
}

export function restartFor(rc: ReceiveConnector): Command {
  return rc.transportRole?.toLowerCase() === 'hubtransport' ? RESTART_TRANSPORT : RESTART_FRONTEND;
}
