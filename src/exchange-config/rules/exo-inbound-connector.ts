import { connectorId, literal } from '../commands';
import { exo } from '../../fix-commands/command';
import { certificatesSentToExchangeOnline, senderNameMatches } from '../on-premises-certificates';
import { isOnPremisesType } from '../online-connectors';
import type { ExchangeFinding, InboundConnector } from '../types';
import { hasProperty } from '../values';
import type { RuleContext } from './rule';

function onPremises(ctx: RuleContext): InboundConnector[] {
  return ctx.config.inboundConnectors.filter((c) => c.enabled && isOnPremisesType(c));
}

function objects(c: InboundConnector): string[] {
  return [c.identity];
}

/** The Exchange Online inbound connector for the on-premises servers does not require TLS. */
export function exoInboundNoRequireTls(ctx: RuleContext): ExchangeFinding[] {
  return onPremises(ctx)
    .filter((c) => c.requireTls === false)
    .map((c) => ({
      id: 'exo-inbound-no-requiretls' as const,
      severity: 'warning' as const,
      ports: [],
      title: `Exchange Online inbound connector "${c.identity}" does not require TLS`,
      evidence: ['ConnectorType: OnPremises', 'RequireTls: False'],
      remediation: [
        {
          platform: 'exchange-online' as const,
          steps: ['Hybrid mail from the on-premises servers should arrive over TLS with their certificate; require it (Exchange Online PowerShell).'],
          commands: [exo(`Set-InboundConnector ${connectorId(c)} -RequireTls $true`)],
        },
      ],
      objects: objects(c),
    }));
}

/** A name on the on-premises certificate to put in TlsSenderCertificateName. */
function suggestedSenderName(ctx: RuleContext): string | undefined {
  const seen = certificatesSentToExchangeOnline(ctx);
  return seen[0]?.names.find((n) => !n.includes(' '));
}

/** No TlsSenderCertificateName: Exchange Online cannot recognise the servers by certificate. */
export function exoInboundNoSenderCertificateName(ctx: RuleContext): ExchangeFinding[] {
  return onPremises(ctx)
    .filter((c) => c.tlsSenderCertificateName === undefined && hasProperty(c.properties, 'TlsSenderCertificateName'))
    .map((c) => {
      const name = suggestedSenderName(ctx);
      const ips = c.senderIpAddresses.items;
      return {
        id: 'exo-inbound-no-sender-certificate-name' as const,
        severity: 'warning' as const,
        ports: [],
        title: `Exchange Online inbound connector "${c.identity}" does not name the on-premises certificate`,
        evidence: [
          'TlsSenderCertificateName: (empty)',
          ips.length > 0 ? `SenderIPAddresses: ${ips.join(', ')}: mail is recognised by address only.` : 'SenderIPAddresses: (empty)',
        ],
        remediation: [
          {
            platform: 'exchange-online' as const,
            steps: [
              'Hybrid expects Exchange Online to recognise the on-premises servers by the certificate their send connector presents (the Hybrid Configuration Wizard sets TlsSenderCertificateName to a name on it).',
              name ? `${name} is on the on-premises certificate.` : 'Use a name on the certificate the on-premises send connector presents.',
            ],
            commands: [exo(`Set-InboundConnector ${connectorId(c)} -RequireTls $true -TlsSenderCertificateName ${literal(name, '<name on the on-premises certificate>')}`)],
          },
        ],
        objects: objects(c),
      };
    });
}

/** TlsSenderCertificateName is on none of the certificates the on-premises servers present. */
export function exoInboundSenderNameNotOnCertificate(ctx: RuleContext): ExchangeFinding[] {
  const seen = certificatesSentToExchangeOnline(ctx);
  if (seen.length === 0) return [];
  const out: ExchangeFinding[] = [];
  for (const c of onPremises(ctx)) {
    const value = c.tlsSenderCertificateName;
    if (value === undefined) continue;
    if (seen.some((s) => s.names.some((n) => senderNameMatches(value, n)))) continue;
    if (seen.every((s) => s.partial)) continue; // only a CN known: its other names may match
    const name = seen[0].names.find((n) => !n.includes(' '));
    out.push({
      id: 'exo-inbound-sender-name-not-on-certificate',
      severity: 'critical',
      ports: [],
      title: `Exchange Online inbound connector "${c.identity}" expects ${value}, which the on-premises certificate does not carry`,
      evidence: [`TlsSenderCertificateName: ${value}`, ...seen.map((s) => `On-premises certificate ${s.source}: ${s.label}; names: ${s.names.join(', ') || '(none)'}`)],
      remediation: [
        {
          platform: 'exchange-online',
          steps: [
            'Exchange Online matches mail from the on-premises servers to this connector by the certificate they present. With a name the certificate does not carry, hybrid mail is not recognised as internal and can be rejected.',
            'Set TlsSenderCertificateName to a name on the certificate (after a renewal with new names, rerun the Hybrid Configuration Wizard).',
          ],
          commands: [exo(`Set-InboundConnector ${connectorId(c)} -TlsSenderCertificateName ${literal(name, '<name on the on-premises certificate>')}`)],
        },
      ],
      objects: objects(c),
    });
  }
  return out;
}
