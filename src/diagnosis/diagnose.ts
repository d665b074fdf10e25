import { platformOf } from './fingerprint';
import { RULES } from './rules';
import { gradeFindings } from './sender-impact';
import { FINDING_IDS, type DiagnosisInput, type Finding, type Severity } from './types';
import { type Platform } from '../fix-commands/types';

export interface Diagnosis {
  platform: Platform;
  findings: Finding[];
}

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

function firstPort(f: Finding): number {
  return f.ports.length ? Math.min(...f.ports) : Number.MAX_SAFE_INTEGER;
}

/** Critical, then warning, then info; then by lowest port; then in FINDING_IDS order. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    firstPort(a) - firstPort(b) ||
    FINDING_IDS.indexOf(a.id) - FINDING_IDS.indexOf(b.id)
  );
}

/** Run every rule over the observations of one host. Pure: no I/O, no clock. */
export function diagnose(input: DiagnosisInput): Diagnosis {
  const platform = platformOf(input);
  const findings = gradeFindings(RULES.flatMap((rule) => rule(input)), { platform, requirements: input.options.requirements ?? [] });
  return { platform, findings: findings.sort(compareFindings) };
}
