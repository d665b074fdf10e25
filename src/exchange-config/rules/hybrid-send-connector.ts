import { replacementCertificate } from '../certificate-selection';
import { ems } from '../../fix-commands/command';
import type { Command } from '../../fix-commands/types';
import { EXO_TLS_DOMAIN, RESTART_TRANSPORT, connectorId, setTlsCertificateName } from '../commands';
import { certificateLabel } from '../exchange-certificate';
import { isExchangeOnlineSmartHost, isHybridSendConnector } from '../send-connector';
import type { ExchangeFinding, SendConnector } from '../types';
import { hasProperty } from '../values';
import type { RuleContext } from './rule';

const VALIDATING_LEVELS = ['certificatevalidation', 'domainvalidation'];
const HCW_STEP = 'Or rerun the Hybrid Configuration Wizard, which sets the connector the way Exchange Online expects.';

function hybrid(ctx: RuleContext): SendConnector[] {
  return ctx.config.sendConnectors.filter((sc) => sc.enabled && isHybridSendConnector(sc));
}

/** The hybrid send connector does not require TLS. */
export function hybridSendConnectorNoRequireTls(ctx: RuleContext): ExchangeFinding[] {
  return hybrid(ctx)
    .filter((sc) => sc.requireTls === false)
    .map((sc) => ({
      id: 'hybrid-send-connector-no-requiretls' as const,
      severity: 'critical' as const,
      ports: [],
      title: `Hybrid send connector "${sc.identity}" does not require TLS`,
      evidence: [
        'RequireTLS: False',
        `TlsAuthLevel: ${sc.tlsAuthLevel ?? '(empty)'}; TlsDomain: ${sc.tlsDomain ?? '(empty)'}`,
      ],
      remediation: [
        {
          platform: 'exchange-onprem' as const,
          steps: [
            'Mail to Exchange Online can then leave without TLS, and Exchange Online does not recognise it as coming from your organisation (the inbound connector identifies the server by its TLS certificate).',
            `Require TLS and validate Exchange Online's certificate against ${EXO_TLS_DOMAIN}.`,
            HCW_STEP,
          ],
          commands: [ems(`Set-SendConnector ${connectorId(sc)} -RequireTLS $true -TlsAuthLevel DomainValidation -TlsDomain ${EXO_TLS_DOMAIN}`)],
        },
      ],
      objects: [sc.identity],
    }));
}

/** RequireTLS is on but the rest of what hybrid expects is not. */
export function hybridSendConnectorTlsIncomplete(ctx: RuleContext): ExchangeFinding[] {
  const out: ExchangeFinding[] = [];
  for (const sc of hybrid(ctx)) {
    const problems: string[] = [];
    const params: string[] = [];
    // With RequireTLS off, hybrid-send-connector-no-requiretls already sets the level and domain.
    if (sc.requireTls !== false) {
      const level = sc.tlsAuthLevel?.toLowerCase();
      if (sc.tlsAuthLevel !== undefined && !VALIDATING_LEVELS.includes(level ?? '')) {
        problems.push(`TlsAuthLevel is ${sc.tlsAuthLevel}: Exchange Online's certificate is not validated (hybrid expects DomainValidation or CertificateValidation).`);
        params.push('-TlsAuthLevel DomainValidation', `-TlsDomain ${EXO_TLS_DOMAIN}`);
      } else if (level === 'domainvalidation' && sc.tlsDomain?.toLowerCase() !== EXO_TLS_DOMAIN) {
        problems.push(`TlsDomain is ${sc.tlsDomain ?? 'empty'}; with DomainValidation it must be ${EXO_TLS_DOMAIN}.`);
        params.push(`-TlsDomain ${EXO_TLS_DOMAIN}`);
      }
    }
    if (sc.cloudServicesMailEnabled === false) {
      problems.push('CloudServicesMailEnabled is False: the headers that keep hybrid mail internal are stripped.');
      params.push('-CloudServicesMailEnabled $true');
    }
    const commands: Command[] = [];
    if (hasProperty(sc.properties, 'TlsCertificateName') && sc.tlsCertificateName.kind === 'empty') {
      problems.push('TlsCertificateName is empty: the server presents no chosen certificate, so Exchange Online cannot match it to the inbound connector by certificate.');
      const cert = replacementCertificate(ctx.config.certificates, ctx.now, { host: sc.fqdn });
      if (cert) problems.push(`Certificate to name: ${certificateLabel(cert)}`);
      commands.push(setTlsCertificateName('Set-SendConnector', connectorId(sc), cert));
    }
    if (problems.length === 0) continue;
    if (params.length > 0) commands.unshift(ems(`Set-SendConnector ${connectorId(sc)} ${params.join(' ')}`));
    commands.push(RESTART_TRANSPORT);
    out.push({
      id: 'hybrid-send-connector-tls-incomplete',
      severity: 'warning',
      ports: [],
      title: `Hybrid send connector "${sc.identity}" is not set up the way Exchange Online expects`,
      evidence: problems,
      remediation: [{ platform: 'exchange-onprem', steps: ['Set the values the Hybrid Configuration Wizard sets.', HCW_STEP], commands }],
      objects: [sc.identity],
    });
  }
  return out;
}

/** The hybrid send connector routes to something other than Exchange Online's smart hosts. */
export function hybridSendConnectorWrongSmartHost(ctx: RuleContext): ExchangeFinding[] {
  const out: ExchangeFinding[] = [];
  for (const sc of hybrid(ctx)) {
    const hosts = sc.smartHosts.items;
    if (hosts.some(isExchangeOnlineSmartHost)) continue;
    const evidence =
      hosts.length > 0
        ? [`SmartHosts: ${hosts.join(', ')}: none is a *.mail.protection.outlook.com host.`]
        : [`SmartHosts: (none); DNSRoutingEnabled: ${sc.dnsRoutingEnabled === undefined ? 'not pasted' : sc.dnsRoutingEnabled ? 'True' : 'False'}: mail goes wherever MX records point.`];
    if (sc.addressSpaces.items.length > 0) evidence.push(`AddressSpaces: ${sc.addressSpaces.items.join(', ')}`);
    out.push({
      id: 'hybrid-send-connector-wrong-smarthost',
      severity: 'warning',
      ports: [],
      title: `Hybrid send connector "${sc.identity}" does not deliver to Exchange Online's smart host`,
      evidence,
      remediation: [
        {
          platform: 'exchange-onprem',
          steps: [
            "Hybrid mail goes to your tenant's Exchange Online Protection endpoint, <domain>-<tld>.mail.protection.outlook.com (the MX target of your accepted domain), with TLS validated against mail.protection.outlook.com.",
            'Replace <tenant endpoint> with that host name (Resolve-DnsName -Type MX <your domain> shows it).',
            HCW_STEP,
          ],
          commands: [ems(`Set-SendConnector ${connectorId(sc)} -DNSRoutingEnabled $false -SmartHosts '<tenant endpoint>.mail.protection.outlook.com'`), RESTART_TRANSPORT],
        },
      ],
      objects: [sc.identity],
    });
  }
  return out;
}
