import type { FindingId, Severity } from '../diagnosis/types';
import type { Report } from '../report/types';

/** What an incident remembers of a finding: enough to show it, never the remediation (that stays in the result). */
export interface ProblemSummary {
  /** Finding id and ports: the identity of a problem across runs. */
  key: string;
  id: FindingId;
  severity: Severity;
  ports: number[];
  title: string;
  /** Who refuses the mail, and how (absent in incidents stored before it existed). */
  impact?: string;
  evidence: string[];
}

/** Handled by the expiry thresholds instead, so an expiring certificate does not open an incident at 30 days. */
const NOT_AN_INCIDENT: FindingId[] = ['cert-expiring-soon'];

/** Findings that mean "could not look", damped over several runs so one lost packet pages nobody. */
export const REACHABILITY_FINDINGS: FindingId[] = ['port-unreachable', 'smtp-not-testable'];

const MAX_EVIDENCE_LINES = 5;

export function problemKey(id: string, ports: number[]): string {
  return `${id}@${[...ports].sort((a, b) => a - b).join(',')}`;
}

/** The critical and warning findings of a report that an incident is about, in report order. */
export function reportProblems(report: Report): ProblemSummary[] {
  return report.findings
    .filter((f) => (f.severity === 'critical' || f.severity === 'warning') && !NOT_AN_INCIDENT.includes(f.id))
    .map((f) => ({
      key: problemKey(f.id, f.ports),
      id: f.id,
      severity: f.severity,
      ports: f.ports,
      title: f.title,
      ...(f.impact ? { impact: f.impact } : {}),
      evidence: f.evidence.slice(0, MAX_EVIDENCE_LINES),
    }));
}

export function isReachabilityProblem(p: ProblemSummary): boolean {
  return REACHABILITY_FINDINGS.includes(p.id);
}

export function sameProblems(a: ProblemSummary[], b: ProblemSummary[]): boolean {
  const keys = new Set(a.map((p) => p.key));
  return a.length === b.length && b.every((p) => keys.has(p.key));
}
