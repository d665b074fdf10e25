import type { Report } from '../report/types';
import { safe } from '../report/plain-text';
import { levelColour, style, type Style } from './colour';

export type Outcome = 'ok' | 'warning' | 'critical' | 'unreachable' | 'unknown';

export type Tally = Record<Outcome, number>;

/** Unreachable: no port of the host could even be connected to; otherwise the report's verdict. */
export function outcomeOf(report: Report): Outcome {
  const neverConnected = report.ports.length > 0 && report.ports.every((p) => p.error && (p.error.step === 'resolve' || p.error.step === 'connect'));
  return neverConnected && report.verdict !== 'unknown' ? 'unreachable' : report.verdict;
}

export function emptyTally(): Tally {
  return { ok: 0, warning: 0, critical: 0, unreachable: 0, unknown: 0 };
}

export function tallyText(t: Tally): string {
  const parts = [`${t.ok} OK`, `${t.warning} warning`, `${t.critical} critical`, `${t.unreachable} unreachable`];
  if (t.unknown > 0) parts.push(`${t.unknown} unknown`);
  return parts.join(', ');
}

export function summaryLine(t: Tally): string {
  const total = Object.values(t).reduce((a, b) => a + b, 0);
  return `${total} ${total === 1 ? 'target' : 'targets'}: ${tallyText(t)}`;
}

/** One line per finished target in bulk text mode: outcome, host, ports, finding ids. */
export function bulkLine(report: Report, s: Style = style(false)): string {
  const outcome = outcomeOf(report);
  const word = levelColour(outcome === 'unreachable' ? 'critical' : outcome, s)(outcome.toUpperCase().padEnd(11));
  const ports = report.ports.map((p) => p.port).join(',');
  const ids = [...new Set(report.findings.filter((f) => f.severity !== 'info').map((f) => f.id))];
  const errors = report.ports.filter((p) => p.error).map((p) => `${p.port}: ${p.error!.message}`);
  const why = ids.length > 0 ? ids.join(', ') : errors.length > 0 ? errors.join('; ') : 'no problems found';
  return `${word} ${safe(report.host)}  ports ${ports}  ${safe(why)}\n`;
}
