import type { Severity } from '../diagnosis/types';
import type { Remediation } from '../fix-commands/types';
import type { DomainFinding, DomainFindingId } from './types';

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

export function domainFinding(
  id: DomainFindingId,
  severity: Severity,
  hosts: string[],
  title: string,
  evidence: string[],
  remediation: Remediation[] = [],
): DomainFinding {
  return { id, severity, hosts, title, evidence, remediation };
}

/** Critical first; stable within a severity. */
export function sortFindings(findings: DomainFinding[]): DomainFinding[] {
  return [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
