import { safe } from '../plain-text/escape';
import type { Report } from '../report/types';

const SEVERITY_ORDER = ['critical', 'warning', 'unknown'];

/**
 * The monitoring-plugin output (Nagios, Icinga, Checkmk, Zabbix): one line,
 * `STARTTLS <STATE> - <summary> | <perfdata>`. Perfdata: the whole check's time, then per port its
 * time, whether TLS was reached, and the certificate's days left with --warn-days as the warning
 * and 0 (expired) as the critical threshold; `U` when no certificate was seen.
 */
export function nagiosLine(report: Report, warnDays: number): string {
  return `STARTTLS ${report.verdict.toUpperCase()} - ${oneLine(summary(report))} | ${perfdata(report, warnDays).join(' ')}\n`;
}

function summary(r: Report): string {
  const problems = r.findings.filter((f) => f.severity !== 'info').sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const ports = r.ports.map((p) => p.port).join(', ');
  if (problems.length === 0) return `${r.host}: STARTTLS and certificate OK on port${r.ports.length === 1 ? '' : 's'} ${ports}`;
  const [worst, ...rest] = problems;
  const others = [...new Set(rest.map((f) => f.id))];
  return `${r.host}: ${worst.title}${others.length > 0 ? ` (also: ${others.join(', ')})` : ''}`;
}

function perfdata(r: Report, warnDays: number): string[] {
  const items = [`time=${seconds(r.durationMs)};;;0`];
  for (const p of r.ports) {
    const tls = p.starttls.protocol !== undefined;
    items.push(`time_${p.port}=${seconds(p.totalMs)};;;0`, `tls_${p.port}=${tls ? 1 : 0};;;0;1`);
    items.push(`days_left_${p.port}=${p.certificate ? p.certificate.daysLeft : 'U'};${warnDays};0;0`);
  }
  return items;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`;
}

/** Server-controlled text can reach the summary (titles quote it): escaped as in the text report, one line, no `|` (it starts perfdata), bounded. */
function oneLine(text: string): string {
  const clean = safe(text).replace(/[\t\n]+/g, ' ').replace(/\|/g, '/');
  return clean.length > 300 ? `${clean.slice(0, 299)}…` : clean;
}
