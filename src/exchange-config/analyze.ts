import type { Severity } from '../diagnosis/types';
import type { Report, Verdict } from '../report/types';
import { READ_ONLY_CMDLETS } from './commands';
import { portAnsweredByConnector, portAnsweredByUnlistedConnector, starttlsMissingOnTlsConnector } from './joined/port-connectors';
import { servedCertificateDiffers, servedCertificateNotOnServer, servedNamesMissFqdn } from './joined/served-certificate';
import { parseExchangePaste } from './parse-paste';
import { connectorFqdnNotCovered } from './rules/connector-fqdn';
import { exoInboundNoRequireTls, exoInboundNoSenderCertificateName, exoInboundSenderNameNotOnCertificate } from './rules/exo-inbound-connector';
import { exoOutboundTlsCannotValidate, exoOutboundTlsNotValidated } from './rules/exo-outbound-connector';
import { hybridSendConnectorNoRequireTls, hybridSendConnectorTlsIncomplete, hybridSendConnectorWrongSmartHost } from './rules/hybrid-send-connector';
import { receiveConnectorNoTls } from './rules/receive-connector-no-tls';
import { receiveConnectorsOverlap } from './rules/receive-connectors-overlap';
import type { Rule, RuleContext } from './rules/rule';
import { certificateNotEnabledForSmtp, smtpCertificateExpired, smtpCertificateSelfSigned } from './rules/smtp-certificates';
import { tlsCertificateNameRule } from './rules/tls-certificate-name';
import { isHybridSendConnector } from './send-connector';
import { EXCHANGE_FINDING_IDS, type AnalysisOptions, type ExchangeAnalysis, type ExchangeConfig, type ExchangeFinding, type ReadOnlyCmdlet } from './types';

const RULES: readonly Rule[] = [
  receiveConnectorNoTls,
  tlsCertificateNameRule,
  connectorFqdnNotCovered,
  receiveConnectorsOverlap,
  smtpCertificateExpired,
  smtpCertificateSelfSigned,
  certificateNotEnabledForSmtp,
  hybridSendConnectorNoRequireTls,
  hybridSendConnectorTlsIncomplete,
  hybridSendConnectorWrongSmartHost,
  exoInboundNoRequireTls,
  exoInboundNoSenderCertificateName,
  exoInboundSenderNameNotOnCertificate,
  exoOutboundTlsCannotValidate,
  exoOutboundTlsNotValidated,
  starttlsMissingOnTlsConnector,
  portAnsweredByConnector,
  portAnsweredByUnlistedConnector,
  servedCertificateDiffers,
  servedCertificateNotOnServer,
  servedNamesMissFqdn,
];

export const NOTHING_RECOGNISED =
  'Nothing recognised: paste the Format-List output (| fl) of Get-ReceiveConnector, Get-ExchangeCertificate, Get-SendConnector, Get-InboundConnector or Get-OutboundConnector.';

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/**
 * Reads pasted Exchange cmdlet output and says what in it keeps STARTTLS or hybrid TLS from
 * working; with the probe report of the same server, also which connector answered each port and
 * whether the served certificate is the configured one. Pure: the same input gives the same answer.
 */
export function analyzeExchangeText(text: string, report?: Report, options: AnalysisOptions = {}): ExchangeAnalysis {
  const config = parseExchangePaste(text);
  const recognised = objectCount(config) > 0;
  if (!recognised) {
    return { recognised, summary: NOTHING_RECOGNISED, verdict: 'unknown', findings: [], config, joined: false, nextSteps: [...READ_ONLY_CMDLETS] };
  }
  const ctx: RuleContext = { config, now: options.now ?? new Date(), report };
  const findings = sortFindings(mergeFqdnFindings(RULES.flatMap((rule) => rule(ctx))));
  const verdict = verdictOf(findings);
  return {
    recognised,
    summary: summaryLine(config, findings, report),
    verdict,
    findings,
    config,
    joined: report !== undefined,
    nextSteps: nextSteps(config),
  };
}

function objectCount(c: ExchangeConfig): number {
  return c.receiveConnectors.length + c.certificates.length + c.sendConnectors.length + c.inboundConnectors.length + c.outboundConnectors.length;
}

/** The configuration finding already says the Fqdn is off the certificate; the probe's view joins it as evidence. */
function mergeFqdnFindings(findings: ExchangeFinding[]): ExchangeFinding[] {
  const configured = findings.filter((f) => f.id === 'connector-fqdn-not-covered');
  return findings.filter((f) => {
    if (f.id !== 'served-names-miss-fqdn') return true;
    const same = configured.find((c) => c.objects.length > 0 && c.objects.every((o) => f.objects.includes(o)));
    if (!same) return true;
    same.evidence.push(...f.evidence.filter((e) => e.startsWith('Port ')));
    return false;
  });
}

function sortFindings(findings: ExchangeFinding[]): ExchangeFinding[] {
  const order = (id: ExchangeFinding['id']) => EXCHANGE_FINDING_IDS.indexOf(id);
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || order(a.id) - order(b.id));
}

export function verdictOf(findings: readonly ExchangeFinding[]): Verdict {
  if (findings.some((f) => f.severity === 'critical')) return 'critical';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  return 'ok';
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function listing(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function summaryLine(config: ExchangeConfig, findings: readonly ExchangeFinding[], report: Report | undefined): string {
  const read = [
    [config.receiveConnectors.length, 'receive connector', 'receive connectors'],
    [config.certificates.length, 'certificate', 'certificates'],
    [config.sendConnectors.length, 'send connector', 'send connectors'],
    [config.inboundConnectors.length, 'inbound connector', 'inbound connectors'],
    [config.outboundConnectors.length, 'outbound connector', 'outbound connectors'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, one, many]) => plural(n as number, one as string, many as string));
  const joined = report ? ` (joined with the probe of ${report.host})` : '';
  const counts = (['critical', 'warning', 'info'] as const)
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  return `Read ${listing(read)}${joined}: ${counts.length > 0 ? counts.join(', ') : 'no problems found'}.`;
}

function nextSteps(config: ExchangeConfig): ReadOnlyCmdlet[] {
  const keys = new Set<ReadOnlyCmdlet['key']>();
  if (config.notes.some((n) => n.includes('$FormatEnumerationLimit'))) keys.add('enumeration-limit');
  if (config.receiveConnectors.length === 0) keys.add('receive-connectors');
  if (config.certificates.length === 0) keys.add('certificates');
  const hybrid =
    config.sendConnectors.some(isHybridSendConnector) || config.inboundConnectors.length > 0 || config.outboundConnectors.length > 0;
  if (hybrid) {
    if (config.sendConnectors.length === 0) keys.add('send-connectors');
    if (config.inboundConnectors.length === 0) keys.add('inbound-connectors');
    if (config.outboundConnectors.length === 0) keys.add('outbound-connectors');
  }
  return READ_ONLY_CMDLETS.filter((c) => keys.has(c.key));
}
