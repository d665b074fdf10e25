import type { InboundConnector, OutboundConnector } from './types';
import { parseBool, parseList, nonBlank } from './values';

/** A Get-InboundConnector block (Exchange Online PowerShell). */
export function toInboundConnector(props: ReadonlyMap<string, string>, properties: Record<string, string>): InboundConnector {
  return {
    kind: 'inbound-connector',
    identity: nonBlank(props.get('identity')) ?? nonBlank(props.get('name')) ?? '<inbound connector name>',
    connectorType: nonBlank(props.get('connectortype')),
    enabled: parseBool(props.get('enabled')) !== false,
    requireTls: parseBool(props.get('requiretls')),
    tlsSenderCertificateName: nonBlank(props.get('tlssendercertificatename')),
    senderIpAddresses: parseList(props.get('senderipaddresses')),
    restrictDomainsToCertificate: parseBool(props.get('restrictdomainstocertificate')),
    treatMessagesAsInternal: parseBool(props.get('treatmessagesasinternal')),
    cloudServicesMailEnabled: parseBool(props.get('cloudservicesmailenabled')),
    properties,
  };
}

/** A Get-OutboundConnector block (Exchange Online PowerShell). */
export function toOutboundConnector(props: ReadonlyMap<string, string>, properties: Record<string, string>): OutboundConnector {
  return {
    kind: 'outbound-connector',
    identity: nonBlank(props.get('identity')) ?? nonBlank(props.get('name')) ?? '<outbound connector name>',
    connectorType: nonBlank(props.get('connectortype')),
    enabled: parseBool(props.get('enabled')) !== false,
    smartHosts: parseList(props.get('smarthosts')),
    useMxRecord: parseBool(props.get('usemxrecord')),
    tlsSettings: nonBlank(props.get('tlssettings')),
    tlsDomain: nonBlank(props.get('tlsdomain')),
    recipientDomains: parseList(props.get('recipientdomains')),
    properties,
  };
}

/** Hybrid connectors are of type OnPremises; Partner connectors serve other organisations. */
export function isOnPremisesType(connector: { connectorType?: string }): boolean {
  return connector.connectorType?.toLowerCase() === 'onpremises';
}
