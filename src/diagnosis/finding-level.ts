import type { Finding, Severity } from './types';

/** How a finding is labelled beside a report's verdict: its severity, or `unknown` for one that says the port could not be assessed. */
export type FindingLevel = Severity | 'unknown';

/**
 * smtp-not-testable keeps severity `warning` (so it is never read as a pass), but it is what
 * makes a report's verdict UNKNOWN: labelled so, header and finding say the same word.
 */
export function findingLevel(f: Pick<Finding, 'id' | 'severity'>): FindingLevel {
  return f.id === 'smtp-not-testable' ? 'unknown' : f.severity;
}
