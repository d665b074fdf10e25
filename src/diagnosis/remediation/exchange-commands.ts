import { powershellLiteral } from './quoting';

/**
 * Exchange Management Shell lines shared by several findings. <SRV> is the Exchange server
 * name, which a probe cannot see (the banner shows the connector's Fqdn instead).
 */

export const DEFAULT_FRONTEND = '"<SRV>\\Default Frontend <SRV>"';

export const GET_RECEIVE_CONNECTORS =
  'Get-ReceiveConnector -Server <SRV> | fl Name,TransportRole,Bindings,RemoteIPRanges,AuthMechanism,Fqdn,TlsCertificateName,MaxMessageSize';

export const GET_CERTIFICATES = 'Get-ExchangeCertificate | fl Thumbprint,Services,Subject,Issuer,CertificateDomains,NotAfter';

export const GET_CERTIFICATES_DETAIL =
  'Get-ExchangeCertificate -Server <SRV> | fl Thumbprint,Services,Subject,Issuer,CertificateDomains,NotAfter,IsSelfSigned,HasPrivateKey,Status';

export const GET_SEND_CONNECTORS =
  'Get-SendConnector | fl Name,SmartHosts,AddressSpaces,RequireTLS,TlsAuthLevel,TlsDomain,TlsCertificateName,CloudServicesMailEnabled,Fqdn';

/** Event 12014: no certificate found for the name the connector asks for (KB 2989382). */
export const EVENT_12014 =
  "Get-WinEvent -FilterHashtable @{LogName='Application'; ProviderName='MSExchangeFrontEndTransport'; Id=12014} -MaxEvents 5 | fl TimeCreated,Message";

export const DEFAULT_FRONTEND_AUTH =
  `Set-ReceiveConnector ${DEFAULT_FRONTEND} -AuthMechanism Tls,Integrated,BasicAuth,BasicAuthRequireTLS,ExchangeServer`;

export const RESTART_FRONTEND = 'Restart-Service MSExchangeFrontEndTransport';
export const RESTART_TRANSPORT = 'Restart-Service MSExchangeTransport';

export function enableForSmtp(thumbprint: string | undefined): string {
  return `Enable-ExchangeCertificate -Thumbprint ${thumbprint ?? '<TP>'} -Services SMTP`;
}

/**
 * Point a connector at a certificate. With the observed `<I>issuer<S>subject` value it is
 * written as a verbatim PowerShell string; without it, the value is built from the
 * certificate on the server so nothing has to be typed by hand.
 */
export function setTlsCertificateName(
  cmdlet: 'Set-ReceiveConnector' | 'Set-SendConnector',
  identity: string,
  tlsCertificateName: string | undefined,
  thumbprint: string | undefined,
): string {
  const literal = tlsCertificateName ? powershellLiteral(tlsCertificateName) : undefined;
  if (literal) return `${cmdlet} ${identity} -TlsCertificateName ${literal}`;
  return `$c = Get-ExchangeCertificate -Thumbprint ${thumbprint ?? '<TP>'}; ${cmdlet} ${identity} -TlsCertificateName "<I>$($c.Issuer)<S>$($c.Subject)"`;
}
