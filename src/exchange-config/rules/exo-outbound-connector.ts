import { replacementCertificate } from '../certificate-selection';
import { exo, uniqueCommands } from '../../fix-commands/command';
import type { Command } from '../../fix-commands/types';
import { connectorId, literal, receiveConnectorId, restartFor, setTlsCertificateName } from '../commands';
import { anyNameCovers } from '../host-names';
import { certificatesServedToExchangeOnline, senderNameMatches, type SeenCertificate } from '../on-premises-certificates';
import { isOnPremisesType } from '../online-connectors';
import { hasTls, isInternetFacing } from '../receive-connector';
import type { ExchangeFinding, OutboundConnector } from '../types';
import type { RuleContext } from './rule';

function onPremises(ctx: RuleContext): OutboundConnector[] {
  return ctx.config.outboundConnectors.filter((c) => c.enabled && isOnPremisesType(c));
}

/** The name Exchange Online should validate: a smart host the certificate covers, else one of its names. */
function suggestedTlsDomain(c: OutboundConnector, seen: readonly SeenCertificate[]): string | undefined {
  const good = seen.filter((s) => !s.selfSigned && !s.partial);
  const names = good.flatMap((s) => s.names);
  return c.smartHosts.items.find((h) => anyNameCovers(names, h)) ?? names.find((n) => !n.includes(' '));
}

function domainValidationCommand(c: OutboundConnector, domain: string | undefined): Command {
  return exo(`Set-OutboundConnector ${connectorId(c)} -TlsSettings DomainValidation -TlsDomain ${literal(domain, '<name on the on-premises certificate>')}`);
}

/** Exchange Online validates the on-premises certificate, and the certificate cannot pass. */
export function exoOutboundTlsCannotValidate(ctx: RuleContext): ExchangeFinding[] {
  const seen = certificatesServedToExchangeOnline(ctx);
  const out: ExchangeFinding[] = [];
  for (const c of onPremises(ctx)) {
    const settings = c.tlsSettings?.toLowerCase();
    if (settings !== 'certificatevalidation' && settings !== 'domainvalidation') continue;
    const problems: string[] = [];
    let certificateProblem = false;
    if (settings === 'domainvalidation' && !c.tlsDomain) problems.push('TlsSettings is DomainValidation but TlsDomain is empty: there is no name to validate against.');
    for (const s of seen) {
      const what = `${s.label} (${s.source})`;
      if (s.selfSigned) problems.push(`${what} is self-signed: Exchange Online does not trust it (450 4.7.320 Certificate validation failed).`);
      else if (s.trusted === false) problems.push(`${what} did not validate against public roots for the probe.`);
      if (s.expired) problems.push(`${what} has expired (4.7.322 certificate-expired).`);
      if (s.selfSigned || s.trusted === false || s.expired) certificateProblem = true;
      const domain = c.tlsDomain;
      if (settings === 'domainvalidation' && domain && !s.partial && !s.names.some((n) => senderNameMatches(domain, n))) {
        problems.push(`${what} does not carry TlsDomain ${domain}; names: ${s.names.join(', ') || '(none)'} (450 4.7.320 Certificate validation failed [Message=SubjectMismatch]).`);
      }
    }
    if (problems.length === 0) continue;
    const commands: Command[] = [];
    const nameProblem = problems.some((p) => p.includes('TlsDomain'));
    if (nameProblem) commands.push(domainValidationCommand(c, suggestedTlsDomain(c, seen)));
    if (certificateProblem) {
      const cert = replacementCertificate(ctx.config.certificates, ctx.now);
      for (const rc of ctx.config.receiveConnectors.filter((r) => isInternetFacing(r) && hasTls(r))) {
        commands.push(setTlsCertificateName('Set-ReceiveConnector', receiveConnectorId(rc), cert), restartFor(rc));
      }
    }
    out.push({
      id: 'exo-outbound-tls-cannot-validate',
      severity: 'critical',
      ports: [25],
      title: `Exchange Online outbound connector "${c.identity}" cannot validate the on-premises certificate`,
      evidence: [`TlsSettings: ${c.tlsSettings}; TlsDomain: ${c.tlsDomain ?? '(empty)'}; SmartHosts: ${c.smartHosts.items.join(', ') || '(none)'}`, ...problems],
      remediation: [
        {
          platform: 'exchange-online',
          steps: [
            'Exchange Online delivers to the on-premises servers only when their certificate passes the connector\'s validation; otherwise mail queues with 450 4.7.320 and bounces.',
            ...(nameProblem ? ['Set TlsDomain to a name the on-premises certificate carries (usually the smart host name).'] : []),
            ...(certificateProblem
              ? ["On-premises: present a CA-issued, unexpired certificate on port 25 (name it in the receive connector's TlsCertificateName)."]
              : []),
          ],
          commands: uniqueCommands(commands),
        },
      ],
      objects: [c.identity],
    });
  }
  return out;
}

/** Exchange Online delivers to the on-premises servers without validating their certificate. */
export function exoOutboundTlsNotValidated(ctx: RuleContext): ExchangeFinding[] {
  const seen = certificatesServedToExchangeOnline(ctx);
  return onPremises(ctx)
    .filter((c) => c.tlsSettings === undefined || c.tlsSettings.toLowerCase() === 'encryptiononly')
    .map((c) => ({
      id: 'exo-outbound-tls-not-validated' as const,
      severity: 'warning' as const,
      ports: [25],
      title: `Exchange Online outbound connector "${c.identity}" does not validate the on-premises certificate`,
      evidence: [`TlsSettings: ${c.tlsSettings ?? '(empty: TLS not required)'}`, `SmartHosts: ${c.smartHosts.items.join(', ') || '(none)'}`],
      remediation: [
        {
          platform: 'exchange-online' as const,
          steps: ['Hybrid expects Exchange Online to require TLS to the on-premises servers and check their certificate name (DomainValidation), so mail cannot be diverted or sent in clear text.'],
          commands: [domainValidationCommand(c, suggestedTlsDomain(c, seen))],
        },
      ],
      objects: [c.identity],
    }));
}
