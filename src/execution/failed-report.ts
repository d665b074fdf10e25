import { IMPLICIT_TLS_PORTS, type CheckRequest } from '../check/check-request';
import type { PortReport, Report } from '../report/types';

/**
 * The report for a check the executor could not finish (its worker crashed or
 * hung): verdict unknown, and each port says why, since no probe result exists.
 */
export function failedCheckReport(request: CheckRequest, reason: string, startedAt: Date, now = new Date()): Report {
  return {
    schemaVersion: 2,
    host: request.host,
    startedAt: startedAt.toISOString(),
    durationMs: now.getTime() - startedAt.getTime(),
    platform: 'unknown',
    verdict: 'unknown',
    ports: request.ports.map((port) => failedPort(request, port, reason)),
    findings: [],
  };
}

function failedPort(request: CheckRequest, port: number, reason: string): PortReport {
  const implicit = request.implicitTls || IMPLICIT_TLS_PORTS.includes(port);
  return {
    port,
    mode: implicit ? 'implicit-tls' : 'starttls',
    capabilities: [],
    starttls: { advertised: false, attempted: false, succeeded: false },
    // ProbeErrorCode has no executor code yet; PROBE_PROTOCOL_ERROR is the closest fit until one is added.
    error: { code: 'PROBE_PROTOCOL_ERROR', step: 'resolve', message: reason },
    timings: {},
    totalMs: 0,
    transcript: [{ at: 0, dir: 'info', text: reason }],
  };
}
