import type { Verdict } from '../report/types';

/** Nagios plugin convention, so the CLI drops into existing monitoring. */
export const EXIT = { ok: 0, warning: 1, critical: 2, unknown: 3 } as const;

/** Worst first: a known critical problem outranks a host that could not be assessed. */
const ORDER: Verdict[] = ['critical', 'unknown', 'warning', 'ok'];

export function exitStatus(verdicts: Verdict[]): number {
  const worst = ORDER.find((v) => verdicts.includes(v)) ?? 'ok';
  return EXIT[worst];
}
