import { parseTlsCertificateName } from './tls-certificate-name';
import type { SendConnector } from './types';
import { parseBool, parseList, nonBlank } from './values';

/** A Get-SendConnector block. */
export function toSendConnector(props: ReadonlyMap<string, string>, properties: Record<string, string>): SendConnector {
  const name = nonBlank(props.get('name'));
  return {
    kind: 'send-connector',
    identity: nonBlank(props.get('identity')) ?? name ?? '<send connector name>',
    name,
    addressSpaces: parseList(props.get('addressspaces')),
    smartHosts: parseList(props.get('smarthosts')),
    dnsRoutingEnabled: parseBool(props.get('dnsroutingenabled')),
    requireTls: parseBool(props.get('requiretls')),
    tlsAuthLevel: nonBlank(props.get('tlsauthlevel')),
    tlsDomain: nonBlank(props.get('tlsdomain')),
    tlsCertificateName: parseTlsCertificateName(props.get('tlscertificatename')),
    cloudServicesMailEnabled: parseBool(props.get('cloudservicesmailenabled')),
    fqdn: nonBlank(props.get('fqdn')),
    enabled: parseBool(props.get('enabled')) !== false,
    properties,
  };
}

const EXO_SMART_HOST = /\.mail\.protection\.outlook\.com\.?$/i;

export function isExchangeOnlineSmartHost(host: string): boolean {
  return EXO_SMART_HOST.test(host.trim().replace(/^\[|\]$/g, ''));
}

/**
 * The connector the Hybrid Configuration Wizard creates ("Outbound to Office 365 <GUID>"), or
 * one doing its job: routing the tenant's mail.onmicrosoft.com domain or to EOP smart hosts.
 */
export function isHybridSendConnector(sc: SendConnector): boolean {
  if (/^outbound to office 365\b/i.test(sc.name ?? sc.identity)) return true;
  if (sc.addressSpaces.items.some((a) => /\.mail\.onmicrosoft\.com\b/i.test(a))) return true;
  if (sc.smartHosts.items.some(isExchangeOnlineSmartHost)) return true;
  return sc.cloudServicesMailEnabled === true;
}
