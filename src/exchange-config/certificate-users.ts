import { selectForReceiveConnector, selectForSendConnector } from './certificate-selection';
import type { Command } from '../fix-commands/types';
import { RESTART_TRANSPORT, connectorId, receiveConnectorId, restartFor } from './commands';
import { connectorPorts, hasTls, isInternetFacing, receiveConnectorPhrase } from './receive-connector';
import { isHybridSendConnector } from './send-connector';
import type { ExchangeCertificate, ExchangeConfig, ReceiveConnector } from './types';

/** A connector that presents a certificate, and how it came to pick it. */
export interface CertificateUser {
  cmdlet: 'Set-ReceiveConnector' | 'Set-SendConnector';
  /** `receive connector "SRV\Default Frontend SRV"` */
  label: string;
  /** The identity as a PowerShell argument. */
  id: string;
  identity?: string;
  ports: number[];
  restart: Command;
  by: 'tls-certificate-name' | 'fqdn';
  hybridSend: boolean;
  receive?: ReceiveConnector;
}

export interface CertificateUse {
  cert: ExchangeCertificate;
  users: CertificateUser[];
}

/**
 * For each pasted certificate, the connectors facing the Internet or Exchange Online that would
 * present it: receive connectors on port 25 with Tls, and hybrid send connectors.
 */
export function certificateUses(config: ExchangeConfig, now: Date): Map<string, CertificateUse> {
  const uses = new Map<string, CertificateUse>();
  const add = (cert: ExchangeCertificate, user: CertificateUser) => {
    const entry = uses.get(cert.thumbprint) ?? { cert, users: [] };
    entry.users.push(user);
    uses.set(cert.thumbprint, entry);
  };
  for (const rc of config.receiveConnectors) {
    if (!isInternetFacing(rc) || !hasTls(rc)) continue;
    const sel = selectForReceiveConnector(rc, config.certificates, now);
    if (sel.by === 'unknown' || !sel.chosen) continue;
    add(sel.chosen, {
      cmdlet: 'Set-ReceiveConnector',
      label: receiveConnectorPhrase(rc),
      id: receiveConnectorId(rc),
      identity: rc.identity,
      ports: connectorPorts(rc),
      restart: restartFor(rc),
      by: sel.by,
      hybridSend: false,
      receive: rc,
    });
  }
  for (const sc of config.sendConnectors) {
    if (!sc.enabled || !isHybridSendConnector(sc)) continue;
    const chosen = selectForSendConnector(sc, config.certificates, now)[0];
    if (!chosen) continue;
    add(chosen, {
      cmdlet: 'Set-SendConnector',
      label: `send connector "${sc.identity}"`,
      id: connectorId(sc),
      identity: sc.identity,
      ports: [],
      restart: RESTART_TRANSPORT,
      by: 'tls-certificate-name',
      hybridSend: true,
    });
  }
  return uses;
}

export function usersText(user: CertificateUser): string {
  const how = user.by === 'fqdn' ? `picked by its Fqdn ${user.receive?.fqdn ?? ''}`.trimEnd() : 'named in its TlsCertificateName';
  return `Presented by ${user.label} (${how})`;
}

export function portsOf(users: readonly CertificateUser[]): number[] {
  return [...new Set(users.flatMap((u) => u.ports))].sort((a, b) => a - b);
}

export function identitiesOf(users: readonly CertificateUser[]): string[] {
  return users.flatMap((u) => (u.identity ? [u.identity] : []));
}
