import type { Report, Verdict } from '../report/types';
import { safe } from '../plain-text/escape';
import { levelColour, style, type Style } from '../plain-text/colour';

/** Targets per verdict: the same four words as a single probe's header and the exit status. */
export type Tally = Record<Verdict, number>;

const VERDICTS: readonly Verdict[] = ['ok', 'warning', 'critical', 'unknown'];

export function emptyTally(): Tally {
  return { ok: 0, warning: 0, critical: 0, unknown: 0 };
}

export function tallyText(t: Tally): string {
  return VERDICTS.map((v) => `${t[v]} ${v.toUpperCase()}`).join(', ');
}

export function summaryLine(t: Tally): string {
  const total = Object.values(t).reduce((a, b) => a + b, 0);
  return `${total} ${total === 1 ? 'target' : 'targets'}: ${tallyText(t)}`;
}

/** One line per finished target in bulk text mode: the report's verdict (as a single probe says it), host, ports, finding ids. */
export function bulkLine(report: Report, s: Style = style(false)): string {
  const word = levelColour(report.verdict, s)(report.verdict.toUpperCase().padEnd(8));
  const ports = report.ports.map((p) => p.port).join(',');
  const ids = [...new Set(report.findings.filter((f) => f.severity !== 'info').map((f) => f.id))];
  const errors = report.ports.filter((p) => p.error).map((p) => `${p.port}: ${p.error!.message}`);
  const why = ids.length > 0 ? ids.join(', ') : errors.length > 0 ? errors.join('; ') : 'no problems found';
  return `${word} ${safe(report.host)}  ports ${ports}  ${safe(why)}\n`;
}
