import { analyzeCertificate } from '../../../src/certificate/analyze';
import type { Finding } from '../../../src/diagnosis/types';
import type { Platform } from '../../../src/fix-commands/types';
import type { MxHostOutcome } from '../../../src/domain-check/types';
import type { PortReport, Report, Verdict } from '../../../src/report/types';
import { createTestPki, type TestCertificate } from '../../helpers/pki';

export interface HostReportOptions {
  /** The served leaf; the PKI's good leaf for the host when omitted. */
  leaf?: TestCertificate;
  /** What the server sends: leaf and intermediate (default), or the leaf alone. */
  chain?: 'full' | 'leaf-only';
  /** Override Node's verification outcome (default: trusted when the chain is full). */
  authorized?: boolean;
  starttls?: 'ok' | 'not-advertised' | 'unreachable';
  capabilities?: string[];
  platform?: Platform;
  findings?: Finding[];
  port?: number;
}

/** A Report as checkTarget would build it for one MX host on one port, with a real certificate analysis. */
export function hostReport(host: string, options: HostReportOptions = {}): Report {
  const pki = createTestPki();
  const port = options.port ?? 25;
  const starttls = options.starttls ?? 'ok';
  const capabilities = (options.capabilities ?? ['PIPELINING', 'SIZE 10240000', 'STARTTLS']).map((c) => {
    const [keyword, ...params] = c.split(' ');
    return { keyword, params };
  });
  const portReport: PortReport = {
    port,
    mode: 'starttls',
    capabilities: starttls === 'unreachable' ? [] : capabilities.filter((c) => starttls === 'ok' || c.keyword !== 'STARTTLS'),
    starttls: { advertised: starttls === 'ok', attempted: starttls === 'ok', succeeded: starttls === 'ok' },
    timings: {},
    totalMs: 10,
    transcript: [],
  };
  if (starttls !== 'unreachable') {
    portReport.ehloCommand = 'EHLO';
    portReport.banner = [`${host} ESMTP`];
  } else {
    portReport.error = { code: 'PROBE_CONNECT_REFUSED', step: 'connect', message: 'connection refused' };
  }
  if (starttls === 'ok') {
    const leaf = options.leaf ?? pki.goodLeaf(host);
    const full = (options.chain ?? 'full') === 'full';
    const authorized = options.authorized ?? full;
    const chainDer = full ? [leaf.der, pki.intermediate.der, pki.root.der] : [leaf.der];
    portReport.starttls.protocol = 'TLSv1.3';
    portReport.certificate = analyzeCertificate(
      {
        chainDer: chainDer.map((d) => d.toString('base64')),
        authorized,
        ...(authorized ? {} : { authorizationError: full ? 'CERT_HAS_EXPIRED' : 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }),
      },
      { host, expectNames: [], now: pki.now },
    );
  }
  const findings = options.findings ?? [];
  return {
    schemaVersion: 1,
    host,
    startedAt: pki.now.toISOString(),
    durationMs: 10,
    platform: options.platform ?? 'postfix',
    verdict: verdictOf(findings),
    ports: [portReport],
    findings,
  };
}

export function outcome(host: string, priority: number, options: HostReportOptions = {}): MxHostOutcome {
  return { host, priority, report: hostReport(host, options) };
}

export function finding(id: Finding['id'], severity: Finding['severity'], title: string = id): Finding {
  return { id, severity, ports: [25], title, evidence: [], remediation: [] };
}

function verdictOf(findings: Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'critical')) return 'critical';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  return 'ok';
}
