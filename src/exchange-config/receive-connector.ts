import { ALL_ADDRESSES, parseBinding, parseIpRange } from './ip-ranges';
import { parseTlsCertificateName } from './tls-certificate-name';
import type { Binding, IpRange, ReceiveConnector } from './types';
import { hasFlag, parseBool, parseByteSize, parseFlags, parseList, nonBlank } from './values';

/** A Get-ReceiveConnector block; undefined when its Bindings hold no readable binding. */
export function toReceiveConnector(props: ReadonlyMap<string, string>, properties: Record<string, string>): ReceiveConnector | undefined {
  const bindingsText = props.get('bindings') ?? '';
  const bindings = parseList(bindingsText)
    .items.map(parseBinding)
    .filter((b): b is Binding => b !== undefined);
  if (bindings.length === 0) return undefined;

  const rangesText = props.get('remoteipranges');
  const ranges = parseList(rangesText);
  const remoteIpRanges: IpRange[] = rangesText === undefined ? [...ALL_ADDRESSES] : [];
  const remoteIpRangesUnreadable: string[] = [];
  for (const item of ranges.items) {
    const range = parseIpRange(item);
    if (range) remoteIpRanges.push(range);
    else remoteIpRangesUnreadable.push(item);
  }

  const name = nonBlank(props.get('name'));
  const server = nonBlank(props.get('server'));
  const maxMessageSizeText = nonBlank(props.get('maxmessagesize'));
  return {
    kind: 'receive-connector',
    identity: nonBlank(props.get('identity')) ?? (name && server ? `${server}\\${name}` : name),
    name,
    server,
    transportRole: nonBlank(props.get('transportrole')),
    enabled: parseBool(props.get('enabled')) !== false,
    bindings,
    bindingsText,
    remoteIpRanges,
    remoteIpRangesText: rangesText,
    remoteIpRangesTruncated: ranges.truncated,
    remoteIpRangesUnreadable,
    authMechanism: parseFlags(props.get('authmechanism')),
    permissionGroups: parseFlags(props.get('permissiongroups')),
    fqdn: nonBlank(props.get('fqdn')),
    tlsCertificateName: parseTlsCertificateName(props.get('tlscertificatename')),
    maxMessageSize: maxMessageSizeText === undefined ? undefined : parseByteSize(maxMessageSizeText),
    maxMessageSizeText,
    requireTls: parseBool(props.get('requiretls')),
    suppressXAnonymousTls: parseBool(props.get('suppressxanonymoustls')),
    properties,
  };
}

export function connectorPorts(rc: ReceiveConnector): number[] {
  return [...new Set(rc.bindings.map((b) => b.port))].sort((a, b) => a - b);
}

export function bindsPort(rc: ReceiveConnector, port: number): boolean {
  return rc.bindings.some((b) => b.port === port);
}

export function hasTls(rc: ReceiveConnector): boolean {
  return hasFlag(rc.authMechanism, 'Tls');
}

/**
 * A connector that takes mail from the internet or Exchange Online: frontend (or role not
 * pasted, as on a single-role paste) and bound to port 25. Hub connectors on 2525/465 use the
 * self-signed certificate by design.
 */
export function isInternetFacing(rc: ReceiveConnector): boolean {
  const role = rc.transportRole?.toLowerCase();
  return rc.enabled && bindsPort(rc, 25) && (role === undefined || role === 'frontendtransport');
}

/** How findings name a connector: its Identity, or its bindings when the paste has no name. */
export function receiveConnectorLabel(rc: ReceiveConnector): string {
  return rc.identity ? `"${rc.identity}"` : `the connector on ${rc.bindingsText.trim()}`;
}

/** The same, as a phrase that says what it is: `receive connector "SRV\Name"`. */
export function receiveConnectorPhrase(rc: ReceiveConnector): string {
  return rc.identity ? `receive connector "${rc.identity}"` : `the receive connector on ${rc.bindingsText.trim()}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
