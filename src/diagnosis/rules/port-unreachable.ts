import type { ProbeErrorCode } from '../../probe/types';
import { platformOf } from '../fingerprint';
import { unreachableRemediation } from '../remediation/connectivity';
import { classifySession } from '../session';
import { formatPortsTitle, serverText } from '../text';
import type { DiagnosisInput, Finding } from '../types';

const CAUSE: Partial<Record<ProbeErrorCode, string>> = {
  PROBE_DNS_FAILURE: 'the host name did not resolve',
  PROBE_CONNECT_REFUSED: 'connection refused',
  PROBE_UNREACHABLE: 'no route to the host',
  PROBE_TIMEOUT: 'the connection attempt timed out',
};

function title(host: string, code: ProbeErrorCode, ports: number[]): string {
  const where = formatPortsTitle(ports);
  switch (code) {
    case 'PROBE_DNS_FAILURE':
      return `${host} does not resolve, so no port could be reached`;
    case 'PROBE_CONNECT_REFUSED':
      return `${where} refused the connection`;
    case 'PROBE_TIMEOUT':
      return `${where} did not accept a connection (timed out)`;
    default:
      return `${where} could not be reached`;
  }
}

/**
 * port-unreachable (critical): DNS failure, connection refused, no route, or a timeout
 * while connecting. Ports failing the same way share one finding.
 */
export function portUnreachable(input: DiagnosisInput): Finding[] {
  const groups = new Map<ProbeErrorCode, { ports: number[]; evidence: string[] }>();
  for (const { probe } of input.ports) {
    const outcome = classifySession(probe);
    if (outcome.kind !== 'unreachable') continue;
    const { code, message } = outcome.error;
    const group = groups.get(code) ?? { ports: [], evidence: [] };
    const at = probe.address ? ` (${probe.address})` : '';
    group.ports.push(probe.port);
    group.evidence.push(`port ${probe.port}${at}: ${CAUSE[code] ?? code} at step ${outcome.error.step}: ${serverText(message)}`);
    groups.set(code, group);
  }
  if (groups.size === 0) return [];
  const platform = platformOf(input);
  return [...groups].map(([code, { ports, evidence }]) => ({
    id: 'port-unreachable',
    severity: 'critical',
    ports,
    title: title(input.host, code, ports),
    evidence,
    remediation: unreachableRemediation({ host: input.host, ports, mode: 'starttls', platform, code }),
  }));
}
