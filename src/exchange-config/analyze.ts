import { PLATFORM_LABELS } from '../fix-commands/platforms';
import { formatPorts, serverText } from '../diagnosis/text';
import type { Severity } from '../diagnosis/types';
import type { Platform } from '../fix-commands/types';
import type { Report, Verdict } from '../report/types';
import { READ_ONLY_CMDLETS } from './commands';
import { parseExchangePaste } from './parse-paste';
import { RULES } from './rules';
import type { RuleContext } from './rules/rule';
import { isHybridSendConnector } from './send-connector';
import { EXCHANGE_FINDING_IDS, type AnalysisOptions, type ExchangeAnalysis, type ExchangeConfig, type ExchangeFinding, type ReadOnlyCmdlet } from './types';

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
  const joinable = report !== undefined && isExchangeReport(report);
  const ctx: RuleContext = { config, now: options.now ?? new Date(), report: joinable ? report : undefined };
  const notJoined = report !== undefined && !joinable ? [notExchangeFinding(report)] : [];
  const findings = sortFindings([...notJoined, ...mergeFqdnFindings(RULES.flatMap((rule) => rule(ctx)))]);
  const verdict = verdictOf(findings);
  return {
    recognised,
    summary: summaryLine(config, findings, report, joinable),
    verdict,
    findings,
    config,
    joined: joinable,
    nextSteps: nextSteps(config),
  };
}

/**
 * Platforms whose probe report can be joined with Exchange cmdlet output: Exchange itself, a server
 * the fingerprint could not place, and Exchange behind a Cisco ASA (the ASA masks the banner).
 */
const JOINABLE_PLATFORMS: readonly Platform[] = ['exchange-onprem', 'unknown', 'cisco-asa'];

function isExchangeReport(report: Report): boolean {
  return JOINABLE_PLATFORMS.includes(report.platform);
}

/** The probe report is of another MTA: joining would pin its answers on connectors that never gave them. */
function notExchangeFinding(report: Report): ExchangeFinding {
  const platform = PLATFORM_LABELS[report.platform];
  const banner = report.ports.find((p) => p.banner && p.banner.length > 0)?.banner?.[0];
  const ports = report.ports.map((p) => p.port);
  return {
    id: 'probe-report-not-exchange',
    severity: 'warning',
    ports,
    title: `The probe report of ${report.host} shows ${platform}, not Exchange Server: the paste was analysed without it`,
    evidence: [
      `The probe of ${report.host} recognised the platform as ${platform}${banner !== undefined ? ` (greeting: ${serverText(banner)})` : ''}`,
      'Its ports, capabilities and certificate were not matched against the pasted connectors: they come from another server.',
    ],
    remediation: [
      {
        platform: 'exchange-onprem',
        steps: [
          `Senders reach ${report.host} first, so what they see on ${formatPorts(ports)} is that server's STARTTLS, not these connectors'. If it is a gateway in front of Exchange, check its own STARTTLS and certificate, and the hop from it to Exchange.`,
          "To join the paste with a probe, probe the Exchange server's own address (one its receive connectors are bound to) and pass that report.",
        ],
        commands: [],
      },
    ],
    objects: [],
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

function summaryLine(config: ExchangeConfig, findings: readonly ExchangeFinding[], report: Report | undefined, joinable: boolean): string {
  const read = [
    [config.receiveConnectors.length, 'receive connector', 'receive connectors'],
    [config.certificates.length, 'certificate', 'certificates'],
    [config.sendConnectors.length, 'send connector', 'send connectors'],
    [config.inboundConnectors.length, 'inbound connector', 'inbound connectors'],
    [config.outboundConnectors.length, 'outbound connector', 'outbound connectors'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, one, many]) => plural(n as number, one as string, many as string));
  const joined = !report ? '' : joinable ? ` (joined with the probe of ${report.host})` : ` (not joined with the probe of ${report.host}: it is not an Exchange server)`;
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
