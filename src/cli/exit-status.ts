import type { Verdict } from '../report/types';

/** Nagios plugin convention, so the CLI drops into existing monitoring. */
export const EXIT = { ok: 0, warning: 1, critical: 2, unknown: 3 } as const;

export function exitStatus(verdicts: Verdict[]): number {
  return Math.max(EXIT.ok, ...verdicts.map((v) => EXIT[v]));
}
