import type { CertificateReport } from '../certificate/types';
import type { Finding, Severity } from '../diagnosis/types';
import type { Platform } from '../fix-commands/types';
import { replyText } from '../probe/reply-parser';
import type { PortProbeResult } from '../probe/types';
import type { PortReport, Report, Verdict } from './types';

export function toPortReport(probe: PortProbeResult, certificate?: CertificateReport): PortReport {
  const { starttls } = probe;
  return {
    port: probe.port,
    mode: probe.mode,
    ...(probe.address ? { address: probe.address } : {}),
    ...(probe.greeting ? { banner: probe.greeting.lines, greetingMs: probe.greetingMs } : {}),
    ...(probe.ehlo ? { ehloCommand: probe.ehlo.command } : {}),
    capabilities: probe.ehlo?.capabilities ?? [],
    ...(probe.ehloAfterTls ? { capabilitiesAfterTls: probe.ehloAfterTls.capabilities } : {}),
    starttls: {
      advertised: starttls.advertised,
      attempted: starttls.attempted,
      succeeded: starttls.succeeded,
      ...(starttls.protocol ? { protocol: starttls.protocol } : {}),
      ...(starttls.cipher ? { cipher: starttls.cipher } : {}),
      ...(starttls.reply ? { replyCode: starttls.reply.code, replyText: replyText(starttls.reply) } : {}),
    },
    ...(certificate ? { certificate } : {}),
    ...(probe.tlsVersions ? { tlsVersions: probe.tlsVersions } : {}),
    ...(probe.error ? { error: probe.error } : {}),
    ...(probe.plainTextInsteadOfTls !== undefined ? { plainTextInsteadOfTls: probe.plainTextInsteadOfTls } : {}),
    timings: probe.timings,
    totalMs: probe.totalMs,
    transcript: probe.transcript,
  };
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/**
 * The worst finding decides; a port that could not be assessed (tarpit, 421) makes the
 * verdict unknown unless something is already known to be critical.
 */
export function verdictOf(findings: Finding[]): Verdict {
  const worst = Math.max(-1, ...findings.map((f) => RANK[f.severity]));
  if (worst === 2) return 'critical';
  if (findings.some((f) => f.id === 'smtp-not-testable')) return 'unknown';
  return worst === 1 ? 'warning' : 'ok';
}

export interface ReportParts {
  host: string;
  servername?: string;
  startedAt: Date;
  durationMs: number;
  platform: Platform;
  ports: PortReport[];
  findings: Finding[];
}

export function buildReport(parts: ReportParts): Report {
  return {
    schemaVersion: 2,
    host: parts.host,
    ...(parts.servername ? { servername: parts.servername } : {}),
    startedAt: parts.startedAt.toISOString(),
    durationMs: parts.durationMs,
    platform: parts.platform,
    verdict: verdictOf(parts.findings),
    ports: parts.ports,
    findings: parts.findings,
  };
}
