import { certificate } from '../../fixtures/reports';
import type { Finding, FindingId, Severity } from '../../../src/diagnosis/types';
import type { PortReport, Report } from '../../../src/report/types';

export const DAY = 86_400_000;
export const T0 = Date.parse('2026-03-01T00:00:00.000Z');

export interface PortSpec {
  port?: number;
  caps?: string[];
  thumbprint?: string;
  notAfter?: string;
  /** No answer at all (connection refused). */
  down?: boolean;
}

export function portReport(spec: PortSpec = {}): PortReport {
  const port = spec.port ?? 25;
  if (spec.down) {
    return {
      port,
      mode: 'starttls',
      capabilities: [],
      starttls: { advertised: false, attempted: false, succeeded: false },
      error: { code: 'PROBE_CONNECT_REFUSED', step: 'connect', message: 'connect ECONNREFUSED' },
      timings: {},
      totalMs: 1,
      transcript: [],
    };
  }
  const caps = spec.caps ?? ['SIZE 10240000', 'PIPELINING', 'STARTTLS'];
  const starttls = caps.includes('STARTTLS');
  return {
    port,
    mode: 'starttls',
    ehloCommand: 'EHLO',
    capabilities: caps.map((l) => ({ keyword: l.split(' ')[0], params: l.split(' ').slice(1) })),
    starttls: starttls ? { advertised: true, attempted: true, succeeded: true, protocol: 'TLSv1.3' } : { advertised: false, attempted: false, succeeded: false },
    ...(starttls
      ? { certificate: certificate({ sha1Thumbprint: spec.thumbprint ?? 'AAAA', sha256Fingerprint: `FP:${spec.thumbprint ?? 'AAAA'}`, notAfter: spec.notAfter ?? new Date(T0 + 90 * DAY).toISOString() }) }
      : {}),
    timings: {},
    totalMs: 10,
    transcript: [],
  };
}

export function finding(id: FindingId, ports: number[], severity: Severity = 'critical'): Finding {
  return { id, severity, ports, title: `${id} on ${ports.join(',')}`, evidence: [`evidence for ${id}`], remediation: [] };
}

export function report(ports: PortSpec[] = [{}], findings: Finding[] = []): Report {
  const verdict = findings.some((f) => f.severity === 'critical') ? 'critical' : findings.some((f) => f.severity === 'warning') ? 'warning' : 'ok';
  return { schemaVersion: 1, host: 'mx.example.test', startedAt: new Date(T0).toISOString(), durationMs: 10, platform: 'postfix', verdict, ports: ports.map(portReport), findings };
}

export function stripped(port = 25): Report {
  return report([{ port, caps: ['SIZE 10240000', 'PIPELINING'] }], [finding('starttls-not-advertised', [port])]);
}

export function unreachable(port = 25): Report {
  return report([{ port, down: true }], [finding('port-unreachable', [port])]);
}
