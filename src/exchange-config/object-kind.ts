import type { ExchangeObject } from './types';

export type ObjectKind = ExchangeObject['kind'];

/**
 * Which cmdlet printed a Format-List block, from the properties it has (names lower-case).
 * Only the distinguishing properties count, so a `| fl` with a property subset still works.
 */
export function detectObjectKind(props: ReadonlyMap<string, string>): ObjectKind | undefined {
  const has = (name: string) => props.has(name);
  if (has('bindings') && (has('authmechanism') || has('permissiongroups') || has('transportrole') || has('remoteipranges'))) {
    return 'receive-connector';
  }
  if (has('thumbprint') && (has('services') || has('certificatedomains') || has('notafter') || (has('subject') && has('issuer')))) {
    return 'certificate';
  }
  // On-premises send connectors only: Exchange Online connectors have none of these.
  if (!has('bindings') && (has('addressspaces') || has('dnsroutingenabled') || has('sourcetransportservers'))) return 'send-connector';
  if (has('connectortype')) {
    if (has('senderipaddresses') || has('tlssendercertificatename') || has('senderdomains') || has('restrictdomainstocertificate')) {
      return 'inbound-connector';
    }
    if (has('recipientdomains') || has('usemxrecord') || has('tlssettings') || has('smarthosts')) return 'outbound-connector';
    return undefined;
  }
  if (!has('bindings') && has('smarthosts')) return 'send-connector';
  return undefined;
}
