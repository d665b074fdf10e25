import type { Command } from './types';
import { ems, powershell } from './command';
import { powershellLiteral } from './quoting';

/**
 * Exchange Management Shell lines shared by several findings. <SRV> is the Exchange server
 * name, which a probe cannot see (the banner shows the connector's Fqdn instead).
 */


/** The receive connectors Exchange creates, by the port they bind. */
const CONNECTOR_BY_PORT: Record<number, string> = {
  25: 'Default Frontend',
  587: 'Client Frontend',
  465: 'Client Proxy',
  2525: 'Default',
  717: 'Outbound Proxy Frontend',
};

/** The receive connector that answers `port` by default, or a placeholder naming the port. */
export function receiveConnectorFor(port: number | undefined): string {
  const name = port !== undefined ? CONNECTOR_BY_PORT[port] : undefined;
  if (name) return `"<SRV>\\${name} <SRV>"`;
  return port !== undefined ? `"<SRV>\\<connector bound to port ${port}>"` : '"<SRV>\\<connector>"';
}

/** AuthMechanism as Exchange sets it on the connectors it creates (with Tls). */
const DEFAULT_AUTH: Record<number, string> = {
  25: 'Tls,Integrated,BasicAuth,BasicAuthRequireTLS,ExchangeServer',
  587: 'Tls,Integrated,BasicAuth,BasicAuthRequireTLS',
  465: 'Tls,Integrated,BasicAuth,BasicAuthRequireTLS',
  2525: 'Tls,Integrated,BasicAuth,BasicAuthRequireTLS,ExchangeServer',
};

/** Restore Tls in the AuthMechanism of the connector answering `port`. */
export function restoreDefaultAuth(port: number | undefined): Command {
  const auth = port !== undefined ? DEFAULT_AUTH[port] : undefined;
  return ems(`Set-ReceiveConnector ${receiveConnectorFor(port)} -AuthMechanism ${auth ?? '<its current values>,Tls'}`);
}

export const GET_RECEIVE_CONNECTORS = ems(
  'Get-ReceiveConnector -Server <SRV> | fl Name,TransportRole,Bindings,RemoteIPRanges,AuthMechanism,Fqdn,TlsCertificateName,MaxMessageSize',
);

export const GET_CERTIFICATES = ems('Get-ExchangeCertificate | fl Thumbprint,Services,Subject,Issuer,CertificateDomains,NotAfter');

export const GET_CERTIFICATES_DETAIL = ems(
  'Get-ExchangeCertificate -Server <SRV> | fl Thumbprint,Services,Subject,Issuer,CertificateDomains,NotAfter,IsSelfSigned,HasPrivateKey,Status',
);

export const GET_SEND_CONNECTORS = ems(
  'Get-SendConnector | fl Name,SmartHosts,AddressSpaces,RequireTLS,TlsAuthLevel,TlsDomain,TlsCertificateName,CloudServicesMailEnabled,Fqdn',
);

/** Event 12014: no certificate found for the name the connector asks for (KB 2989382). */
export const EVENT_12014 = powershell(
  "Get-WinEvent -FilterHashtable @{LogName='Application'; ProviderName='MSExchangeFrontEndTransport'; Id=12014} -MaxEvents 5 | fl TimeCreated,Message",
);

export const RESTART_FRONTEND = powershell('Restart-Service MSExchangeFrontEndTransport');
export const RESTART_TRANSPORT = powershell('Restart-Service MSExchangeTransport');

export function enableForSmtp(thumbprint: string | undefined): Command {
  return ems(`Enable-ExchangeCertificate -Thumbprint ${thumbprint ?? '<TP>'} -Services SMTP`);
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
): Command {
  const literal = tlsCertificateName ? powershellLiteral(tlsCertificateName) : undefined;
  if (literal) return ems(`${cmdlet} ${identity} -TlsCertificateName ${literal}`);
  return ems(`$c = Get-ExchangeCertificate -Thumbprint ${thumbprint ?? '<TP>'}; ${cmdlet} ${identity} -TlsCertificateName "<I>$($c.Issuer)<S>$($c.Subject)"`);
}

/** Point the receive connector of each port at a certificate (one line per connector). */
export function bindReceiveConnectors(ports: readonly number[], tlsCertificateName: string | undefined, thumbprint: string | undefined): Command[] {
  const connectors = [...new Set((ports.length > 0 ? ports : [25]).map((p) => receiveConnectorFor(p)))];
  return connectors.map((id) => setTlsCertificateName('Set-ReceiveConnector', id, tlsCertificateName, thumbprint));
}
