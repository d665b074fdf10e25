import type { Severity } from '../../diagnosis/types';
import type { PortReport } from '../../report/types';
import type { HostSummary, MxHostOutcome, StartTlsOutcome } from '../types';

const RANK: Record<Severity, number> = { critical: 2, warning: 1, info: 0 };
/** Errors that mean the port never answered SMTP at all. */
const UNREACHABLE = new Set(['PROBE_DNS_FAILURE', 'PROBE_CONNECT_REFUSED', 'PROBE_UNREACHABLE', 'PROBE_TIMEOUT', 'PROBE_CONNECTION_CLOSED']);

/** What one MX host's report says, reduced to the facts compared across hosts. */
export function summarizeHost(outcome: MxHostOutcome): HostSummary {
  const report = outcome.report;
  const port = report?.ports[0];
  const worst = report?.findings.reduce<(typeof report.findings)[number] | undefined>(
    (best, f) => (!best || RANK[f.severity] > RANK[best.severity] ? f : best),
    undefined,
  );
  const c = port?.certificate;
  return {
    host: outcome.host,
    priority: outcome.priority,
    verdict: report?.verdict ?? 'unknown',
    platform: report?.platform ?? 'unknown',
    ...(port ? { port: port.port } : {}),
    starttls: startTlsOutcome(port),
    ...(port?.starttls.protocol ? { protocol: port.starttls.protocol } : {}),
    capabilities: (port?.capabilities ?? []).map((cap) => [cap.keyword, ...cap.params].join(' ')),
    ...(c
      ? {
          certificate: {
            subject: c.subject,
            issuer: c.issuer,
            names: c.san,
            sha256Fingerprint: c.sha256Fingerprint,
            sha1Thumbprint: c.sha1Thumbprint,
            nameMatch: c.nameMatch,
            trusted: c.trusted,
            daysLeft: c.daysLeft,
          },
        }
      : {}),
    ...(worst ? { worstFinding: { id: worst.id, severity: worst.severity, title: worst.title } } : {}),
  };
}

export function startTlsOutcome(port: PortReport | undefined): StartTlsOutcome {
  if (!port) return 'not-checked';
  if (port.starttls.succeeded) return 'ok';
  if (port.ehloCommand === undefined && port.error && UNREACHABLE.has(port.error.code)) return 'unreachable';
  if (!port.starttls.advertised && !port.starttls.attempted) return 'not-advertised';
  return 'failed';
}
